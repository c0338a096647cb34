/**
 * The Tango Gestión profile, read side: a handful of set-based SELECTs (queries.ts)
 * streamed through the row mappers (rows.ts).
 */
import type { ErpProfile } from '../profile';
import { queryProfile } from '../query-profile';
import { tangoAddon } from './addon-objects';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

export const tangoProfile: ErpProfile = queryProfile(
  'tango',
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
  tangoAddon,
);
