import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mssqlCompiler, openDatabase } from '../../connector/connection';
import { moneyFlowsQuery } from '../../connector/addon/kpi-erp-flows';
import { kpiTables, kpiViewDefinitions } from '../../connector/addon/kpi-schema';
import {
  deleteStaleKpiStatement, insertKpiStatement, kpiDiaRow, updateKpiStatement, writeDailySnapshot,
} from '../../connector/addon/kpi-snapshot-write';
import { appliedVersions, migrate, rollback } from '../../connector/addon/migrations';
import { addonTables, type AddonTables } from '../../connector/addon/tables';
import { TANGO_VIEW_SOURCES } from '../../connector/addon/views';
import { tangoProfile } from '../../connector/profiles/tango';
import { snapshotRows } from '../../rules/kpis/snapshot';
import type { OpenInstallment } from '../../rules/types';

const NOW = new Date('2026-03-31T23:00:00Z');
const inst = (customerCode: string, dueOn: string, pending: number): OpenInstallment => ({
  customerCode, voucherType: 'FAC', voucherNumber: `${customerCode}-${dueOn}`, issuedOn: '2026-01-01', dueOn, amount: pending, pending,
});

let dir: string;
let db: Knex;
const t: AddonTables = addonTables();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-kpi-'));
  db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
  // The seller view joins GVA23: a minimal one, as in Tango.
  await db.schema.createTable('GVA14', (c) => { c.string('COD_CLIENT', 6); c.string('RAZON_SOCI', 60); c.string('COD_VENDED', 10); });
  await db.schema.createTable('GVA23', (c) => { c.string('COD_VENDED', 10); c.string('NOMBRE_VEN', 60); });
  await db('GVA23').insert([{ COD_VENDED: '01  ', NOMBRE_VEN: 'ANA GÓMEZ' }]);
  await migrate(db, t, TANGO_VIEW_SOURCES, () => NOW);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const classifier = { sellerOf: (c: string) => (c === 'C1' ? '01' : '02'), tierOf: (c: string) => (c === 'C1' ? 'A' : 'C') };

describe('KPI_DIA: migration, idempotent writes and views', () => {
  it('version 3 creates the table and views, and rolls back cleanly', async () => {
    expect(await appliedVersions(db, t)).toContain(3);
    const k = kpiTables(t);
    expect(await db.schema.hasTable(k.kpiDia)).toBe(true);
    await rollback(db, t, 2);
    expect(await db.schema.hasTable(k.kpiDia)).toBe(false);
    await migrate(db, t, TANGO_VIEW_SOURCES, () => NOW);
    expect(await db.schema.hasTable(k.kpiDia)).toBe(true);
  });

  it('writes a day once: a second write updates in place, vanished groups are removed', async () => {
    const asOf = '2026-03-31';
    const rows = snapshotRows({ asOf, installments: [inst('C1', '2026-03-01', 200), inst('C2', '2026-04-10', 100)], classifier });
    expect(await writeDailySnapshot(db, t, { asOf, company: 'Demo SA', rows }, NOW)).toEqual({ rows: 5 });
    const first = (await db(kpiTables(t).kpiDia).select('*').orderBy(['DIMENSION', 'VALOR'])).map((r: Record<string, unknown>) => ({ ...r }));
    // Same figures an hour later: nothing is rewritten, not even ACTUALIZADO.
    await writeDailySnapshot(db, t, { asOf, company: 'Demo SA', rows }, new Date(NOW.getTime() + 3_600_000));
    const again = (await db(kpiTables(t).kpiDia).select('*').orderBy(['DIMENSION', 'VALOR'])).map((r: object) => ({ ...r }));
    expect(again).toEqual(first);
    expect(first.map((r) => `${r.DIMENSION}|${r.VALOR}|${r.SALDO_TOTAL}|${r.SALDO_VENCIDO}`)).toEqual([
      'nivel|A|200|200', 'nivel|C|100|0', 'total||300|200', 'vendedor|01|200|200', 'vendedor|02|100|0',
    ]);

    // C2 paid: seller 02 and tier C vanish from the day; C1's balance changes.
    const later = snapshotRows({ asOf, installments: [inst('C1', '2026-03-01', 150)], classifier });
    await writeDailySnapshot(db, t, { asOf, company: 'Demo SA', rows: later }, NOW);
    const after = (await db(kpiTables(t).kpiDia).select('DIMENSION', 'VALOR', 'SALDO_TOTAL').orderBy(['DIMENSION', 'VALOR'])).map((r: object) => ({ ...r }));
    expect(after).toEqual([
      { DIMENSION: 'nivel', VALOR: 'A', SALDO_TOTAL: 150 },
      { DIMENSION: 'total', VALOR: '', SALDO_TOTAL: 150 },
      { DIMENSION: 'vendedor', VALOR: '01', SALDO_TOTAL: 150 },
    ]);

    const k = kpiTables(t);
    const daily = (await db(k.vKpiDiario).select('FECHA', 'SALDO_VENCIDO', 'PORC_VENCIDO')).map((r: object) => ({ ...r }));
    expect(daily).toEqual([{ FECHA: asOf, SALDO_VENCIDO: 150, PORC_VENCIDO: 100 }]);
    const sellers = (await db(k.vKpiVendedor).select('COD_VENDEDOR', 'NOMBRE_VENDEDOR')).map((r: object) => ({ ...r }));
    expect(sellers).toEqual([{ COD_VENDEDOR: '01', NOMBRE_VENDEDOR: 'ANA GÓMEZ' }]);
  });
});

describe('KPI T-SQL (SQL Server dialect)', () => {
  const ms = mssqlCompiler();
  const rows = snapshotRows({ asOf: '2026-03-31', installments: [inst('C1', '2026-03-01', 200)], classifier })
    .filter((r) => r.dimension === 'total')
    .map((r) => kpiDiaRow(r, 'Demo SA', NOW));

  it('upserts with UPDATE … FROM and INSERT … WHERE NOT EXISTS, values bound', () => {
    const update = updateKpiStatement(ms, t, rows).toSQL().toNative();
    expect(update.sql).toMatchSnapshot();
    expect(update.bindings).toContain('Demo SA');
    const insert = insertKpiStatement(ms, t, rows).toSQL().toNative();
    expect(insert.sql).toMatchSnapshot();
    expect(insert.sql).toContain('with (updlock, holdlock)');
    expect(insert.sql.toLowerCase()).not.toContain('merge');
    expect(deleteStaleKpiStatement(ms, t, '2026-03-31', 'vendedor', ['01', '02']).toSQL().toNative()).toMatchSnapshot();
  });

  it('reads ERP money flows in one grouped statement', () => {
    const q = moneyFlowsQuery(ms, { from: '2026-03-01', to: '2026-03-31' }, tangoProfile).toSQL().toNative();
    expect(q.sql).toMatchSnapshot();
    expect(q.bindings).toContainEqual(new Date('2026-04-01T00:00:00Z'));
  });

  it('creates views with the seller join trimmed in the database collation', () => {
    expect(kpiViewDefinitions(t, TANGO_VIEW_SOURCES, 'mssql')).toMatchSnapshot();
  });
});
