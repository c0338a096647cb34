/**
 * The add-on schema on a T-SQL server, for the Tango and the Bejerman demo:
 * migrations (empty → latest, again with nothing to do, and from each older
 * version), the DBA scripts of `db sql` (crear gives the same objects as
 * `db migrar`; permisos gives a login that runs a whole cycle and cannot write
 * any ERP table; desinstalar leaves no add-on object), and each profile's
 * views joined to its own tables.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { appliedVersions, LATEST_VERSION, MIGRATIONS, migrate, rollback } from '../../connector/addon/migrations';
import { addonSqlScript, grantsSqlScript, uninstallSqlScript } from '../../connector/addon/sql-script';
import { addonTables } from '../../connector/addon/tables';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { ErpProfile } from '../../connector/profiles/profile';
import { tangoProfile } from '../../connector/profiles/tango';
import { runCli } from '../e2e/cli-process';
import { admin, closeAdmin, connectionTo, createTestDatabase, exampleIniFor, type TestDatabase } from './harness';
import { runScript } from './run-script';

const asOf = '2025-06-30';
const t = addonTables();


/**
 * Every add-on object as the catalog lists it: tables and views (sys.objects),
 * their constraints, named indexes, and each column with its type, size,
 * nullability and default (INFORMATION_SCHEMA.COLUMNS). Names upper-cased: the stand-in's
 * sys.* names are lower case, SQL Server's are as declared.
 */
async function addonCatalog(db: Knex): Promise<string[]> {
  const objects = (await db.raw(
    `SELECT o.type AS [type], o.name AS [name] FROM sys.objects o
     WHERE o.name LIKE 'COB[_]%' AND o.type IN ('U', 'V')
     UNION ALL
     SELECT c.type, c.name FROM sys.objects c JOIN sys.objects p ON p.object_id = c.parent_object_id
     WHERE p.name LIKE 'COB[_]%' AND c.type IN ('PK', 'UQ', 'F', 'C')`,
  )) as { type: string; name: string }[];
  const indexes = (await db.raw(
    `SELECT p.name AS [tbl], i.name AS [name], i.is_unique AS [uniq] FROM sys.indexes i JOIN sys.objects p ON p.object_id = i.object_id
     WHERE p.name LIKE 'COB[_]%' AND i.name IS NOT NULL`,
  )) as { tbl: string; name: string; uniq: boolean | number }[];
  const columns = (await db.raw(
    `SELECT TABLE_NAME AS [t], COLUMN_NAME AS [c], DATA_TYPE AS [type], CHARACTER_MAXIMUM_LENGTH AS [len],
            NUMERIC_PRECISION AS [p], NUMERIC_SCALE AS [s], IS_NULLABLE AS [n], COLUMN_DEFAULT AS [d]
     FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE 'COB[_]%'`,
  )) as { t: string; c: string; type: string; len: number | null; p: number | null; s: number | null; n: string; d: string | null }[];
  return [
    ...objects.map((o) => `objeto ${o.type.trim().toUpperCase()} ${o.name.toUpperCase()}`),
    ...indexes.map((i) => `índice ${i.tbl.toUpperCase()}.${i.name.toUpperCase()}${Number(i.uniq) ? ' único' : ''}`),
    ...columns.map((c) => `columna ${c.t.toUpperCase()}.${c.c.toUpperCase()} ${c.type.toLowerCase()}(${c.len ?? ''},${c.p ?? ''},${c.s ?? ''}) ${c.n}${c.d === null ? '' : ` default ${c.d}`}`),
  ].sort();
}

async function erpTables(db: Knex): Promise<string[]> {
  const rows = (await db.raw(
    `SELECT TABLE_NAME AS [t] FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE 'COB[_]%'`,
  )) as { t: string }[];
  return rows.map((r) => r.t).sort();
}

/**
 * SQL Server refuses with 229 (permission denied on the object). The stand-in
 * reports it under its generic number 33557097, which it also uses for other
 * errors, so there (only) the message tells it apart.
 */
function isPermissionDenied(err: unknown): boolean {
  const e = err as { number?: number; message?: string };
  return e.number === 229 || (e.number === 33557097 && /permission denied/i.test(e.message ?? ''));
}

interface Setup {
  profile: ErpProfile;
  /** Built with `db migrar` (migrate()). */
  migrated: TestDatabase;
  /** Built with `db sql --tipo crear` (and later the login of `--tipo permisos`). */
  scripted: TestDatabase;
}

let dir: string;
/** Logins the tests created, dropped once their databases are gone. */
const logins: string[] = [];
const setups: Record<'tango' | 'bejerman', Setup> = {} as Record<'tango' | 'bejerman', Setup>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-addon-'));
  const tangoFile = join(dir, 'tango.sqlite');
  const bejermanFile = join(dir, 'bejerman.sqlite');
  await generateDemoErp({ file: tangoFile, seed: 5, asOf, customers: 30 });
  await generateBejermanDemo({ file: bejermanFile, seed: 5, asOf, customers: 30 });
  for (const [name, profile, file] of [['tango', tangoProfile, tangoFile], ['bejerman', bejermanProfile, bejermanFile]] as const) {
    const migrated = await createTestDatabase(`addon_m_${name}`);
    const scripted = await createTestDatabase(`addon_s_${name}`);
    await copyDemoToSqlServer(file, migrated.db, name, migrated.name);
    await copyDemoToSqlServer(file, scripted.db, name, scripted.name);
    setups[name] = { profile, migrated, scripted };
  }
}, 240_000);

afterAll(async () => {
  for (const s of Object.values(setups)) {
    await s.migrated?.drop();
    await s.scripted?.drop();
  }
  for (const login of logins) await (await admin()).raw(`IF SUSER_ID(N'${login}') IS NOT NULL DROP LOGIN [${login}]`);
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['tango', 'bejerman'] as const)('add-on schema on T-SQL, %s demo', (name) => {
  it('migrates empty → latest, and a second run changes nothing', async () => {
    const { profile, migrated } = setups[name];
    const db = migrated.db;
    expect(await addonCatalog(db)).toEqual([]);
    const first = await migrate(db, t, profile.addon.views);
    expect(first).toEqual({ from: 0, to: LATEST_VERSION, applied: MIGRATIONS.map((m) => m.version) });
    const catalog = await addonCatalog(db);
    for (const obj of [t.migracion, t.alerta, t.tarea, t.correo, t.ejecucion, 'COB_KPI_DIA']) expect(catalog).toContain(`objeto U ${obj}`);
    for (const obj of [t.vAlertas, t.vTareasHoy, t.vAntiguedad, 'COB_V_KPI_DIARIO', 'COB_V_KPI_VENDEDOR', 'COB_V_KPI_NIVEL']) {
      expect(catalog).toContain(`objeto V ${obj}`);
    }
    // Columns, defaults and constraints are listed too (the comparisons below are not over names only).
    expect(catalog.find((l) => l.startsWith('columna COB_KPI_DIA.SALDO_TOTAL '))).toMatch(/^columna COB_KPI_DIA\.SALDO_TOTAL decimal\(,18,2\) NO default /);
    expect(catalog.filter((l) => l.includes(' default ')).length).toBeGreaterThanOrEqual(14);
    expect(catalog.some((l) => l.startsWith('objeto PK '))).toBe(true);
    const log = await db(t.migracion).select('VERSION', 'NOMBRE', 'APLICADA').orderBy('VERSION');

    const second = await migrate(db, t, profile.addon.views);
    expect(second).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, applied: [] });
    expect(await addonCatalog(db)).toEqual(catalog);
    expect(await db(t.migracion).select('VERSION', 'NOMBRE', 'APLICADA').orderBy('VERSION')).toEqual(log);
  });

  it('migrates from each older version to the same objects', async () => {
    const { profile, migrated } = setups[name];
    const db = migrated.db;
    await migrate(db, t, profile.addon.views);
    const latest = await addonCatalog(db);
    for (let from = LATEST_VERSION - 1; from >= 0; from--) {
      await rollback(db, t, from, profile.addon.views); // version 4's rollback restores v2's view over the profile's tables
      expect(await appliedVersions(db, t)).toEqual(MIGRATIONS.filter((m) => m.version <= from).map((m) => m.version));
      if (from === 0) expect(await addonCatalog(db)).toEqual([]);
      const up = await migrate(db, t, profile.addon.views);
      expect(up.applied).toEqual(MIGRATIONS.filter((m) => m.version > from).map((m) => m.version));
      expect(await addonCatalog(db), `desde la versión ${from}`).toEqual(latest);
    }
  });

  it("joins the report views to the profile's own customers and sellers", async () => {
    const { profile, migrated } = setups[name];
    const db = migrated.db;
    await migrate(db, t, profile.addon.views);
    const customers = [];
    for await (const c of profile.customers(db, () => undefined)) customers.push(c);
    const sellers = new Map((await profile.sellers(db, () => undefined)).map((s) => [s.code, s.name]));
    const customer = customers.find((c) => c.sellerCode && sellers.has(c.sellerCode))!;
    expect(customer).toBeDefined();
    await db(t.alerta).insert({
      COD_CLIENT: customer.code, NIVEL: 'B', EPISODIO: '2025-05-01', DIAS_ATRASO: 45, SALDO_VENCIDO: 1500,
      SALDO_PENDIENTE: 2500, SIN_APLICAR: 0, ETAPA: 'administrativa', MENSAJE: 'x', ACTUALIZADA: new Date('2025-06-30T12:00:00Z'),
    });
    try {
      const rows = (await db(t.vAlertas).select('COD_CLIENT', 'RAZON_SOCIAL', 'COD_VENDEDOR', 'NOMBRE_VENDEDOR')) as Record<string, string>[];
      expect(rows.map((r) => ({ ...r, RAZON_SOCIAL: r.RAZON_SOCIAL?.trim(), NOMBRE_VENDEDOR: r.NOMBRE_VENDEDOR?.trim() }))).toEqual([{
        COD_CLIENT: customer.code, RAZON_SOCIAL: customer.name, COD_VENDEDOR: customer.sellerCode, NOMBRE_VENDEDOR: sellers.get(customer.sellerCode!),
      }]);
    } finally {
      await db(t.alerta).delete();
    }
  });

  it('db sql --tipo crear on an empty database gives the objects of db migrar, and can run again', async () => {
    const { profile, migrated, scripted } = setups[name];
    await migrate(migrated.db, t, profile.addon.views);
    const expected = await addonCatalog(migrated.db);
    const script = addonSqlScript(t, profile);
    await runScript(scripted.db, script);
    expect(await addonCatalog(scripted.db)).toEqual(expected);
    await runScript(scripted.db, script);
    expect(await addonCatalog(scripted.db)).toEqual(expected);
    expect(await appliedVersions(scripted.db, t)).toEqual(MIGRATIONS.map((m) => m.version));
    expect((await migrate(scripted.db, t, profile.addon.views)).applied).toEqual([]);
  });

  it('db sql --tipo permisos: its login runs a whole cycle and cannot write any ERP table', async () => {
    const { profile, scripted } = setups[name];
    await runScript(scripted.db, addonSqlScript(t, profile));
    const login = { user: `cad_svc_${randomBytes(3).toString('hex')}`, password: 'Cadencia_Svc_2026!' };
    const grants = grantsSqlScript(t, profile, { login: login.user }).replace("N'<CONTRASEÑA>'", `N'${login.password}'`);
    const service = openDatabase(connectionTo(scripted.name, login));
    try {
      await runScript(scripted.db, grants);
      expect(await service.raw('SELECT SUSER_SNAME() AS [who]')).toEqual([{ who: login.user }]);
      const folder = mkdtempSync(join(dir, `ciclo-${name}-`));
      const ini = join(folder, 'cadencia.ini');
      // The stand-in's application locks are server-wide (SQL Server's are per database):
      // a company id of its own keeps other suites' cycles from looking like a second instance.
      writeFileSync(ini, exampleIniFor(scripted.name, folder, name, login).replace(/^id = distribuidora-ejemplo$/m, `id = ${scripted.name}`));
      const cycle = runCli(['ejecutar', '--una-vez', '--fecha', asOf, '--config', ini]);
      expect((await cycle.exited).code, cycle.output()).toBe(0);
      const runs = (await scripted.db(t.ejecucion).select('ESTADO')) as { ESTADO: string }[];
      expect(runs.map((r) => r.ESTADO)).toEqual(['ok']);
      expect(Number((await scripted.db(t.tarea).count({ n: '*' }))[0]?.n)).toBeGreaterThan(0);
      expect(Number((await scripted.db(t.alerta).count({ n: '*' }))[0]?.n)).toBeGreaterThan(0);

      const tables = await erpTables(scripted.db);
      expect(tables.length).toBeGreaterThanOrEqual(profile.addon.readTables.length);
      for (const table of tables) {
        const cols = (await scripted.db.raw(
          `SELECT TOP (1) name AS [c] FROM sys.columns WHERE object_id = OBJECT_ID(?) AND is_identity = 0 ORDER BY column_id`, [`dbo.${table}`],
        )) as { c: string }[];
        const c = `[${cols[0]!.c}]`;
        const writes = [
          `INSERT INTO dbo.[${table}] (${c}) SELECT ${c} FROM dbo.[${table}] WHERE 1 = 0`,
          `UPDATE dbo.[${table}] SET ${c} = ${c} WHERE 1 = 0`,
          `DELETE FROM dbo.[${table}] WHERE 1 = 0`,
        ];
        for (const sql of writes) {
          // Valid SQL (the owner runs it, touching no row)…
          await scripted.db.raw(sql);
          // …that the service's login is refused.
          const err = await service.raw(sql).then(() => null, (e: unknown) => e);
          expect(err, `${login.user}: ${sql}`).not.toBeNull();
          expect(isPermissionDenied(err), String((err as Error).message)).toBe(true);
        }
      }
      // It reads what the profile reads, and cannot create objects either.
      for (const table of profile.addon.readTables) await service.raw(`SELECT TOP (1) * FROM dbo.[${table}]`);
      const create = await service.raw('CREATE TABLE dbo.COB_INTRUSA (A INT)').then(() => null, (e: unknown) => e);
      expect(create).not.toBeNull();
    } finally {
      await service.destroy();
      // Its database user goes with the database; the server login is dropped after it (afterAll).
      logins.push(login.user);
    }
  }, 180_000);

  it('db sql --tipo desinstalar leaves no add-on object and every ERP row', async () => {
    const { profile, scripted } = setups[name];
    await runScript(scripted.db, addonSqlScript(t, profile));
    const tables = await erpTables(scripted.db);
    const counts = async () => Promise.all(tables.map(async (x) => Number((await scripted.db(x).count({ n: '*' }))[0]?.n)));
    const before = await counts();
    await runScript(scripted.db, uninstallSqlScript(t));
    expect(await addonCatalog(scripted.db)).toEqual([]);
    const left = (await scripted.db.raw(`SELECT name AS [n] FROM sys.objects WHERE name LIKE '%COB[_]%'`)) as { n: string }[];
    expect(left).toEqual([]);
    expect(await erpTables(scripted.db)).toEqual(tables);
    expect(await counts()).toEqual(before);
    // Running it again on a clean database is harmless.
    await runScript(scripted.db, uninstallSqlScript(t));
  });
});

describe('a profile that joins tables the database does not have', () => {
  it('is refused by the server: a Bejerman database gets no view over Tango tables', async () => {
    const db = setups.bejerman.migrated.db;
    await rollback(db, t, 0, bejermanProfile.addon.views);
    await expect(migrate(db, t, tangoProfile.addon.views)).rejects.toThrow(/versión 2 del esquema/);
    await rollback(db, t, 0);
    expect((await migrate(db, t, bejermanProfile.addon.views)).to).toBe(LATEST_VERSION);
  });
});
