import { describe, expect, it } from 'vitest';
import { nextOverdueStep, overdueStep, preDueHits, stepOffset } from '../../rules/cadence';
import { DEFAULT_RULES } from '../../rules/defaults';
import { planCustomer } from '../../rules/planning';
import type { ExistingTask } from '../../rules/types';
import { behaviourFor, ctx, input, installment } from './helpers';

const { cadence } = DEFAULT_RULES;

describe('cadence steps', () => {
  it.each([
    ['A', 0, null], ['A', 6, null], ['A', 7, 'D+7'], ['A', 45, 'D+7'],
    ['B', 7, 'D+7'], ['B', 29, 'D+7'], ['B', 30, 'D+30'], ['B', 61, 'D+60'],
    ['C', 59, 'D+30'], ['C', 60, 'D+60'], ['C', 89, 'D+60'], ['C', 90, 'D+90'], ['C', 400, 'D+90'],
  ] as const)('tier %s at %i days overdue → %s', (tier, days, step) => {
    expect(overdueStep(cadence[tier], days)?.id ?? null).toBe(step);
  });

  it('knows the next step ahead', () => {
    expect(nextOverdueStep(cadence.B, 34)?.id).toBe('D+60');
    expect(nextOverdueStep(cadence.A, 8)).toBeNull();
  });

  it('applies the latest pre-due step from its date until the due date, once per due date', () => {
    const inst = [installment('2026-03-13', 100), installment('2026-03-13', 50), installment('2026-03-20', 70), installment('2026-03-10', 10)];
    expect(preDueHits(cadence.A, inst, '2026-03-06')).toEqual([]);
    expect(preDueHits(cadence.A, inst, '2026-03-09').map((h) => h.dueOn)).toEqual(['2026-03-10']);
    const hits = preDueHits(cadence.A, inst, '2026-03-10');
    expect(hits.map((h) => [h.step.id, h.dueOn, h.date, h.installments.length])).toEqual([['D-3', '2026-03-13', '2026-03-10', 2]]);
    expect(preDueHits(cadence.A, inst, '2026-03-12').map((h) => h.dueOn)).toEqual(['2026-03-13']);
    expect(preDueHits(cadence.A, inst, '2026-03-13')).toEqual([]);
    // C has D-5 only: from 5 days before.
    expect(preDueHits(cadence.C, inst, '2026-03-15').map((h) => [h.step.id, h.dueOn])).toEqual([['D-5', '2026-03-20']]);
    const both = [...cadence.A, { ...cadence.C[0]! }];
    expect(preDueHits(both, inst, '2026-03-08').map((h) => [h.step.id, h.dueOn])).toEqual([['D-3', '2026-03-10'], ['D-5', '2026-03-13']]);
    expect(preDueHits(both, inst, '2026-03-11').map((h) => h.step.id)).toEqual(['D-3']);
  });

  it('finds step offsets by id, from any tier or from the id itself', () => {
    expect(stepOffset('D+90', cadence.A, DEFAULT_RULES)).toBe(90);
    expect(stepOffset('D+45', cadence.A, DEFAULT_RULES)).toBe(45);
    expect(stepOffset('PROMESA-7', cadence.A, DEFAULT_RULES)).toBeNull();
  });
});

describe('cadence per tier through planning (DEFAULT_RULES)', () => {
  const today = '2026-03-10'; // Tuesday
  it.each([
    // tier, behaviour, due date, expected pendiente step, template, role, stage, channels, skipped steps
    ['A', '2026-03-13', 'D-3', 'recordatorio', 'vendedor', 'preventiva', ['email'], []],
    ['A', '2026-03-02', 'D+7', 'primer-aviso', 'vendedor', 'administrativa', ['email', 'telefono'], []],
    ['B', '2026-03-13', 'D-3', 'recordatorio', 'vendedor', 'preventiva', ['email'], []],
    ['B', '2026-02-08', 'D+30', 'seguimiento', 'cobrador', 'administrativa', ['telefono', 'email'], ['D+7']],
    ['C', '2026-03-15', 'D-5', 'recordatorio', 'cobrador', 'preventiva', ['email', 'whatsapp'], []],
    ['C', '2026-01-09', 'D+60', 'escalamiento', 'supervisor', 'extrajudicial', ['telefono', 'carta'], ['D+7', 'D+30']],
    ['C', '2025-12-10', 'D+90', 'intimacion', 'supervisor', 'extrajudicial', ['carta', 'email'], ['D+7', 'D+30', 'D+60']],
  ] as const)('tier %s, due %s → %s (%s to %s)', (tier, dueOn, step, template, role, stage, channels, skipped) => {
    const plan = planCustomer(input({ behaviour: behaviourFor(tier), installments: [installment(dueOn, 3200)] }), ctx(today));
    expect(plan.tier.tier).toBe(tier);
    const pending = plan.create.filter((t) => t.status === 'pendiente');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ stepId: step, template, role, stage, channels: [...channels], tier, dueOn: today });
    expect(plan.create.filter((t) => t.status === 'omitida').map((t) => t.stepId)).toEqual(skipped);
  });

  it('B gets a D+30 follow-up that replaces the open D+7 task', () => {
    const d7: ExistingTask = {
      id: 41, key: 'C001|2026-02-09|D+7', customerCode: 'C001', episode: '2026-02-09', stepId: 'D+7',
      status: 'pendiente', dueOn: '2026-02-16', createdOn: '2026-02-16',
    };
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'), installments: [installment('2026-02-08', 3200)], tasks: [d7], currentEpisode: '2026-02-09',
    }), ctx(today));
    expect(plan.create.map((t) => [t.key, t.status])).toEqual([['C001|2026-02-09|D+30', 'pendiente']]);
    expect(plan.close).toEqual([{ taskId: 41, key: d7.key, reason: 'reemplazada' }]);
    expect(plan.keep).toEqual([]);
    expect(plan.alert?.message).toBe('Nivel B · 30 días de atraso · $ 3.200,00 vencido · próximo: D+30 (llamar) el 10/03/2026');
  });

  it('A gets no step between D+7 and the next worsening', () => {
    const d7: ExistingTask = {
      id: 5, key: 'C001|2026-02-21|D+7', customerCode: 'C001', episode: '2026-02-21', stepId: 'D+7',
      status: 'pendiente', dueOn: '2026-02-27', createdOn: '2026-02-27',
    };
    const plan = planCustomer(input({ installments: [installment('2026-02-20', 3200)], tasks: [d7], currentEpisode: '2026-02-21' }), ctx(today));
    expect(plan.tier.tier).toBe('A');
    expect(plan.create).toEqual([]);
    expect(plan.keep).toEqual([d7.key]);
    expect(plan.alert?.nextStepId).toBe('D+7');
  });
});
