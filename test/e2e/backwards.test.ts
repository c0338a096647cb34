/**
 * Issue 15 item 4: a cycle never goes back in time unless asked. Running as of
 * a date earlier than the last successful cycle (an earlier --fecha, or the
 * machine's date behind a demo that ran ahead) would close the current tasks
 * as if the customers were up to date; it is refused with one Spanish line,
 * the service logs and skips, and --permitir-retroceso forces it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../connector/connection';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { CycleBackwardsError, runCycle } from '../../service/cycle/run-cycle';
import { generateDemoErp } from '../../connector/demo-erp';
import { demoConfig } from '../../service/cli/commands-demo';
import { ServiceRunner } from '../../service/runner';
import { runCli, writeIni } from './cli-process';
import { DEMO_SEED, DEMO_START, memoryLogger, morningOf, openDemoCompany, tableRows, tempFolder, type Company } from './helpers';

const WEEK = addDays(DEMO_START, 7); // Monday 09/11/2026
const REFUSAL =
  'El último ciclo correcto de «distribuidora-ejemplo» fue al 09/11/2026 y este sería al 02/11/2026: ir hacia atrás ' +
  'cerraría tareas vigentes, así que no se ejecuta. Si es a propósito (p. ej. repetir una fecha anterior de prueba), ' +
  'use «cadencia ejecutar --una-vez --fecha 2026-11-02 --permitir-retroceso».';

let company: Company | null = null;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await company?.close();
  company = null;
  for (const c of cleanups.splice(0)) await c();
});

describe('a cycle never goes back in time unless asked', () => {
  it('an earlier date is refused and writes nothing; the same or a later date runs; allowBackwards forces it', async () => {
    company = await openDemoCompany({ tag: 'atras' });
    const { ctx } = company;
    const ahead = await company.cycle(WEEK);
    expect(ahead.counts.tasksCreated).toBeGreaterThan(0);
    const tasksBefore = await tableRows(ctx, ctx.tables.tarea);
    const alertsBefore = await tableRows(ctx, ctx.tables.alerta);
    const runsBefore = await tableRows(ctx, ctx.tables.ejecucion);

    const refused = company.cycle(DEMO_START);
    await expect(refused).rejects.toBeInstanceOf(CycleBackwardsError);
    await expect(refused).rejects.toThrow(REFUSAL);
    expect(await tableRows(ctx, ctx.tables.tarea)).toEqual(tasksBefore);
    expect(await tableRows(ctx, ctx.tables.alerta)).toEqual(alertsBefore);
    expect(await tableRows(ctx, ctx.tables.ejecucion)).toEqual(runsBefore);
    // The company's lock was released: the same day runs again.
    const same = await company.cycle(WEEK, morningOf(WEEK, '11:00'));
    expect(same.counts.tasksClosed).toBe(0);

    // Asked explicitly, it runs as of that earlier day.
    const forced = await runCycle(ctx, {
      asOf: DEMO_START, now: () => morningOf(WEEK, '12:00'), allowBackwards: true,
    });
    expect(forced.asOf).toBe(DEMO_START);
    const runs = (await tableRows(ctx, ctx.tables.ejecucion)).map((r) => [r.FECHA_CORTE, r.ESTADO]);
    expect(runs).toEqual([[WEEK, 'ok'], [WEEK, 'ok'], [DEMO_START, 'ok']]);
  });

  it('the service whose machine date is behind the last cycle logs why and skips, and writes nothing', async () => {
    const dir = tempFolder('servicio-atras');
    const config = demoConfig(dir);
    await generateDemoErp({ file: join(dir, 'erp-demo.sqlite'), seed: DEMO_SEED, asOf: DEMO_START });
    const { logger, lines } = memoryLogger();
    const runner = new ServiceRunner([config], logger);
    cleanups.push(async () => {
      await runner.stop(1000);
      rmSync(dir, { recursive: true, force: true });
    });
    const rows = async (table: string) => {
      const db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp-demo.sqlite') });
      try {
        return ((await db(table).select().orderBy('ID')) as Record<string, unknown>[]).map((r) => ({ ...r }));
      } finally {
        await db.destroy();
      }
    };

    await Promise.all(runner.tick(morningOf(WEEK)));
    const runs = await rows('COB_EJECUCION');
    expect(runs.map((r) => [r.FECHA_CORTE, r.ESTADO])).toEqual([[WEEK, 'ok']]);
    const tasks = await rows('COB_TAREA');

    // The clock goes back a week (the demo ran ahead of the machine's date).
    await Promise.all(runner.tick(morningOf(DEMO_START, '09:00')));
    expect(lines.filter((l) => l.includes('ciclo empresa=distribuidora-ejemplo omitido: '))).toHaveLength(1);
    expect(lines.join('\n')).toContain(`ciclo empresa=distribuidora-ejemplo omitido: ${REFUSAL}`);
    expect(lines.some((l) => / falló /.test(l))).toBe(false);
    expect(await rows('COB_EJECUCION')).toEqual(runs);
    expect(await rows('COB_TAREA')).toEqual(tasks);
    // It does not retry every minute: the next look is at the next scheduled cycle.
    await Promise.all(runner.tick(morningOf(DEMO_START, '09:01')));
    expect(lines.filter((l) => l.includes('omitido: '))).toHaveLength(1);
  });

  it('ejecutar --una-vez with an earlier --fecha says so in one line (exit 2); --permitir-retroceso runs it', async () => {
    const dir = tempFolder('cli-atras');
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const ini = join(dir, 'cadencia.ini');
    await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: DEMO_SEED, asOf: DEMO_START });
    writeIni(ini, { erpFile: join(dir, 'erp.sqlite'), mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
    const cli = async (args: string[]) => {
      const child = runCli(['ejecutar', '--una-vez', '--config', ini, ...args]);
      const { code } = await child.exited;
      return { code, out: child.output() };
    };
    expect((await cli(['--fecha', WEEK])).code).toBe(0);
    const refused = await cli(['--fecha', DEMO_START]);
    expect(refused.code).toBe(2);
    expect(refused.out.trim()).toBe(REFUSAL);
    const forced = await cli(['--fecha', DEMO_START, '--permitir-retroceso']);
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^Ciclo n\.º 2 al 02\/11\/2026/m);
  }, 240_000);
});
