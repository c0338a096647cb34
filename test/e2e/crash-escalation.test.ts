/**
 * Issue 15 item 5: a run that dies after some task batches were committed (and
 * before the outbox rows, which go with the last batch) must not make the
 * supervisor's escalation notice of the rerun lose the customers whose tasks
 * the dead run had saved (the "1,418 instead of 1,530" report). The rerun's
 * notice equals a clean run's, word for word.
 *
 * The death is a trigger that refuses the task insert once the first batch of
 * 500 is in: deterministic, and what the next run sees is the same as after a
 * SIGKILL at that point (tasks saved, no mail queued).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { count, DEMO_START, morningOf, openDemoCompany, type Company } from './helpers';

const INSTALLMENTS = 15_000; // ~600 customers: more than one batch of tasks on the first day
let companies: Company[] = [];
afterEach(async () => {
  for (const c of companies) await c.close();
  companies = [];
});

type Row = Record<string, unknown>;

async function escalation(c: Company): Promise<{ subject: string; text: string }> {
  const rows = (await c.ctx.db(c.ctx.tables.correo).select('ASUNTO', 'CUERPO_TEXTO').where({ TIPO: 'escalamiento', FECHA: DEMO_START })) as Row[];
  expect(rows).toHaveLength(1);
  return { subject: String(rows[0]!.ASUNTO), text: String(rows[0]!.CUERPO_TEXTO) };
}

function customersIn(subject: string): number {
  const m = /: ([\d.]+) clientes? requieren/.exec(subject);
  expect(m, subject).not.toBeNull();
  return Number(m![1]!.replace(/\./g, ''));
}

describe('escalation notice after a crash mid-write', () => {
  it('the rerun lists every customer that reached a supervisor step today, the dead run\'s included', async () => {
    const clean = await openDemoCompany({ tag: 'esc-limpio', demo: { installments: INSTALLMENTS } });
    companies.push(clean);
    await clean.cycle(DEMO_START);
    const expected = await escalation(clean);
    const supervisorTasks = (await clean.ctx.db(clean.ctx.tables.tarea)
      .where({ ROL: 'supervisor', ESTADO: 'pendiente', FECHA: DEMO_START }).countDistinct({ n: 'COD_CLIENT' })) as { n: number }[];
    expect(customersIn(expected.subject)).toBe(Number(supervisorTasks[0]!.n));
    expect(customersIn(expected.subject)).toBeGreaterThan(1);

    const crashed = await openDemoCompany({ tag: 'esc-caido', demo: { installments: INSTALLMENTS } });
    companies.push(crashed);
    const { db, tables } = crashed.ctx;
    await db.raw(
      `CREATE TRIGGER CORTE BEFORE INSERT ON ${tables.tarea} WHEN (SELECT COUNT(*) FROM ${tables.tarea}) >= 500 ` +
        "BEGIN SELECT RAISE(ABORT, 'proceso terminado (simulado)'); END",
    );
    await expect(crashed.cycle(DEMO_START)).rejects.toThrow(/proceso terminado/);
    // Half written: the first batch of tasks is saved, with supervisor steps among them; no mail queued.
    expect(await count(crashed.ctx, tables.tarea)).toBe(500);
    expect(await count(crashed.ctx, tables.tarea, { ROL: 'supervisor' })).toBeGreaterThan(0);
    expect(await count(crashed.ctx, tables.correo)).toBe(0);

    await db.raw('DROP TRIGGER CORTE');
    await crashed.cycle(DEMO_START, morningOf(DEMO_START, '09:30'));
    const after = await escalation(crashed);
    expect(customersIn(after.subject)).toBe(customersIn(expected.subject));
    expect(after).toEqual(expected);

    // A third run the same day changes nothing in the notice.
    await crashed.cycle(DEMO_START, morningOf(DEMO_START, '10:30'));
    expect(await escalation(crashed)).toEqual(expected);
  }, 240_000);
});
