/**
 * The money that moved in the ERP over a date range, per customer and day,
 * for the KPIs: credit sales (invoices by issue date) and receipts applied to
 * installments (by receipt date). One set-based SELECT (a UNION ALL of two
 * grouped reads), every value bound, same shapes and rules as the Tango
 * profile's own reads; table and column names come from the profile's schema.
 */
import type { Knex } from 'knex';
import { addDays } from '../../rules/dates';
import type { MoneyFlow, Period } from '../../rules/kpis/types';
import { sqlDialect } from '../dialect/sql-dialect';
import { ABSURD_AMOUNT, CODES, GVA07, GVA12 } from '../profiles/tango/schema';
import { toIsoDate } from './dates';

export function moneyFlowsQuery(db: Knex, period: Period): Knex.QueryBuilder {
  const d = sqlDialect(db);
  const from = d.dateParam(period.from);
  const until = d.dateParam(addDays(period.to, 1));
  const trimmed = (c: string): Knex.Raw => d.trim(db, c);
  const sales = db
    .from(`${GVA12.table} as f`)
    .select(
      db.raw('? as ??', [trimmed(`f.${GVA12.customer}`), 'COD_CLIENT']),
      db.raw('?? as ??', [`f.${GVA12.issuedOn}`, 'FECHA']),
      db.raw("'venta' as ??", ['TIPO']),
      db.raw('SUM(??) as ??', [`f.${GVA12.amount}`, 'IMPORTE']),
    )
    .where(trimmed(`f.${GVA12.type}`), '=', CODES.invoice)
    .where(`f.${GVA12.issuedOn}`, '>=', from)
    .where(`f.${GVA12.issuedOn}`, '<', until)
    .where(`f.${GVA12.amount}`, '>=', 0)
    .where(`f.${GVA12.amount}`, '<=', ABSURD_AMOUNT)
    .groupByRaw('?, ??', [trimmed(`f.${GVA12.customer}`), `f.${GVA12.issuedOn}`]);
  const receipts = db
    .from(`${GVA07.table} as a`)
    .join(`${GVA12.table} as h`, function on() {
      this.on(db.raw('? = ?', [trimmed(`h.${GVA12.type}`), trimmed(`a.${GVA07.type}`)]))
        .andOn(db.raw('? = ?', [trimmed(`h.${GVA12.number}`), trimmed(`a.${GVA07.number}`)]));
    })
    .select(
      db.raw('? as ??', [trimmed(`h.${GVA12.customer}`), 'COD_CLIENT']),
      db.raw('?? as ??', [`a.${GVA07.appliedOn}`, 'FECHA']),
      db.raw("'cobro' as ??", ['TIPO']),
      db.raw('SUM(??) as ??', [`a.${GVA07.amount}`, 'IMPORTE']),
    )
    .where(trimmed(`a.${GVA07.appliedType}`), '=', CODES.receipt)
    .where(`a.${GVA07.appliedOn}`, '>=', from)
    .where(`a.${GVA07.appliedOn}`, '<', until)
    .where(`a.${GVA07.amount}`, '>', 0)
    .where(`a.${GVA07.amount}`, '<=', ABSURD_AMOUNT)
    .groupByRaw('?, ??', [trimmed(`h.${GVA12.customer}`), `a.${GVA07.appliedOn}`]);
  // Each side as a derived table keeps its GROUP BY inside; no parentheses around
  // the UNION members, which SQLite does not accept.
  return db.select('s.*').from(sales.as('s')).unionAll(db.select('r.*').from(receipts.as('r')), false);
}

export async function readMoneyFlows(db: Knex, period: Period): Promise<MoneyFlow[]> {
  type FlowRow = { COD_CLIENT: string; FECHA: unknown; TIPO: string; IMPORTE: number | string };
  const out: MoneyFlow[] = [];
  // Streamed: a year of flows per customer and day can be a million rows, and
  // only the compact MoneyFlow objects need to stay in memory.
  for await (const r of moneyFlowsQuery(db, period).stream() as AsyncIterable<FlowRow>) {
    const on = toIsoDate(r.FECHA);
    const amount = Number(r.IMPORTE);
    if (!on || !r.COD_CLIENT || !Number.isFinite(amount)) continue;
    out.push({ customerCode: String(r.COD_CLIENT).trim(), on, kind: r.TIPO === 'cobro' ? 'cobro' : 'venta', amount: Math.round(amount * 100) / 100 });
  }
  return out;
}
