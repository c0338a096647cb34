/**
 * Schema version 4: aging per installment for the ERP's report tools.
 * `${prefix}ANTIGUEDAD` keeps one row per customer with an open balance, as of
 * the last cycle: each installment's pending amount sits in the bucket of its
 * OWN days overdue (the same split as the KPI snapshot, so the rows add up to
 * KPI_DIA's company row of that day). V_ANTIGUEDAD reads it with the
 * customer's name; it replaces version 2's view, which put a customer's whole
 * overdue balance in the bucket of its oldest installment and only covered
 * alerted customers.
 *
 * The cycle writes it like COB_ALERTA, in one transaction: a row is updated
 * only when a figure changed (ACTUALIZADA moves only then), inserted when new,
 * and deleted when the customer has nothing open any more; FECHA (the cycle's
 * cut-off day) is then set on every row with one statement.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../connection';
import type { CustomerAging } from '../../rules/aging';
import type { IsoDate, Tier } from '../../rules/types';
import { PARAM_LIMIT, trimmedSql } from '../dialect/addon-sql';
import { chunk } from './chunks';
import { rowChanged, type ColumnKind } from './row-compare';
import type { TableDefinition } from './schema-v1';
import { insertMissing, rowsPerStatement, updateFromValues, type Row } from './set-statements';
import type { AddonTables } from './tables';
import { checkViewSources, type ViewDefinition, type ViewSources } from './views';

/** Customer codes, as in every add-on table. */
const CODE = 20;

export function agingTableName(t: AddonTables): string {
  return `${t.prefix}ANTIGUEDAD`;
}

/** The figures of a row, with how to compare them (FECHA and ACTUALIZADA are not compared). */
export const AGING_KINDS: Record<string, ColumnKind> = {
  NIVEL: 'text',
  DIAS_ATRASO: 'int',
  A_VENCER: 'money',
  VENCIDO_1_30: 'money',
  VENCIDO_31_60: 'money',
  VENCIDO_61_90: 'money',
  VENCIDO_MAS_90: 'money',
  SALDO_VENCIDO: 'money',
  SALDO_PENDIENTE: 'money',
  CUOTAS: 'int',
};

export const AGING_COLUMNS = ['COD_CLIENT', ...Object.keys(AGING_KINDS), 'FECHA', 'ACTUALIZADA'] as const;

export function agingTableDefinition(t: AddonTables): TableDefinition {
  const name = agingTableName(t);
  return {
    name,
    build: (c: Knex.CreateTableBuilder) => {
      c.string('COD_CLIENT', CODE).primary(`PK_${name}`);
      c.string('NIVEL', 1).nullable();
      c.integer('DIAS_ATRASO').notNullable();
      for (const col of ['A_VENCER', 'VENCIDO_1_30', 'VENCIDO_31_60', 'VENCIDO_61_90', 'VENCIDO_MAS_90', 'SALDO_VENCIDO', 'SALDO_PENDIENTE']) {
        c.decimal(col, 18, 2).notNullable();
      }
      c.integer('CUOTAS').notNullable();
      c.date('FECHA').notNullable(); // cut-off day of the cycle that last wrote the table
      c.datetime('ACTUALIZADA').notNullable(); // when the row's figures last changed
    },
  };
}

/** V_ANTIGUEDAD of version 4: the table with the customer's name from the ERP. */
export function agingViewDefinition(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition {
  const s = checkViewSources(sources);
  return {
    name: t.vAntiguedad,
    select: [
      `SELECT g.COD_CLIENT, c.${s.customerName} AS RAZON_SOCIAL, g.NIVEL, g.DIAS_ATRASO,`,
      '  g.A_VENCER, g.VENCIDO_1_30, g.VENCIDO_31_60, g.VENCIDO_61_90, g.VENCIDO_MAS_90,',
      '  g.SALDO_VENCIDO, g.SALDO_PENDIENTE, g.CUOTAS, g.FECHA, g.ACTUALIZADA',
      `FROM ${agingTableName(t)} g`,
      `LEFT JOIN ${s.customerTable} c ON ${trimmedSql(`c.${s.customerCode}`, dialect)} = g.COD_CLIENT`,
    ].join('\n'),
  };
}

const cents = (n: number): number => Math.round(n * 100) / 100;

export function agingRow(a: CustomerAging, tier: Tier | null, asOf: IsoDate, now: Date): Row {
  const g = a.aging;
  return {
    COD_CLIENT: a.customerCode,
    NIVEL: tier,
    DIAS_ATRASO: Math.round(a.oldestDaysOverdue),
    A_VENCER: cents(g.corriente),
    VENCIDO_1_30: cents(g['1-30']),
    VENCIDO_31_60: cents(g['31-60']),
    VENCIDO_61_90: cents(g['61-90']),
    VENCIDO_MAS_90: cents(g['mas-90']),
    SALDO_VENCIDO: cents(g.total - g.corriente),
    SALDO_PENDIENTE: cents(g.total),
    CUOTAS: a.installments,
    FECHA: asOf,
    ACTUALIZADA: now,
  };
}

/** Brings ANTIGUEDAD in line with the cycle's per-customer aging. */
export async function writeCustomerAging(
  db: Knex, t: AddonTables, asOf: IsoDate, rows: readonly { aging: CustomerAging; tier: Tier | null }[], now: Date,
): Promise<{ written: number; deleted: number }> {
  const table = agingTableName(t);
  const stored = new Map<string, Row>();
  for (const r of (await db(table).select(AGING_COLUMNS)) as Row[]) stored.set(String(r.COD_CLIENT), r);
  const wanted = new Set<string>();
  const updates: Row[] = [];
  const inserts: Row[] = [];
  for (const { aging, tier } of rows) {
    if (wanted.has(aging.customerCode)) continue;
    wanted.add(aging.customerCode);
    const row = agingRow(aging, tier, asOf, now);
    const old = stored.get(aging.customerCode);
    if (!old) inserts.push(row);
    else if (rowChanged(row, old, AGING_KINDS)) updates.push(row);
  }
  const absent = [...stored.keys()].filter((code) => !wanted.has(code));
  const perStatement = rowsPerStatement(AGING_COLUMNS.length);
  // One transaction: report tools never see half a cycle's aging.
  await db.transaction(async (trx) => {
    for (const part of chunk(updates, perStatement)) await updateFromValues(trx, table, 'COD_CLIENT', AGING_COLUMNS, part);
    for (const part of chunk(inserts, perStatement)) await insertMissing(trx, table, 'COD_CLIENT', AGING_COLUMNS, part);
    for (const part of chunk(absent, PARAM_LIMIT)) await trx(table).whereIn('COD_CLIENT', part).delete();
    await trx(table).whereNot('FECHA', asOf).update({ FECHA: asOf });
  });
  return { written: updates.length + inserts.length, deleted: absent.length };
}
