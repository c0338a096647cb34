/**
 * The Tango names behind the add-on objects: the tables the report views join
 * to (customers GVA14, sellers GVA23), every table the service reads (the
 * permission script grants SELECT on these only) and the KPI money flows:
 * credit sales (invoices by issue date) and receipts applied to installments
 * (by receipt date), one set-based SELECT, every value bound. Headers are
 * read through distinctHeaders: a header stored twice counts once.
 */
import type { Knex } from 'knex';
import { addDays } from '../../../rules/dates';
import type { Period } from '../../../rules/kpis/types';
import type { ViewSources } from '../../addon/views';
import { sqlDialect } from '../../dialect/sql-dialect';
import type { ProfileAddon } from '../profile';
import { distinctHeaders } from './queries';
import { ABSURD_AMOUNT, CODES, GVA07, GVA12, GVA14, GVA15, GVA23, GVA46, SBA14 } from './schema';

export const TANGO_VIEW_SOURCES: ViewSources = {
  customerTable: GVA14.table,
  customerCode: GVA14.code,
  customerName: GVA14.name,
  customerSeller: GVA14.seller,
  sellerTable: GVA23.table,
  sellerCode: GVA23.code,
  sellerName: GVA23.name,
};

export const TANGO_READ_TABLES: readonly string[] = [
  GVA12.table, GVA46.table, GVA07.table, GVA15.table, GVA14.table, GVA23.table, SBA14.table,
];

export function tangoMoneyFlowsQuery(db: Knex, period: Period): Knex.QueryBuilder {
  const d = sqlDialect(db);
  const from = d.dateParam(period.from);
  const until = d.dateParam(addDays(period.to, 1));
  const trimmed = (c: string): Knex.Raw => d.trim(db, c);
  // Only the period's invoice headers are taken through the DISTINCT (not all of GVA12).
  const salesHeaders = distinctHeaders(db, (q) => {
    q.where(trimmed(`g.${GVA12.type}`), '=', CODES.invoice)
      .where(`g.${GVA12.issuedOn}`, '>=', from)
      .where(`g.${GVA12.issuedOn}`, '<', until)
      .where(`g.${GVA12.amount}`, '>=', 0)
      .where(`g.${GVA12.amount}`, '<=', ABSURD_AMOUNT);
  });
  const sales = db
    .from(salesHeaders.as('f'))
    .select(
      db.raw('?? as ??', [`f.${GVA12.customer}`, 'COD_CLIENT']),
      db.raw('?? as ??', [`f.${GVA12.issuedOn}`, 'FECHA']),
      db.raw("'venta' as ??", ['TIPO']),
      db.raw('SUM(??) as ??', [`f.${GVA12.amount}`, 'IMPORTE']),
    )
    .groupBy(`f.${GVA12.customer}`, `f.${GVA12.issuedOn}`);
  const receiptInPeriod = (q: Knex.QueryBuilder, alias: string): Knex.QueryBuilder =>
    q
      .where(trimmed(`${alias}.${GVA07.appliedType}`), '=', CODES.receipt)
      .where(`${alias}.${GVA07.appliedOn}`, '>=', from)
      .where(`${alias}.${GVA07.appliedOn}`, '<', until)
      .where(`${alias}.${GVA07.amount}`, '>', 0)
      .where(`${alias}.${GVA07.amount}`, '<=', ABSURD_AMOUNT);
  // The vouchers the period's receipts paid: only their headers go through the DISTINCT.
  const paidVouchers = receiptInPeriod(
    db.from(`${GVA07.table} as k`).distinct(
      db.raw('? as ??', [trimmed(`k.${GVA07.type}`), 'K_TYPE']),
      db.raw('? as ??', [trimmed(`k.${GVA07.number}`), 'K_NUMBER']),
    ),
    'k',
  );
  const paidHeaders = distinctHeaders(db, (q) => {
    q.join(paidVouchers.as('k'), function on() {
      this.on(db.raw('? = ??', [trimmed(`g.${GVA12.type}`), 'k.K_TYPE']))
        .andOn(db.raw('? = ??', [trimmed(`g.${GVA12.number}`), 'k.K_NUMBER']));
    });
  });
  const receipts = receiptInPeriod(
    db
      .from(`${GVA07.table} as a`)
      .join(paidHeaders.as('h'), function on() {
        this.on(db.raw('?? = ?', [`h.${GVA12.type}`, trimmed(`a.${GVA07.type}`)]))
          .andOn(db.raw('?? = ?', [`h.${GVA12.number}`, trimmed(`a.${GVA07.number}`)]));
      })
      .select(
        db.raw('?? as ??', [`h.${GVA12.customer}`, 'COD_CLIENT']),
        db.raw('?? as ??', [`a.${GVA07.appliedOn}`, 'FECHA']),
        db.raw("'cobro' as ??", ['TIPO']),
        db.raw('SUM(??) as ??', [`a.${GVA07.amount}`, 'IMPORTE']),
      ),
    'a',
  ).groupBy(`h.${GVA12.customer}`, `a.${GVA07.appliedOn}`);
  // Each side as a derived table keeps its GROUP BY inside; no parentheses around
  // the UNION members, which SQLite does not accept.
  return db.select('s.*').from(sales.as('s')).unionAll(db.select('r.*').from(receipts.as('r')), false);
}

export const tangoAddon: ProfileAddon = {
  views: TANGO_VIEW_SOURCES,
  readTables: TANGO_READ_TABLES,
  moneyFlows: tangoMoneyFlowsQuery,
};
