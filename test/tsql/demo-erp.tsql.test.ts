/**
 * The demo ERPs on a T-SQL server: the same seed gives the same ERP as on
 * SQLite, and each profile reads from it exactly what it reads from SQLite and
 * what the generator's ground truth says.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp, installmentKey, openInstallmentsGroundTruth, payAllOverdue } from '../../connector/demo-erp';
import { generateBejermanDemo, bejermanPendingGroundTruth } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer, assertDemoTarget } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { tangoProfile } from '../../connector/profiles/tango';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { ErpProfile } from '../../connector/profiles/profile';
import { runCli } from '../e2e/cli-process';
import { closeAdmin, createTestDatabase, exampleIniFor, type TestDatabase } from './harness';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

let dir: string;
let tango: TestDatabase;
let bejerman: TestDatabase;
let tangoLite: Knex;
let bejermanLite: Knex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-demo-'));
  const t = join(dir, 'tango.sqlite');
  const b = join(dir, 'bejerman.sqlite');
  await generateDemoErp({ file: t, seed: 9, asOf, customers: 60, badRows: true });
  await generateBejermanDemo({ file: b, seed: 9, asOf, customers: 60, badRows: true });
  tango = await createTestDatabase('demo_tango');
  bejerman = await createTestDatabase('demo_bej');
  await copyDemoToSqlServer(t, tango.db, 'tango', tango.name);
  await copyDemoToSqlServer(b, bejerman.db, 'bejerman', bejerman.name);
  tangoLite = openDatabase({ kind: 'sqlite', file: t });
  bejermanLite = openDatabase({ kind: 'sqlite', file: b });
});

afterAll(async () => {
  await tangoLite?.destroy();
  await bejermanLite?.destroy();
  await tango?.drop();
  await bejerman?.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

async function readAll(profile: ErpProfile, db: Knex) {
  const issues: string[] = [];
  const report = (i: unknown) => issues.push(JSON.stringify(i));
  const installments = [];
  for await (const r of profile.openInstallments(db, opts, report)) installments.push(r);
  const customers = [];
  for await (const c of profile.customers(db, report)) customers.push(c);
  const sellers = await profile.sellers(db, report);
  const behaviour = [];
  for await (const b of profile.paymentBehaviour(db, opts, report)) behaviour.push(b);
  const unapplied = [];
  for await (const u of profile.unappliedMoney(db, opts, report)) unapplied.push(u);
  return { installments, customers, sellers, behaviour, unapplied, issues: issues.sort() };
}

describe('demo ERPs on T-SQL', () => {
  it('stores Tango keys as CHAR padded with blanks, amounts as DECIMAL and "no date" as 1800-01-01', async () => {
    const cols = (await tango.db.raw(
      `SELECT COLUMN_NAME AS [c], DATA_TYPE AS [t] FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'GVA14' ORDER BY ORDINAL_POSITION`,
    )) as { c: string; t: string }[];
    const types = Object.fromEntries(cols.map((r) => [r.c.toUpperCase(), r.t.toLowerCase()]));
    expect(types).toMatchObject({ COD_CLIENT: 'char', CUPO_CREDI: 'decimal', FECHA_INHA: 'datetime' });
    const padded = (await tango.db.raw(`SELECT TOP (1) DATALENGTH(N_COMP) AS [len] FROM GVA12`)) as { len: number }[];
    expect(Number(padded[0]?.len)).toBe(14);
    const noDate = (await tango.db.raw(`SELECT COUNT(*) AS [n] FROM GVA14 WHERE FECHA_INHA = CONVERT(DATETIME, '18000101', 112)`)) as { n: number }[];
    expect(Number(noDate[0]?.n)).toBeGreaterThan(40);
  });

  it('Tango: the profile reads the same from T-SQL as from SQLite, and what the ground truth says', async () => {
    const [server, lite] = [await readAll(tangoProfile, tango.db), await readAll(tangoProfile, tangoLite)];
    expect(server.installments.length).toBeGreaterThan(150);
    expect(server).toEqual(lite);
    const truth = await openInstallmentsGroundTruth(tango.db);
    for (const i of server.installments) {
      expect(i.pending).toBeCloseTo(truth.get(installmentKey(i.voucherType, i.voucherNumber, i.dueOn)) ?? NaN, 2);
    }
    const bad = (await tango.db('DEMO_FILA_MALA').count({ n: '*' })) as { n: number }[];
    expect(server.issues.length).toBeGreaterThanOrEqual(Number(bad[0]?.n));
  });

  it('Bejerman: the profile reads the same from T-SQL as from SQLite, and what the ground truth says', async () => {
    const [server, lite] = [await readAll(bejermanProfile, bejerman.db), await readAll(bejermanProfile, bejermanLite)];
    expect(server.installments.length).toBeGreaterThan(150);
    expect(server).toEqual(lite);
    const truth = await bejermanPendingGroundTruth(bejerman.db);
    const expected = [...truth].filter(([, p]) => p > opts.tolerance).map(([k]) => k).sort();
    const got = server.installments.filter((i) => !/vto/.test(i.voucherNumber)).map((i) => installmentKey(i.voucherType, i.voucherNumber, i.dueOn));
    expect(got.filter((k) => truth.has(k)).sort()).toEqual(expected);
  });

  it('a payment posted on T-SQL closes what it pays, like on SQLite', async () => {
    const before = await readAll(tangoProfile, tango.db);
    const code = before.installments.find((i) => i.dueOn < asOf)?.customerCode as string;
    const [a, b] = [await payAllOverdue(tango.db, code, asOf), await payAllOverdue(tangoLite, code, asOf)];
    expect(a?.receiptNumber).toBe(b?.receiptNumber);
    const [server, lite] = [await readAll(tangoProfile, tango.db), await readAll(tangoProfile, tangoLite)];
    expect(server).toEqual(lite);
    expect(server.installments.filter((i) => i.customerCode === code && i.dueOn <= asOf)).toEqual([]);
  });

  it('cadencia demo generar --config builds the demo where the INI points, and refuses a real ERP there', async () => {
    const target = await createTestDatabase('demo_cli');
    try {
      const ini = join(dir, 'demo-cli.ini');
      writeFileSync(ini, exampleIniFor(target.name, dir, 'bejerman'));
      const first = runCli(['demo', 'generar', '--config', ini, '--clientes', '20']);
      expect((await first.exited).code, first.output()).toBe(0);
      expect(first.output()).toContain(`Base de demostración (bejerman) creada en SQL Server 127.0.0.1, base «${target.name}»`);
      const n = (await target.db('Clientes').count({ n: '*' })) as { n: number }[];
      expect(Number(n[0]?.n)).toBe(20);
      // Again over its own demo: allowed (replaced). Over a real ERP: refused, nothing touched.
      await target.db.raw('DROP TABLE DEMO_INFO');
      const again = runCli(['demo', 'generar', '--config', ini, '--clientes', '20']);
      expect((await again.exited).code).not.toBe(0);
      expect(again.output()).toMatch(/ya tiene tablas del ERP \(Vendedor, Clientes, TipComp, CabVenta\) y no es una demostración anterior/);
      expect(again.output()).not.toMatch(/^\s+at /m);
      const still = (await target.db('Clientes').count({ n: '*' })) as { n: number }[];
      expect(Number(still[0]?.n)).toBe(20);
    } finally {
      await target.drop();
    }
  });

  it('refuses to build a demo over a database that holds a real ERP', async () => {
    const real = await createTestDatabase('real_erp');
    try {
      await real.db.raw('CREATE TABLE GVA12 (T_COMP CHAR(3) NOT NULL)');
      await expect(assertDemoTarget(real.db, 'tango', real.name)).rejects.toThrow(/ya tiene tablas del ERP \(GVA12\)/);
    } finally {
      await real.drop();
    }
  });
});
