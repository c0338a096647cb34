/**
 * Issue 15 item 15: two processes migrating the same database at once (the
 * service starting while someone runs `cadencia db migrar`). On SQL Server
 * the version's row in MIGRACION is the lock: the second waits for the first
 * and finds the work done, instead of failing with «already an object named».
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { explainDatabaseError } from '../../service/cli/db-errors';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

let target: TestDatabase;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-lock-'));
  const file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 5, asOf: '2026-11-02', customers: 20 });
  target = await createTestDatabase('migr_lock');
  await copyDemoToSqlServer(file, target.db, 'tango', target.name);
}, 240_000);

afterAll(async () => {
  await target?.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

describe('two processes migrating at once (T-SQL server)', () => {
  it('both finish, each version is applied once, and every object exists', async () => {
    const t = addonTables('COB_');
    const first = openDatabase(connectionTo(target.name));
    const second = openDatabase(connectionTo(target.name));
    try {
      const [a, b] = await Promise.all([migrate(first, t), migrate(second, t)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(MIGRATIONS.map((m) => m.version));
      // Whichever got there first applied everything; the other waited and found nothing left to do.
      expect(Math.max(a.to, b.to)).toBe(LATEST_VERSION);
      const rows = (await target.db(t.migracion).select('VERSION').orderBy('VERSION')) as { VERSION: number }[];
      expect(rows.map((r) => Number(r.VERSION))).toEqual(MIGRATIONS.map((m) => m.version));
      const again = await migrate(second, t);
      expect(again.applied).toEqual([]);
      for (const name of [t.tarea, t.alerta, t.correo, t.ejecucion]) {
        expect(await target.db.schema.hasTable(name), name).toBe(true);
      }
    } finally {
      await first.destroy();
      await second.destroy();
    }
  }, 120_000);
});

describe('a missing view on the T-SQL server', () => {
  it('is one Spanish line naming it', async () => {
    let error: unknown;
    try {
      await target.db.raw('SELECT * FROM [V_COB_CLIENTES]');
    } catch (err) {
      error = err;
    }
    expect(explainDatabaseError(error, 'COB_')).toMatch(/^La base del ERP no tiene la tabla o vista «V_COB_CLIENTES»: revise que \[erp\] perfil/i);
  });
});
