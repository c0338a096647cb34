/**
 * The Bejerman profile, read side: set-based SELECTs over CabVenta, Clientes,
 * Vendedor and TipComp (queries.ts) streamed through the row mappers (rows.ts).
 */
import { toIsoDate } from '../../addon/dates';
import type { ErpProfile } from '../profile';
import { queryProfile } from '../query-profile';
import { bejermanAddon } from './addon-objects';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, receiptsQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

const base = queryProfile(
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

export const bejermanProfile: ErpProfile = {
  ...base,
  async receipts(db, period) {
    const rows = (await receiptsQuery(db, period)) as { CLIENTE: unknown; FECHA: unknown; IMPORTE: unknown }[];
    return rows.flatMap((r) => {
      const on = toIsoDate(r.FECHA);
      const amount = Math.round(Number(r.IMPORTE) * 100) / 100;
      const customerCode = String(r.CLIENTE ?? '').trim();
      return on && customerCode && Number.isFinite(amount) && amount > 0
        ? [{ customerCode, on, kind: 'cobro' as const, amount }]
        : [];
    });
  },
};
