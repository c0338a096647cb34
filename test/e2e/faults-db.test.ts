/** Issue "service" 9: the database unreachable at start, or failing in the middle of a cycle. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { demoConfig } from '../../service/cli/commands-demo';
import { ServiceRunner } from '../../service/runner';
import {
  count, DEMO_SEED, DEMO_START, maskSignInLinks, memoryLogger, morningOf, openDemoCompany, tableRows, tempFolder, type Company,
} from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function tickAll(runner: ServiceRunner, now: Date): Promise<void> {
  await Promise.all(runner.tick(now));
}

type Row = Record<string, unknown>;

describe('database unreachable when the service starts', () => {
  for (const variant of ['missing folder', 'not a database'] as const) {
    it(`${variant}: the tick logs, backs off, stays up; once the file exists a later tick completes a cycle`, async () => {
      const dir = tempFolder('nodb');
      const base = demoConfig(dir);
      const file = variant === 'missing folder' ? join(dir, 'no-existe', 'erp-demo.sqlite') : join(dir, 'erp-demo.sqlite');
      if (variant === 'not a database') writeFileSync(file, 'esto no es una base de datos SQLite '.repeat(200));
      const config = { ...base, erp: { ...base.erp, connection: { kind: 'sqlite' as const, file } } };
      const { logger, lines } = memoryLogger();
      const runner = new ServiceRunner([config], logger);
      cleanups.push(async () => {
        await runner.stop(1000);
        rmSync(dir, { recursive: true, force: true });
      });
      const state = runner.companies[0]!;
      const t0 = morningOf(DEMO_START, '08:30');

      await tickAll(runner, t0);
      expect(lines.filter((l) => l.includes('ERROR'))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(/ciclo empresa=distribuidora-ejemplo falló \(intento 1\): .+; se reintenta en 1 min/);
      expect(state.failures).toBe(1);
      expect(state.retryAt?.getTime()).toBe(t0.getTime() + 60_000);

      // Before the retry time nothing is attempted.
      await tickAll(runner, new Date(t0.getTime() + 30_000));
      expect(state.failures).toBe(1);
      // At the retry time it fails again, and waits longer (2 min).
      const t1 = new Date(t0.getTime() + 60_000);
      await tickAll(runner, t1);
      expect(state.failures).toBe(2);
      expect(state.retryAt?.getTime()).toBe(t1.getTime() + 2 * 60_000);
      expect(lines.at(-1)).toMatch(/intento 2.*se reintenta en 2 min/);

      // The database appears; the next due tick recovers and completes a cycle.
      mkdirSync(dirname(file), { recursive: true });
      await generateDemoErp({ file, seed: DEMO_SEED, asOf: DEMO_START });
      const t2 = new Date(t1.getTime() + 2 * 60_000);
      await tickAll(runner, t2);
      expect(state.failures).toBe(0);
      expect(state.retryAt).toBeNull();
      expect(state.lastSuccess).toEqual(t2);
      const ctx = state.ctx!;
      const runs = (await ctx.db(ctx.tables.ejecucion).select('ESTADO', 'FECHA_CORTE')) as Row[];
      expect(runs.map((r) => r.ESTADO)).toEqual(['ok']);
      expect(await count(ctx, ctx.tables.tarea)).toBeGreaterThan(0);
      expect(lines.some((l) => /INFO ciclo empresa=distribuidora-ejemplo fecha=2026-11-02/.test(l))).toBe(true);
    });
  }
});

/** Snapshot of what a cycle writes, without timestamps or generated ids. */
async function planState(c: Company): Promise<{ tasks: Row[]; alerts: Row[]; mails: Row[] }> {
  const strip = (rows: Row[], drop: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  const { tables } = c.ctx;
  return {
    tasks: strip(await tableRows(c.ctx, tables.tarea), ['ID', 'CREADA', 'CERRADA']),
    alerts: strip(await tableRows(c.ctx, tables.alerta), ['ACTUALIZADA']),
    mails: strip(await tableRows(c.ctx, tables.correo), ['ID', 'CREADO'])
      .map((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, maskSignInLinks(v)]))),
  };
}

async function tasksWithoutAlert(c: Company): Promise<number> {
  const { tarea, alerta } = c.ctx.tables;
  const rows = (await c.ctx.db(tarea)
    .where('ESTADO', 'pendiente')
    .whereNotExists(c.ctx.db(alerta).select(c.ctx.db.raw('1')).whereRaw(`${alerta}.COD_CLIENT = ${tarea}.COD_CLIENT`))
    .count({ n: '*' })) as { n: number }[];
  return Number(rows[0]!.n);
}

describe('database failing in the middle of a cycle', () => {
  it('a table the read needs disappears: the run is logged as error, nothing is written, the next good cycle completes', async () => {
    const c = await openDemoCompany({ tag: 'midread' });
    cleanups.push(() => c.close());
    const { db, tables } = c.ctx;
    // Staff contacts are read after the ERP snapshot, just before planning.
    await db.raw(`ALTER TABLE ${tables.contacto} RENAME TO CONTACTO_X`);
    await expect(c.cycle(DEMO_START)).rejects.toThrow(new RegExp(tables.contacto));
    const [run] = (await db(tables.ejecucion).select()) as Row[];
    expect(run).toMatchObject({ ESTADO: 'error' });
    expect(String(run!.ERROR)).toContain(`no such table: ${tables.contacto}`);
    expect(run!.FIN).not.toBeNull();
    for (const t of [tables.tarea, tables.alerta, tables.correo, tables.nivelHist]) expect(await count(c.ctx, t)).toBe(0);
    expect(await count(c.ctx, tables.bloqueo)).toBe(0); // the lock was released

    await db.raw(`ALTER TABLE CONTACTO_X RENAME TO ${tables.contacto}`);
    const ok = await c.cycle(DEMO_START);
    expect(ok.counts.tasksCreated).toBeGreaterThan(0);
    const runs = (await db(tables.ejecucion).orderBy('ID').select('ESTADO')) as Row[];
    expect(runs.map((r) => r.ESTADO)).toEqual(['error', 'ok']);
  });

  it('a write fails mid-way (outbox insert refused): error logged, no task without its alert, and the next cycle ends exactly like a clean one', async () => {
    const clean = await openDemoCompany({ tag: 'midclean' });
    cleanups.push(() => clean.close());
    await clean.cycle(DEMO_START);

    const c = await openDemoCompany({ tag: 'midwrite' });
    cleanups.push(() => c.close());
    const { db, tables } = c.ctx;
    await db.raw(`CREATE TRIGGER FALLA_CORREO BEFORE INSERT ON ${tables.correo} BEGIN SELECT RAISE(ABORT, 'disco lleno (simulado)'); END`);
    await expect(c.cycle(DEMO_START)).rejects.toThrow(/disco lleno/);
    const [run] = (await db(tables.ejecucion).select()) as Row[];
    expect(run).toMatchObject({ ESTADO: 'error' });
    expect(String(run!.ERROR)).toContain('disco lleno (simulado)');
    // Alerts are written before tasks, tasks and their mails commit together.
    expect(await count(c.ctx, tables.alerta)).toBeGreaterThan(0);
    expect(await tasksWithoutAlert(c)).toBe(0);
    expect(await count(c.ctx, tables.correo)).toBe(0);

    await db.raw('DROP TRIGGER FALLA_CORREO');
    await c.cycle(DEMO_START);
    expect(await planState(c)).toEqual(await planState(clean));
    expect(await tasksWithoutAlert(c)).toBe(0);
  });

  it('the database file vanishes under a running service: the error goes to the log and the service retries', async () => {
    const dir = tempFolder('gone');
    const file = join(dir, 'sub', 'erp.sqlite');
    mkdirSync(dirname(file));
    await generateDemoErp({ file, seed: DEMO_SEED, asOf: DEMO_START });
    const base = demoConfig(dir);
    const config = { ...base, erp: { ...base.erp, connection: { kind: 'sqlite' as const, file } } };
    const { logger, lines } = memoryLogger();
    const runner = new ServiceRunner([config], logger);
    cleanups.push(async () => {
      await runner.stop(1000);
      rmSync(dir, { recursive: true, force: true });
    });
    const t0 = morningOf(DEMO_START);
    await tickAll(runner, t0);
    expect(runner.companies[0]!.failures).toBe(0);

    // The folder is renamed away (a disk unmounted, a share gone) with the connection open.
    await runner.companies[0]!.ctx!.db.destroy(); // the open handle would keep the old file alive
    renameSync(join(dir, 'sub'), join(dir, 'sub-movida'));
    runner.companies[0]!.ctx = null;
    runner.companies[0]!.lastSuccess = null;
    await tickAll(runner, new Date(t0.getTime() + 60_000));
    expect(runner.companies[0]!.failures).toBe(1);
    expect(lines.at(-1)).toMatch(/ERROR ciclo empresa=distribuidora-ejemplo falló \(intento 1\): No existe la base «.*erp\.sqlite»: revise \[erp\] archivo en el INI \(la base de demostración se crea con «cadencia demo generar --config <archivo INI>»\); se reintenta/);

    renameSync(join(dir, 'sub-movida'), join(dir, 'sub'));
    await tickAll(runner, new Date(t0.getTime() + 2 * 60_000));
    expect(runner.companies[0]!.failures).toBe(0);
    const ctx = runner.companies[0]!.ctx!;
    expect((await ctx.db(ctx.tables.ejecucion).select('ESTADO')).map((r: Row) => r.ESTADO)).toEqual(['ok', 'ok']);
  });
});
