/** Issue "service" 14: two instances never work on the same company at once. */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLOCK_SQL, APPUNLOCK_SQL, tryLock } from '../../connector/lock';
import { mssqlCompiler } from '../../connector/connection';
import { CycleLockedError } from '../../service/cycle/run-cycle';
import { count, DEMO_START, openDemoCompany, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

const resourceOf = (c: Company) => `cadencia:${c.config.company.id}`;

describe('company lock', () => {
  it('a second runCycle while the lock is held fails with CycleLockedError; after release it runs', async () => {
    company = await openDemoCompany({ tag: 'lock' });
    const { db, tables } = company.ctx;
    const held = await tryLock(db, tables.bloqueo, { resource: resourceOf(company) });
    expect(held).not.toBeNull();
    await expect(company.cycle(DEMO_START)).rejects.toBeInstanceOf(CycleLockedError);
    await expect(company.cycle(DEMO_START)).rejects.toThrow('Otra instancia de cadencia está procesando la empresa «distribuidora-ejemplo»');
    expect(await count(company.ctx, tables.ejecucion)).toBe(0); // nothing started
    await held!.release();
    const ok = await company.cycle(DEMO_START);
    expect(ok.counts.tasksCreated).toBeGreaterThan(0);
    expect(await count(company.ctx, tables.bloqueo)).toBe(0);
  });

  it('two cycles started together: exactly one runs, the other is refused', async () => {
    company = await openDemoCompany({ tag: 'lock2' });
    const results = await Promise.allSettled([company.cycle(DEMO_START), company.cycle(DEMO_START)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(CycleLockedError);
  });

  it('a lock row of a live process blocks; the same row of a dead process on this host is taken over', async () => {
    company = await openDemoCompany({ tag: 'lock3' });
    const { db, tables } = company.ctx;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => other.once('exit', resolve));
    try {
      const now = new Date();
      await db(tables.bloqueo).insert({
        RECURSO: resourceOf(company), DUENO: `${hostname()}:${other.pid}`,
        DESDE: now.toISOString(), VENCE: new Date(now.getTime() + 120_000).toISOString(),
      });
      await expect(company.cycle(DEMO_START)).rejects.toBeInstanceOf(CycleLockedError);
    } finally {
      other.kill('SIGKILL');
      await exited;
    }
    const ok = await company.cycle(DEMO_START);
    expect(ok.runId).toBeGreaterThan(0);
    expect(await count(company.ctx, tables.bloqueo)).toBe(0);
  });

  it('a row of another host blocks until it expires', async () => {
    company = await openDemoCompany({ tag: 'lock4' });
    const { db, tables } = company.ctx;
    const since = new Date('2026-11-02T11:00:00Z');
    await db(tables.bloqueo).insert({
      RECURSO: resourceOf(company), DUENO: 'OTRO-SERVIDOR:1234',
      DESDE: since.toISOString(), VENCE: new Date(since.getTime() + 120_000).toISOString(),
    });
    await expect(company.cycle(DEMO_START, new Date(since.getTime() + 60_000))).rejects.toBeInstanceOf(CycleLockedError);
    const ok = await company.cycle(DEMO_START, new Date(since.getTime() + 121_000));
    expect(ok.runId).toBeGreaterThan(0);
  });

  it('SQL Server: the application lock T-SQL, with the resource as a bound parameter', () => {
    const k = mssqlCompiler();
    expect(k.raw(APPLOCK_SQL, ['cadencia:distribuidora-ejemplo']).toSQL().toNative()).toMatchInlineSnapshot(`
      {
        "bindings": [
          "cadencia:distribuidora-ejemplo",
        ],
        "sql": "DECLARE @result int; EXEC @result = sp_getapplock @Resource = @p0, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @result AS result;",
      }
    `);
    expect(k.raw(APPUNLOCK_SQL, ['cadencia:distribuidora-ejemplo']).toSQL().toNative()).toMatchInlineSnapshot(`
      {
        "bindings": [
          "cadencia:distribuidora-ejemplo",
        ],
        "sql": "EXEC sp_releaseapplock @Resource = @p0, @LockOwner = 'Session';",
      }
    `);
  });
});
