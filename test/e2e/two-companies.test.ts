/**
 * Issue "more ERPs and more companies": one service, two companies (one Tango,
 * one Bejerman), each in its own database. Every company's tasks, alerts, cycle
 * log and outbox stay in its own database, and a failure in one never stops
 * the other.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { tangoProfile } from '../../connector/profiles/tango';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo, payAllOverdueBejerman } from '../../connector/demo-erp-bejerman';
import { demoConfig } from '../../service/cli/commands-demo';
import type { AppConfig } from '../../service/config';
import { ServiceRunner } from '../../service/runner';
import { DEMO_SEED, DEMO_START, memoryLogger, morningOf, tempFolder } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function company(dir: string, erp: 'tango' | 'bejerman', id: string): AppConfig {
  const base = demoConfig(dir, erp);
  return { ...base, company: { ...base.company, id, name: `Empresa ${id}` } };
}

async function addonRows(file: string, table: string): Promise<Record<string, unknown>[]> {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    return ((await db(table).select()) as Record<string, unknown>[]).map((r) => ({ ...r }));
  } finally {
    await db.destroy();
  }
}

describe('two companies in one service', () => {
  it('keeps each company\'s results in its own database, and a failing company does not stop the other', async () => {
    const dirA = tempFolder('norte');
    const dirB = tempFolder('sur');
    const norte = company(dirA, 'tango', 'norte');
    const sur = company(dirB, 'bejerman', 'sur');
    const fileA = join(dirA, 'erp-demo.sqlite');
    const fileB = join(dirB, 'erp-demo.sqlite');
    await generateDemoErp({ file: fileA, seed: DEMO_SEED, asOf: DEMO_START });
    await generateBejermanDemo({ file: fileB, seed: 7, asOf: DEMO_START });

    const { logger, lines } = memoryLogger();
    const runner = new ServiceRunner([norte, sur], logger);
    cleanups.push(async () => {
      await runner.stop(1000);
      rmSync(dirA, { recursive: true, force: true });
      rmSync(dirB, { recursive: true, force: true });
    });
    await Promise.all(runner.tick(morningOf(DEMO_START)));

    // Each database got its own cycle, tasks and mails, and only its own customers.
    for (const [file, id, profile] of [[fileA, 'norte', tangoProfile], [fileB, 'sur', bejermanProfile]] as const) {
      const runs = await addonRows(file, 'COB_EJECUCION');
      expect(runs.map((r) => [r.EMPRESA, r.ESTADO])).toEqual([[id, 'ok']]);
      const tasks = await addonRows(file, 'COB_TAREA');
      expect(tasks.length).toBeGreaterThan(0);
      const db = openDatabase({ kind: 'sqlite', file });
      const customers = new Set<string>();
      for await (const c of profile.customers(db, () => undefined)) customers.add(c.code);
      await db.destroy();
      expect(tasks.every((t) => customers.has(String(t.COD_CLIENT).trim()))).toBe(true);
      expect((await addonRows(file, 'COB_CORREO')).length).toBeGreaterThan(0);
    }
    expect(lines.filter((l) => /ciclo empresa=norte fecha=/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /ciclo empresa=sur fecha=/.test(l))).toHaveLength(1);

    // Company «norte» loses a table its reads need; «sur» goes on and sees its payment.
    const broken = openDatabase({ kind: 'sqlite', file: fileA });
    await broken.raw('ALTER TABLE GVA46 RENAME TO GVA46_ROTA');
    await broken.destroy();
    const pendingB = (await addonRows(fileB, 'COB_TAREA')).filter((t) => t.ESTADO === 'pendiente' && t.ETAPA !== 'preventiva');
    const debtor = String(pendingB[0]?.COD_CLIENT ?? '').trim();
    expect(debtor).not.toBe('');
    const paying = openDatabase({ kind: 'sqlite', file: fileB });
    expect(await payAllOverdueBejerman(paying, debtor, '2026-11-03')).not.toBeNull();
    await paying.destroy();

    const later = morningOf('2026-11-04', '10:00');
    await Promise.all(runner.tick(later));
    const runsA = await addonRows(fileA, 'COB_EJECUCION');
    const runsB = await addonRows(fileB, 'COB_EJECUCION');
    expect(runsA.map((r) => r.ESTADO)).toEqual(['ok', 'error']);
    expect(runsB.map((r) => r.ESTADO)).toEqual(['ok', 'ok']);
    expect(lines.some((l) => /ciclo empresa=norte falló/.test(l))).toBe(true);
    const debtorTasks = (await addonRows(fileB, 'COB_TAREA')).filter((t) => String(t.COD_CLIENT).trim() === debtor);
    expect(debtorTasks.filter((t) => t.ESTADO === 'pendiente' && t.ETAPA !== 'preventiva')).toEqual([]);
    const closed = debtorTasks.filter((t) => t.ESTADO === 'cerrada').map((t) => t.MOTIVO_CIERRE);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((m) => m === 'pagada' || m === 'cliente_al_dia')).toBe(true);
  }, 60_000);
});
