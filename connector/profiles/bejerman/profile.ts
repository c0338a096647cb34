/**
 * The Bejerman profile, read side: set-based SELECTs over CabVenta, Clientes,
 * Vendedor and TipComp (queries.ts) streamed through the row mappers (rows.ts).
 */
import type { ErpProfile } from '../profile';
import { queryProfile } from '../query-profile';
import { bejermanAddon } from './addon-objects';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

export const bejermanProfile: ErpProfile = queryProfile(
  'bejerman',
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
  bejermanAddon,
);
