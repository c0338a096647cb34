/**
 * The KPI objects of the add-on (schema version 3): the daily snapshot table
 * `${prefix}KPI_DIA` and the views the ERP's report tools read:
 * - V_KPI_DIARIO: the company's row of each day, with the overdue share.
 * - V_KPI_VENDEDOR: each seller's row of each day, with the seller's name.
 * - V_KPI_NIVEL: each risk tier's row of each day.
 * Names derive from the configured prefix like every other add-on object.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../connection';
import { trimmedSql } from '../dialect/addon-sql';
import type { TableDefinition } from './schema-v1';
import type { AddonTables } from './tables';
import { checkViewSources, type ViewDefinition, type ViewSources } from './views';

export interface KpiTables {
  kpiDia: string;
  vKpiDiario: string;
  vKpiVendedor: string;
  vKpiNivel: string;
}

export function kpiTables(t: AddonTables): KpiTables {
  return {
    kpiDia: `${t.prefix}KPI_DIA`,
    vKpiDiario: `${t.prefix}V_KPI_DIARIO`,
    vKpiVendedor: `${t.prefix}V_KPI_VENDEDOR`,
    vKpiNivel: `${t.prefix}V_KPI_NIVEL`,
  };
}

/** Money columns of KPI_DIA, in order (also the columns the writer fills). */
export const KPI_AMOUNT_COLUMNS = [
  'SALDO_A_VENCER', 'SALDO_1_30', 'SALDO_31_60', 'SALDO_61_90', 'SALDO_MAS_90', 'SALDO_TOTAL', 'SALDO_VENCIDO',
  'FACTURADO_DIA', 'FACTURADO_MES', 'COBRADO_DIA', 'COBRADO_MES',
] as const;
export const KPI_COUNT_COLUMNS = ['CLIENTES', 'CLIENTES_VENCIDOS', 'CUOTAS'] as const;
export const KPI_KEY_COLUMNS = ['FECHA', 'DIMENSION', 'VALOR'] as const;
export const KPI_COLUMNS = [
  ...KPI_KEY_COLUMNS, 'EMPRESA', ...KPI_AMOUNT_COLUMNS, ...KPI_COUNT_COLUMNS, 'ACTUALIZADO',
] as const;

export function kpiTableDefinition(t: AddonTables): TableDefinition {
  const k = kpiTables(t);
  return {
    name: k.kpiDia,
    build: (c: Knex.CreateTableBuilder) => {
      c.date('FECHA').notNullable();
      c.string('DIMENSION', 10).notNullable(); // total | vendedor | nivel
      c.string('VALOR', 20).notNullable(); // seller code or tier; '' for total
      c.string('EMPRESA', 40).notNullable();
      for (const col of KPI_AMOUNT_COLUMNS) c.decimal(col, 18, 2).notNullable().defaultTo(0);
      for (const col of KPI_COUNT_COLUMNS) c.integer(col).notNullable().defaultTo(0);
      c.datetime('ACTUALIZADO').notNullable();
      c.primary([...KPI_KEY_COLUMNS], `PK_${k.kpiDia}`);
    },
  };
}

export function kpiViewDefinitions(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition[] {
  const s = checkViewSources(sources);
  const k = kpiTables(t);
  const figures = [
    '  k.SALDO_A_VENCER, k.SALDO_1_30, k.SALDO_31_60, k.SALDO_61_90, k.SALDO_MAS_90, k.SALDO_TOTAL, k.SALDO_VENCIDO,',
    '  CASE WHEN k.SALDO_TOTAL > 0 THEN k.SALDO_VENCIDO * 100.0 / k.SALDO_TOTAL ELSE 0 END AS PORC_VENCIDO,',
    '  k.FACTURADO_DIA, k.FACTURADO_MES, k.COBRADO_DIA, k.COBRADO_MES, k.CLIENTES, k.CLIENTES_VENCIDOS, k.CUOTAS, k.ACTUALIZADO',
  ];
  return [
    {
      name: k.vKpiDiario,
      select: ['SELECT k.FECHA, k.EMPRESA,', ...figures, `FROM ${k.kpiDia} k`, "WHERE k.DIMENSION = 'total'"].join('\n'),
    },
    {
      name: k.vKpiVendedor,
      select: [
        `SELECT k.FECHA, k.EMPRESA, k.VALOR AS COD_VENDEDOR, v.${s.sellerName} AS NOMBRE_VENDEDOR,`,
        ...figures,
        `FROM ${k.kpiDia} k`,
        `LEFT JOIN ${s.sellerTable} v ON ${trimmedSql(`v.${s.sellerCode}`, dialect)} = k.VALOR`,
        "WHERE k.DIMENSION = 'vendedor'",
      ].join('\n'),
    },
    {
      name: k.vKpiNivel,
      select: ['SELECT k.FECHA, k.EMPRESA, k.VALOR AS NIVEL,', ...figures, `FROM ${k.kpiDia} k`, "WHERE k.DIMENSION = 'nivel'"].join('\n'),
    },
  ];
}
