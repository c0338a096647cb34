/**
 * The money that moved in the ERP over a date range, per customer and day,
 * for the KPIs: credit sales (invoices by issue date) and receipts applied to
 * installments (by receipt date). One set-based SELECT (a UNION ALL of two
 * grouped reads), every value bound, same shapes and rules as the Tango
 * profile's own reads; table and column names come from the profile's schema.
 *
 * Bejerman: credit sales are its invoices (TipComp kind 'FC') by issue date and
 * receipts its RC vouchers by issue date, at their absolute amount (Bejerman's
 * applications are not read, so a receipt counts whole, including what stays
 * on account). The 'vistas' profile has no sales or receipts: no flows.
 */
import type { Knex } from 'knex';
import { addDays } from '../../rules/dates';
import type { MoneyFlow, Period } from '../../rules/kpis/types';
import { sqlDialect } from '../dialect/sql-dialect';
import { sqlKit } from '../dialect/sql-kit';
import {
  ABSURD_AMOUNT as BEJERMAN_ABSURD, CABVENTA as CV, CODES as BEJERMAN_CODES, TIPCOMP,
} from '../profiles/bejerman/schema';
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

/** Bejerman's credit sales (invoices) and receipts (RC) per customer and issue day. */
export function bejermanMoneyFlowsQuery(db: Knex, period: Period): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(period.from);
  const until = k.d.dateParam(addDays(period.to, 1));
  const customer = k.trimmed('c', CV.customer);
  const amount = db.raw('ABS(?)', [k.col('c', CV.amount)]);
  const side = (kind: string, tipo: 'venta' | 'cobro'): Knex.QueryBuilder =>
    db
      .from(`${CV.table} as c`)
      .join(`${TIPCOMP.table} as t`, function on() {
        this.on(k.eq(k.trimmed('t', TIPCOMP.code), k.trimmed('c', CV.type)))
          .andOn(k.eq(k.col('t', TIPCOMP.circuit), k.col('c', CV.circuit)));
      })
      .select(
        k.as(customer, 'COD_CLIENT'),
        k.as(k.col('c', CV.issuedOn), 'FECHA'),
        db.raw(`'${tipo}' as ??`, ['TIPO']),
        k.as(db.raw('SUM(?)', [amount]), 'IMPORTE'),
      )
      .where(`t.${TIPCOMP.kind}`, kind)
      .where((w) => w.whereNull(`c.${CV.voided}`).orWhere(`c.${CV.voided}`, '<>', BEJERMAN_CODES.voided))
      .where(`c.${CV.issuedOn}`, '>=', from)
      .where(`c.${CV.issuedOn}`, '<', until)
      .where(amount, '>', 0)
      .where(amount, '<=', BEJERMAN_ABSURD)
      .groupByRaw('?, ?', [customer, k.col('c', CV.issuedOn)]);
  return db.select('s.*').from(side(BEJERMAN_CODES.invoiceKind, 'venta').as('s'))
    .unionAll(db.select('r.*').from(side('RC', 'cobro').as('r')), false);
}

/** The flows query of an ERP profile, null when the profile cannot tell sales and receipts ('vistas'). */
export function moneyFlowsQueryFor(profile: string, db: Knex, period: Period): Knex.QueryBuilder | null {
  if (profile === 'tango') return moneyFlowsQuery(db, period);
  if (profile === 'bejerman') return bejermanMoneyFlowsQuery(db, period);
  return null;
}

/** Whether the KPIs can read sales and receipts from this ERP profile. */
export function profileHasMoneyFlows(profile: string): boolean {
  return profile === 'tango' || profile === 'bejerman';
}

export async function readMoneyFlows(db: Knex, period: Period, profile = 'tango'): Promise<MoneyFlow[]> {
  const query = moneyFlowsQueryFor(profile, db, period);
  if (!query) return [];
  type FlowRow = { COD_CLIENT: string; FECHA: unknown; TIPO: string; IMPORTE: number | string };
  const out: MoneyFlow[] = [];
  // Streamed: a year of flows per customer and day can be a million rows, and
  // only the compact MoneyFlow objects need to stay in memory.
  for await (const r of query.stream() as AsyncIterable<FlowRow>) {
    const on = toIsoDate(r.FECHA);
    const amount = Number(r.IMPORTE);
    if (!on || !r.COD_CLIENT || !Number.isFinite(amount)) continue;
    out.push({ customerCode: String(r.COD_CLIENT).trim(), on, kind: r.TIPO === 'cobro' ? 'cobro' : 'venta', amount: Math.round(amount * 100) / 100 });
  }
  return out;
}
