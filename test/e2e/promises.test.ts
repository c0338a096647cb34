/** Issue "write-back" 3: promises, broken promises, disputes and do-not-contact across cycles. */
import { afterEach, describe, expect, it } from 'vitest';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { addDays } from '../../rules/dates';
import { readAndPlan } from '../../service/cycle/read-and-plan';
import { DEMO_START, openDemoCompany, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

type Row = Record<string, unknown>;

/** Customers the first cycle would chase with an overdue step (plan only, nothing written). */
async function wouldBeChased(c: Company): Promise<string[]> {
  const cycle = await readAndPlan(c.ctx, { asOf: DEMO_START });
  const codes = cycle.plan.create.filter((t) => t.status === 'pendiente' && t.stage !== 'preventiva').map((t) => t.customerCode);
  return [...new Set(codes)].sort();
}

async function tasksOf(c: Company, code: string): Promise<Row[]> {
  return (await c.ctx.db(c.ctx.tables.tarea).where({ COD_CLIENT: code }).orderBy('ID')) as Row[];
}

async function alertOf(c: Company, code: string): Promise<Row | undefined> {
  return (await c.ctx.db(c.ctx.tables.alerta).where({ COD_CLIENT: code }).first()) as Row | undefined;
}

/** Business days from `from` to `to`, both included. */
function businessDays(c: Company, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (c.ctx.calendar.isBusinessDay(d)) out.push(d);
  return out;
}

describe('promises', () => {
  it('a promise suppresses steps until its date + grace; once broken, ONE follow-up task, never a second', async () => {
    company = await openDemoCompany({ tag: 'promise' });
    const { ctx } = company;
    const grace = ctx.config.rules.promises.graceDays;
    const [promiser, control] = await wouldBeChased(company);
    expect(promiser && control).toBeTruthy();

    // Promise recorded the day before the first cycle: pay on DEMO_START + 5.
    const promiseDate = addDays(DEMO_START, 5);
    const promiseId = await recordContact(ctx.db, ctx.tables, {
      customerCode: promiser!, on: addDays(DEMO_START, -1), outcome: 'promesa', promiseDate, promiseAmount: 150_000, user: 'prueba',
    });
    const end = addDays(promiseDate, grace); // last protected day

    // Every business day while the promise holds: no task for the promiser, its alert says why.
    for (const day of businessDays(company, DEMO_START, end)) {
      await company.cycle(day);
      expect(await tasksOf(company, promiser!)).toEqual([]);
      expect((await alertOf(company, promiser!))?.SUSPENDIDA_POR).toBe('promesa_vigente');
    }
    // The control customer was chased from the first day.
    expect((await tasksOf(company, control!)).length).toBeGreaterThan(0);

    // Broken: the first business day after the grace period brings exactly one follow-up.
    const broken = businessDays(company, addDays(end, 1), addDays(end, 10))[0]!;
    await company.cycle(broken);
    const followUps = (await tasksOf(company, promiser!)).filter((t) => String(t.PASO).startsWith('PROMESA-'));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ PASO: `PROMESA-${promiseId}`, ESTADO: 'pendiente', PROMESA_ID: promiseId });
    expect((await alertOf(company, promiser!))?.SUSPENDIDA_POR).toBeNull();

    // Later cycles (days, then weeks): never a second follow-up for the same promise.
    for (const day of [addDays(broken, 1), addDays(broken, 2), addDays(broken, 14), addDays(broken, 35)]) {
      await company.cycle(day);
      const again = (await tasksOf(company, promiser!)).filter((t) => String(t.PASO).startsWith('PROMESA-'));
      expect(again).toHaveLength(1);
      expect(Number(again[0]!.ID)).toBe(Number(followUps[0]!.ID));
    }
  });
});

describe('disputes and do-not-contact', () => {
  it('a dispute flag, a "disputa" contact and do-not-contact close open tasks as suspendida and stop new ones', async () => {
    company = await openDemoCompany({ tag: 'dispute' });
    const { ctx } = company;
    await company.cycle(DEMO_START);
    const withTasks = (await ctx.db(ctx.tables.tarea)
      .where({ ESTADO: 'pendiente' }).whereNot('ETAPA', 'preventiva').distinct('COD_CLIENT').orderBy('COD_CLIENT')) as { COD_CLIENT: string }[];
    const [flagged, contacted, doNotContact, control] = withTasks.map((r) => r.COD_CLIENT.trim());
    expect(control).toBeTruthy();
    const openBefore = new Map<string, number[]>();
    for (const code of [flagged!, contacted!, doNotContact!]) {
      openBefore.set(code, (await tasksOf(company, code)).filter((t) => t.ESTADO === 'pendiente').map((t) => Number(t.ID)));
    }

    const day = addDays(DEMO_START, 1);
    await setCustomerFlags(ctx.db, ctx.tables, flagged!, { dispute: true, note: 'Reclama una diferencia de precio' });
    await recordContact(ctx.db, ctx.tables, { customerCode: contacted!, on: day, outcome: 'disputa', note: 'Dice que la mercadería llegó dañada' });
    await setCustomerFlags(ctx.db, ctx.tables, doNotContact!, { doNotContact: true });
    await company.cycle(day);

    const expected: Record<string, string> = { [flagged!]: 'disputa', [contacted!]: 'disputa', [doNotContact!]: 'no_contactar' };
    for (const [code, reason] of Object.entries(expected)) {
      const ids = openBefore.get(code)!;
      expect(ids.length).toBeGreaterThan(0);
      const rows = (await ctx.db(ctx.tables.tarea).whereIn('ID', ids)) as Row[];
      for (const r of rows) expect(r).toMatchObject({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'suspendida' });
      expect((await alertOf(company, code))?.SUSPENDIDA_POR).toBe(reason);
    }

    // Weeks later, past several cadence steps: still no new task for any of them.
    for (const later of [addDays(DEMO_START, 10), addDays(DEMO_START, 31), addDays(DEMO_START, 63)]) {
      await company.cycle(later);
      for (const code of Object.keys(expected)) {
        const pending = (await tasksOf(company, code)).filter((t) => t.ESTADO === 'pendiente');
        expect(pending).toEqual([]);
      }
    }
    // The control customer went on being chased.
    const controlTasks = await tasksOf(company, control!);
    expect(new Set(controlTasks.map((t) => t.PASO)).size).toBeGreaterThan(1);
  });
});
