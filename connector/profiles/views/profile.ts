/**
 * The SQL-views profile, for any ERP: reads the CADENCIA_* views an installer
 * wrote over the ERP's tables (templates in sql/vistas-plantilla.sql).
 */
import { queryProfile } from '../query-profile';
import { viewsAddon } from './addon-objects';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

export const viewsProfile = queryProfile(
  'vistas',
  {
    sellers: sellersQuery,
    customers: customersQuery,
    openInstallments: openInstallmentsQuery,
    paymentBehaviour: paymentBehaviourQuery,
    unappliedMoney: unappliedMoneyQuery,
  },
  {
    seller: toSeller,
    customer: toCustomer,
    openInstallment: toOpenInstallment,
    paymentBehaviour: toPaymentBehaviour,
    unappliedMoney: toUnappliedMoney,
  },
  viewsAddon,
);
