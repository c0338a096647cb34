/**
 * Schema version 4 on a T-SQL server: the demo ERP copied there, the add-on
 * migrated (then rolled back to version 3 and migrated again, so version 4's
 * DROP VIEW + CREATE VIEW runs over version 2's view, as on an upgraded
 * installation), one cycle run, and COB_V_ANTIGUEDAD read: the same rows as
 * the same cycle on SQLite, summing to the day's KPI snapshot. Tango and
 * Bejerman (each profile's view joins its own customer table).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingTableName } from '../../connector/addon/aging-schema';
import { appliedVersions, migrate, rollback } from '../../connector/addon/migrations';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import type { IsoDate } from '../../rules/types';
import { loadConfig } from '../../service/config';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { memoryLogger, morningOf } from '../e2e/helpers';
import { closeAdmin, createTestDatabase, exampleIniFor, type TestDatabase } from './harness';

const GENERATED: IsoDate = '2026-10-16';
const CYCLE: IsoDate = '2026-11-13';
const COLUMNS = [
  'COD_CLIENT', 'RAZON_SOCIAL', 'NIVEL', 'DIAS_ATRASO', 'A_VENCER', 'VENCIDO_1_30', 'VENCIDO_31_60', 'VENCIDO_61_90',
  'VENCIDO_MAS_90', 'SALDO_VENCIDO', 'SALDO_PENDIENTE', 'CUOTAS', 'FECHA',
] as const;

type Row = Record<string, unknown>;

let dir: string;
const databases: TestDatabase[] = [];
const contexts: CompanyContext[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-aging-'));
});
afterAll(async () => {
  for (const ctx of contexts) await closeCompany(ctx);
  for (const d of databases) await d.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

/** The view's rows in a comparable shape: trimmed text, numbers, ISO dates, sorted by customer. */
async function agingRows(ctx: CompanyContext): Promise<Row[]> {
  const rows = (await ctx.db(ctx.tables.vAntiguedad).select([...COLUMNS])) as Row[];
  return rows
    .map((r) => Object.fromEntries(COLUMNS.map((c) => {
      const v = r[c];
      if (v === null || v === undefined) return [c, null];
      if (c === 'FECHA') return [c, v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)];
      if (c === 'COD_CLIENT' || c === 'RAZON_SOCIAL' || c === 'NIVEL') return [c, String(v).trim()];
      return [c, Math.round(Number(v) * 100) / 100];
    })))
    .sort((a, b) => String(a.COD_CLIENT).localeCompare(String(b.COD_CLIENT)));
}

async function company(ini: string, id: string): Promise<CompanyContext> {
  const config = loadConfig(ini);
  // A company id of its own: the cycle's application lock is named after it.
  const ctx = await openCompany({ ...config, company: { ...config.company, id } }, memoryLogger().logger);
  contexts.push(ctx);
  return ctx;
}

for (const erp of ['tango', 'bejerman'] as const) {
  describe(`COB_V_ANTIGUEDAD on T-SQL (${erp})`, () => {
    it('migrates (v4 over v2\'s view), and after one cycle reads the same rows as SQLite, summing to the snapshot', async () => {
      const file = join(dir, `${erp}.sqlite`);
      if (erp === 'tango') await generateDemoErp({ file, seed: 21, asOf: GENERATED, customers: 50 });
      else await generateBejermanDemo({ file, seed: 21, asOf: GENERATED, customers: 50 });
      const server = await createTestDatabase(`aging_${erp}`);
      databases.push(server);
      await copyDemoToSqlServer(file, server.db, erp, server.name);

      const liteIni = join(dir, `${erp}-lite.ini`);
      writeFileSync(liteIni, exampleIniFor(server.name, dir, erp)
        .replace(/^\[erp\]\n[\s\S]*?confiar_certificado = si$/m, `[erp]\nperfil = ${erp}\nmotor = sqlite\narchivo = ${file}`));
      const serverIni = join(dir, `${erp}-server.ini`);
      writeFileSync(serverIni, exampleIniFor(server.name, dir, erp));
      const lite = await company(liteIni, `${server.name}-lite`);
      const tsql = await company(serverIni, server.name);
      expect(tsql.config.erp.connection.kind).toBe('sqlserver');
      expect(lite.config.erp.connection.kind).toBe('sqlite');

      const sources = tsql.profile.addon.views;
      await migrate(tsql.db, tsql.tables, sources);
      await rollback(tsql.db, tsql.tables, 3, sources);
      expect(await appliedVersions(tsql.db, tsql.tables)).toEqual([1, 2, 3]);
      // Version 2's view is back (it reads COB_ALERTA), the table of version 4 is gone.
      expect(await tsql.db.schema.hasTable(agingTableName(tsql.tables))).toBe(false);
      expect(await tsql.db(tsql.tables.vAntiguedad).select('A_VENCER')).toEqual([]);
      expect((await migrate(tsql.db, tsql.tables, sources)).applied).toEqual([4, 5]);
      await migrate(lite.db, lite.tables, sources);

      await runCycle(lite, { asOf: CYCLE, now: () => morningOf(CYCLE) });
      await runCycle(tsql, { asOf: CYCLE, now: () => morningOf(CYCLE) });

      const onServer = await agingRows(tsql);
      const onLite = await agingRows(lite);
      expect(onServer.length).toBeGreaterThan(20);
      expect(onServer).toEqual(onLite);
      expect(onServer.every((r) => typeof r.RAZON_SOCIAL === 'string' && r.RAZON_SOCIAL.length > 0)).toBe(true);
      expect(new Set(onServer.map((r) => r.FECHA))).toEqual(new Set([CYCLE]));

      const kpi = (await tsql.db(`${tsql.tables.prefix}V_KPI_DIARIO`).where('FECHA', CYCLE).first()) as Row;
      const sum = (c: string): number => Math.round(onServer.reduce((s, r) => s + Number(r[c]), 0) * 100) / 100;
      expect(sum('A_VENCER')).toBeCloseTo(Number(kpi.SALDO_A_VENCER), 2);
      expect(sum('VENCIDO_1_30')).toBeCloseTo(Number(kpi.SALDO_1_30), 2);
      expect(sum('VENCIDO_31_60')).toBeCloseTo(Number(kpi.SALDO_31_60), 2);
      expect(sum('VENCIDO_61_90')).toBeCloseTo(Number(kpi.SALDO_61_90), 2);
      expect(sum('VENCIDO_MAS_90')).toBeCloseTo(Number(kpi.SALDO_MAS_90), 2);
      expect(sum('SALDO_PENDIENTE')).toBeCloseTo(Number(kpi.SALDO_TOTAL), 2);
      expect(sum('VENCIDO_MAS_90')).toBeGreaterThan(0);

      // A second cycle the same day writes nothing new: same rows, same ACTUALIZADA.
      const stamps = async () => ((await tsql.db(agingTableName(tsql.tables)).select('COD_CLIENT', 'ACTUALIZADA').orderBy('COD_CLIENT')) as Row[])
        .map((r) => `${String(r.COD_CLIENT).trim()}|${new Date(r.ACTUALIZADA as string).toISOString()}`);
      const before = await stamps();
      await runCycle(tsql, { asOf: CYCLE, now: () => new Date(morningOf(CYCLE).getTime() + 3_600_000) });
      expect(await stamps()).toEqual(before);
      expect(await agingRows(tsql)).toEqual(onServer);
    }, 300_000);
  });
}
