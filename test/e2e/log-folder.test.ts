/** Issue "service" 13: a log folder that cannot be written, or a full disk, never stops a cycle. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_START, openDemoCompany, type Company } from './helpers';
import { createLogger, flushLogger } from '../../service/logging';
import { runCycle } from '../../service/cycle/run-cycle';

let company: Company | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await company?.close();
  company = null;
});

/** The name DailyRotateFile gives today's file (local date). */
function todaysLogName(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `cadencia-${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}.log`;
}

describe('log folder unwritable or full', () => {
  it('a log folder under a regular file: one warning, then the cycle runs and is recorded', async () => {
    company = await openDemoCompany({ tag: 'logs' });
    const blocker = join(company.dir, 'no-es-carpeta');
    writeFileSync(blocker, 'un archivo, no una carpeta');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = createLogger({ folder: join(blocker, 'registros'), retentionDays: 7, level: 'info', console: false });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/no se puede escribir el registro en .*no-es-carpeta.*se sigue sin archivo de registro/);

    const summary = await runCycle({ ...company.ctx, logger }, { asOf: DEMO_START });
    expect(summary.counts.tasksCreated).toBeGreaterThan(0);
    const runs = (await company.ctx.db(company.ctx.tables.ejecucion).select('ESTADO')) as { ESTADO: string }[];
    expect(runs.map((r) => r.ESTADO)).toEqual(['ok']);
    await flushLogger(logger);
  });

  it('a full disk (today\'s log file is /dev/full): the write error drops the file transport, the cycle runs', async () => {
    company = await openDemoCompany({ tag: 'logfull' });
    const folder = join(company.dir, 'registros-llenos');
    mkdirSync(folder);
    symlinkSync('/dev/full', join(folder, todaysLogName()));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = createLogger({ folder, retentionDays: 7, level: 'info', console: false });
    const summary = await runCycle({ ...company.ctx, logger }, { asOf: DEMO_START });
    expect(summary.counts.tasksCreated).toBeGreaterThan(0);
    logger.info('una línea más');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(warn.mock.calls.some((c) => /falló la escritura del registro/.test(String(c[0])))).toBe(true);
    // Still usable afterwards, without the file.
    const again = await runCycle({ ...company.ctx, logger }, { asOf: DEMO_START });
    expect(again.counts.tasksCreated).toBe(0);
    await flushLogger(logger);
  });
});
