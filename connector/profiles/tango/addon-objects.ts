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
  const sales = db
    .from(distinctHeaders(db).as('f'))
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
    .join(distinctHeaders(db).as('h'), function on() {
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

export const tangoAddon: ProfileAddon = {
  views: TANGO_VIEW_SOURCES,
  readTables: TANGO_READ_TABLES,
  moneyFlows: tangoMoneyFlowsQuery,
};
