/**
 * The money that moved in the ERP over a date range, per customer and day,
 * for the KPIs: credit sales and receipts. Each profile writes its own SELECT
 * (ProfileAddon.moneyFlows); this streams it into MoneyFlow objects.
 */
import type { Knex } from 'knex';
import type { MoneyFlow, Period } from '../../rules/kpis/types';
import type { ErpProfile } from '../profiles/profile';
import { toIsoDate } from './dates';

/** The profile's money-flows SELECT (COD_CLIENT, FECHA, TIPO, IMPORTE). */
export function moneyFlowsQuery(db: Knex, period: Period, profile: Pick<ErpProfile, 'addon'>): Knex.QueryBuilder {
  return profile.addon.moneyFlows(db, period);
}

/**
 * The flows of the period, or only those of one kind (the promise check reads
 * only receipts: the filter goes to the server).
 */
export async function readMoneyFlows(
  db: Knex, period: Period, profile: Pick<ErpProfile, 'addon'>, only?: MoneyFlow['kind'], customer?: string,
): Promise<MoneyFlow[]> {
  type FlowRow = { COD_CLIENT: string; FECHA: unknown; TIPO: string; IMPORTE: number | string };
  const out: MoneyFlow[] = [];
  // Streamed: a year of flows per customer and day can be a million rows, and
  // only the compact MoneyFlow objects need to stay in memory.
  const all = moneyFlowsQuery(db, period, profile);
  const query = only === undefined && customer === undefined ? all : db.select('m.*').from(all.as('m'))
    .modify((q) => {
      if (only !== undefined) q.where('m.TIPO', only);
      if (customer !== undefined) q.where('m.COD_CLIENT', customer);
    });
  for await (const r of query.stream() as AsyncIterable<FlowRow>) {
    const on = toIsoDate(r.FECHA);
    const amount = Number(r.IMPORTE);
    if (!on || !r.COD_CLIENT || !Number.isFinite(amount)) continue;
    out.push({ customerCode: String(r.COD_CLIENT).trim(), on, kind: r.TIPO === 'cobro' ? 'cobro' : 'venta', amount: Math.round(amount * 100) / 100 });
  }
  return out;
}
