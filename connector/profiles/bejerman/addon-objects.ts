/**
 * The Bejerman names behind the add-on objects: the tables the report views
 * join to (Clientes, Vendedor), every table the service reads (the permission
 * script grants SELECT on these only) and the KPI money flows. Bejerman's
 * applications are not read (see queries.ts), so the flows are: credit sales,
 * the installments of invoices by issue date (their sum is the invoice), and
 * receipts by issue date, read with ABS() like every Bejerman credit. Voided
 * vouchers are left out; a row stored twice counts once (distinctSales).
 */
import type { Knex } from 'knex';
import { addDays } from '../../../rules/dates';
import type { Period } from '../../../rules/kpis/types';
import type { ViewSources } from '../../addon/views';
import { sqlKit } from '../../dialect/sql-kit';
import type { ProfileAddon } from '../profile';
import { salesRows } from './queries';
import { ABSURD_AMOUNT, CABVENTA as CV, CLIENTES, CODES, TIPCOMP, VENDEDOR } from './schema';

export const BEJERMAN_VIEW_SOURCES: ViewSources = {
  customerTable: CLIENTES.table,
  customerCode: CLIENTES.code,
  customerName: CLIENTES.name,
  customerSeller: CLIENTES.seller,
  sellerTable: VENDEDOR.table,
  sellerCode: VENDEDOR.code,
  sellerName: VENDEDOR.name,
};

export const BEJERMAN_READ_TABLES: readonly string[] = [CV.table, TIPCOMP.table, CLIENTES.table, VENDEDOR.table];

/** tco_TipoFijo of a receipt. */
const RECEIPT_KIND = 'RC';

export function bejermanMoneyFlowsQuery(db: Knex, period: Period): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(period.from);
  const until = k.d.dateParam(addDays(period.to, 1));
  const customer = k.trimmed('c', CV.customer);
  const flows = (kind: string, label: 'venta' | 'cobro', amount: Knex.Raw): Knex.QueryBuilder =>
    salesRows(db, [kind], 'distinct')
      .select(
        k.as(customer, 'COD_CLIENT'),
        k.as(k.col('c', CV.issuedOn), 'FECHA'),
        db.raw(`'${label}' as ??`, ['TIPO']),
        k.as(db.raw('SUM(?)', [amount]), 'IMPORTE'),
      )
      .where(`c.${CV.issuedOn}`, '>=', from)
      .where(`c.${CV.issuedOn}`, '<', until)
      .where(amount, '>', 0)
      .where(amount, '<=', ABSURD_AMOUNT)
      .groupByRaw('?, ?', [customer, k.col('c', CV.issuedOn)]);
  const sales = flows(CODES.invoiceKind, 'venta', k.col('c', CV.amount));
  const receipts = flows(RECEIPT_KIND, 'cobro', db.raw('ABS(?)', [k.col('c', CV.amount)]));
  // Each side as a derived table keeps its GROUP BY inside (SQLite refuses parenthesised UNION members).
  return db.select('s.*').from(sales.as('s')).unionAll(db.select('r.*').from(receipts.as('r')), false);
}

export const bejermanAddon: ProfileAddon = {
  views: BEJERMAN_VIEW_SOURCES,
  readTables: BEJERMAN_READ_TABLES,
  moneyFlows: bejermanMoneyFlowsQuery,
};
