/** Issue "write-back" 1: the same cycle twice on unchanged data writes nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { count, DEMO_START, dumpAddon, openDemoCompany, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

const ZERO = {
  tasksCreated: 0, tasksSkipped: 0, tasksClosed: 0, alertsUpserted: 0, alertsDeleted: 0, tierChanges: 0, mailsQueued: 0,
};

describe('cycle run twice on the same data', () => {
  it('the second run writes nothing: zero counts and byte-identical add-on tables', async () => {
    company = await openDemoCompany({ tag: 'idem' });
    const { ctx } = company;
    const first = await company.cycle(DEMO_START);
    // The first run did real work, or the comparison below would prove nothing.
    expect(first.counts.tasksCreated).toBeGreaterThan(5);
    expect(first.counts.alertsUpserted).toBeGreaterThan(5);
    expect(first.counts.mailsQueued).toBeGreaterThan(0);
    const before = await dumpAddon(ctx);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([ctx.tables.tarea, ctx.tables.alerta, ctx.tables.correo, ctx.tables.cliente]));

    // Same day, an hour later: nothing in the ERP changed.
    const second = await company.cycle(DEMO_START, new Date(`${DEMO_START}T09:30:00-03:00`));
    expect(second.counts).toEqual(ZERO);
    expect(await dumpAddon(ctx)).toEqual(before);

    // Both runs are logged, the second with zero counts.
    const runs = (await ctx.db(ctx.tables.ejecucion).orderBy('ID').select()) as Record<string, unknown>[];
    expect(runs.map((r) => r.ESTADO)).toEqual(['ok', 'ok']);
    expect(runs[1]).toMatchObject({ TAREAS_CREADAS: 0, TAREAS_CERRADAS: 0, ALERTAS: 0, CORREOS_ENCOLADOS: 0 });
  });

  it('also on a later day once that day has run: the rerun of day+7 changes nothing', async () => {
    company = await openDemoCompany({ tag: 'idem7' });
    const { ctx } = company;
    await company.cycle(DEMO_START);
    const week = addDays(DEMO_START, 7);
    const first = await company.cycle(week);
    expect(first.counts.tasksCreated + first.counts.tasksClosed + first.counts.alertsUpserted).toBeGreaterThan(0);
    const before = await dumpAddon(ctx);
    const tasks = await count(ctx, ctx.tables.tarea);
    const again = await company.cycle(week, new Date(`${week}T15:00:00-03:00`));
    expect(again.counts).toEqual(ZERO);
    expect(await dumpAddon(ctx)).toEqual(before);
    expect(await count(ctx, ctx.tables.tarea)).toBe(tasks);
  });
});
