/**
 * The Tango Gestión profile, read side: a handful of set-based SELECTs (queries.ts)
 * streamed through the row mappers (rows.ts).
 */
import { readMoneyFlows } from '../../addon/kpi-erp-flows';
import type { ErpProfile } from '../profile';
import { queryProfile } from '../query-profile';
import { tangoAddon } from './addon-objects';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

const base = queryProfile(
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

export const tangoProfile: ErpProfile = {
  ...base,
  // Receipts applied to installments (GVA07), by receipt date: the same read as the KPIs'.
  async receipts(db, period) {
    return (await readMoneyFlows(db, period, base)).filter((f) => f.kind === 'cobro');
  },
};
