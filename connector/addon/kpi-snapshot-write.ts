/**
 * Writes one day of the KPI snapshot into `${prefix}KPI_DIA`, idempotently:
 * one short transaction with UPDATE … FROM (bound rows) on the key (FECHA,
 * DIMENSION, VALOR), then INSERT … SELECT … WHERE NOT EXISTS for the missing
 * keys (never MERGE), then DELETE of that day's groups that no longer exist (a
 * seller without customers any more). Re-running a day leaves the same rows.
 * A day has one row per group (company, sellers, tiers): a few dozen rows, so
 * every statement stays far under the parameter budget.
 */
import type { Knex } from 'knex';
import type { IsoDate } from '../../rules/types';
import type { KpiDimension, KpiSnapshotRow } from '../../rules/kpis/types';
import { chunk } from './chunks';
import { lockedProbe } from '../dialect/addon-sql';
import { KPI_COLUMNS, kpiTables } from './kpi-schema';
import { rowsPerStatement, valuesTable, type Row } from './set-statements';
import type { AddonTables } from './tables';

export interface DailySnapshot {
  asOf: IsoDate;
  /** Company name from the INI (informative: each company has its own database). */
  company: string;
  rows: readonly KpiSnapshotRow[];
}

/** The KPI_DIA row of one snapshot row. */
export function kpiDiaRow(r: KpiSnapshotRow, company: string, now: Date): Row {
  return {
    FECHA: r.date,
    DIMENSION: r.dimension,
    VALOR: r.value,
    EMPRESA: company.slice(0, 40),
    SALDO_A_VENCER: r.aging.corriente,
    SALDO_1_30: r.aging['1-30'],
    SALDO_31_60: r.aging['31-60'],
    SALDO_61_90: r.aging['61-90'],
    SALDO_MAS_90: r.aging['mas-90'],
    SALDO_TOTAL: r.aging.total,
    SALDO_VENCIDO: r.overdue,
    FACTURADO_DIA: r.invoicedDay,
    FACTURADO_MES: r.invoicedMonth,
    COBRADO_DIA: r.collectedDay,
    COBRADO_MES: r.collectedMonth,
    CLIENTES: r.customers,
    CLIENTES_VENCIDOS: r.overdueCustomers,
    CUOTAS: r.installments,
    ACTUALIZADO: now,
  };
}

const KEY_MATCH = (table: string): string =>
  `${table}.FECHA = v.FECHA and ${table}.DIMENSION = v.DIMENSION and ${table}.VALOR = v.VALOR`;

/**
 * UPDATE KPI_DIA SET … FROM (rows) v WHERE the key matches and a figure
 * changed: re-running a cycle on unchanged data writes nothing (ACTUALIZADO
 * keeps the time the figures last changed).
 */
export function updateKpiStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.Raw {
  const table = kpiTables(t).kpiDia;
  const set = KPI_COLUMNS.filter((c) => c !== 'FECHA' && c !== 'DIMENSION' && c !== 'VALOR');
  const figures = set.filter((c) => c !== 'ACTUALIZADO' && c !== 'EMPRESA');
  const bindings: Knex.RawBinding[] = [table];
  for (const c of set) bindings.push(c, `v.${c}`);
  bindings.push(valuesTable(db, KPI_COLUMNS, rows, 'v'));
  for (const c of figures) bindings.push(`${table}.${c}`, `v.${c}`);
  const changed = figures.map(() => '?? <> ??').join(' or ');
  return db.raw(`update ?? set ${set.map(() => '?? = ??').join(', ')} from ? where ${KEY_MATCH(table)} and (${changed})`, bindings);
}

/** INSERT INTO KPI_DIA (…) SELECT … FROM (rows) v WHERE NOT EXISTS (same key). */
export function insertKpiStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  const table = kpiTables(t).kpiDia;
  return db
    .into(db.raw(`?? (${KPI_COLUMNS.map(() => '??').join(', ')})`, [table, ...KPI_COLUMNS]))
    .insert(
      db
        .select(KPI_COLUMNS.map((c) => `v.${c}`))
        .from(valuesTable(db, KPI_COLUMNS, rows, 'v'))
        .whereNotExists(db.select(db.raw('1')).from(lockedProbe(db, table)).whereRaw(KEY_MATCH(table))),
    );
}

/** DELETE the day's rows of one dimension whose value is not among `keep`. */
export function deleteStaleKpiStatement(
  db: Knex, t: AddonTables, asOf: IsoDate, dimension: KpiDimension, keep: readonly string[],
): Knex.QueryBuilder {
  const q = db(kpiTables(t).kpiDia).where('FECHA', asOf).andWhere('DIMENSION', dimension);
  return (keep.length > 0 ? q.whereNotIn('VALOR', keep) : q).delete();
}

/** Upserts the day's rows and removes that day's vanished groups, in one short transaction. */
export async function writeDailySnapshot(
  db: Knex, t: AddonTables, snapshot: DailySnapshot, now: Date = new Date(),
): Promise<{ rows: number }> {
  const rows = snapshot.rows.filter((r) => r.date === snapshot.asOf).map((r) => kpiDiaRow(r, snapshot.company, now));
  await db.transaction(async (trx) => {
    for (const part of chunk(rows, rowsPerStatement(KPI_COLUMNS.length))) {
      await updateKpiStatement(trx, t, part);
      await insertKpiStatement(trx, t, part);
    }
    for (const dimension of ['total', 'vendedor', 'nivel'] as const) {
      const keep = rows.filter((r) => r.DIMENSION === dimension).map((r) => String(r.VALOR));
      await deleteStaleKpiStatement(trx, t, snapshot.asOf, dimension, keep);
    }
  });
  return { rows: rows.length };
}
