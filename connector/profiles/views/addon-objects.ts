/**
 * The views profile's names behind the add-on objects: the report views join
 * to CADENCIA_CLIENTES and CADENCIA_VENDEDORES, the permission script grants
 * SELECT on the five CADENCIA_* views only (ownership chaining covers the ERP
 * tables under them), and the KPI money flows read CADENCIA_CUOTAS (what was
 * billed, by issue date) and CADENCIA_PAGOS (what was paid, by payment date).
 */
import type { Knex } from 'knex';
import { addDays } from '../../../rules/dates';
import type { Period } from '../../../rules/kpis/types';
import type { ViewSources } from '../../addon/views';
import { sqlKit } from '../../dialect/sql-kit';
import type { ProfileAddon } from '../profile';
import { ABSURD_AMOUNT, CADENCIA_VIEWS, CLIENTES, CUOTAS, PAGOS, VENDEDORES } from './schema';

export const VIEWS_VIEW_SOURCES: ViewSources = {
  customerTable: CLIENTES.name,
  customerCode: 'CODIGO',
  customerName: 'NOMBRE',
  customerSeller: 'VENDEDOR',
  sellerTable: VENDEDORES.name,
  sellerCode: 'CODIGO',
  sellerName: 'NOMBRE',
};

export function viewsMoneyFlowsQuery(db: Knex, period: Period): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(period.from);
  const until = k.d.dateParam(addDays(period.to, 1));
  const flows = (view: string, dateColumn: string, label: 'venta' | 'cobro'): Knex.QueryBuilder =>
    db
      .from(`${view} as q`)
      .select(
        k.as(k.trimmed('q', 'CLIENTE'), 'COD_CLIENT'),
        k.as(k.col('q', dateColumn), 'FECHA'),
        db.raw(`'${label}' as ??`, ['TIPO']),
        k.as(db.raw('SUM(?)', [k.col('q', 'IMPORTE')]), 'IMPORTE'),
      )
      .where(`q.${dateColumn}`, '>=', from)
      .where(`q.${dateColumn}`, '<', until)
      .where('q.IMPORTE', '>', 0)
      .where('q.IMPORTE', '<=', ABSURD_AMOUNT)
      .groupByRaw('?, ?', [k.trimmed('q', 'CLIENTE'), k.col('q', dateColumn)]);
  const sales = flows(CUOTAS.name, 'FECHA_EMISION', 'venta');
  const payments = flows(PAGOS.name, 'FECHA_PAGO', 'cobro');
  return db.select('s.*').from(sales.as('s')).unionAll(db.select('r.*').from(payments.as('r')), false);
}

export const viewsAddon: ProfileAddon = {
  views: VIEWS_VIEW_SOURCES,
  readTables: CADENCIA_VIEWS.map((v) => v.name),
  moneyFlows: viewsMoneyFlowsQuery,
};
