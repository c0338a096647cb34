/** Issue "write-back" 4: after a demo-like run, COB_ALERTA and COB_TAREA match the demo customers' behaviour. */
import { afterEach, describe, expect, it } from 'vitest';
import { runOnce } from '../../service/cli/commands-run';
import { customersWithProfile, DEMO_START, openDemoCompany, overdueTruth, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

type Row = Record<string, unknown>;

describe('demo run: alerts and tasks of known demo customers', () => {
  it('a never-paying customer has an alert and a pending overdue task; a punctual one with nothing overdue has no alert', async () => {
    company = await openDemoCompany({ tag: 'demo' });
    const { ctx } = company;
    const { summary, sent } = await runOnce(ctx, DEMO_START); // as `npm run demo` does: cycle, then the outbox (folder mode)
    expect(summary.counts.tasksCreated).toBeGreaterThan(0);
    expect(sent.sent).toBe(summary.counts.mailsQueued);

    const truth = await overdueTruth(ctx, DEMO_START);
    const alerts = new Map(((await ctx.db(ctx.tables.alerta).select()) as Row[]).map((a) => [String(a.COD_CLIENT).trim(), a]));
    const minimum = ctx.config.rules.amounts.minOverdueToAct;

    const neverPays = (await customersWithProfile(ctx, 'nunca_paga')).filter((c) => (truth.get(c) ?? 0) >= minimum);
    expect(neverPays.length).toBeGreaterThan(0);
    for (const code of neverPays) {
      const alert = alerts.get(code);
      expect(alert, `alerta de ${code}`).toBeDefined();
      expect(Number(alert!.DIAS_ATRASO)).toBeGreaterThan(0);
      expect(Number(alert!.SALDO_VENCIDO)).toBeCloseTo(truth.get(code)!, 2);
      const tasks = (await ctx.db(ctx.tables.tarea)
        .where({ COD_CLIENT: code, ESTADO: 'pendiente' }).whereNot('ETAPA', 'preventiva').where('FECHA', '<=', DEMO_START)) as Row[];
      if (alert!.SUSPENDIDA_POR === null) {
        expect(tasks.length, `tarea de ${code}`).toBeGreaterThan(0);
        expect(String(tasks[0]!.EPISODIO)).toBe(String(alert!.EPISODIO));
      }
    }

    const punctualCurrent = (await customersWithProfile(ctx, 'puntual')).filter((c) => !truth.has(c));
    expect(punctualCurrent.length).toBeGreaterThan(3);
    for (const code of punctualCurrent) {
      const alert = alerts.get(code);
      // No alert, or at most one about an upcoming due date (never an overdue balance).
      if (alert) expect(Number(alert.SALDO_VENCIDO)).toBe(0);
      const overdueTasks = await ctx.db(ctx.tables.tarea).where({ COD_CLIENT: code }).whereNot('ETAPA', 'preventiva');
      expect(overdueTasks).toEqual([]);
    }

    // Every alert's overdue balance is the ground truth's, and everyone owing past the minimum has one.
    for (const [code, alert] of alerts) expect(Number(alert.SALDO_VENCIDO), code).toBeCloseTo(truth.get(code) ?? 0, 2);
    for (const [code, owed] of truth) if (owed >= minimum) expect(alerts.has(code), `alerta de ${code}`).toBe(true);
  });
});
