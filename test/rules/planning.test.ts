import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../rules/defaults';
import { addToPlan, emptyPlan, hasStepDue, planCustomer, taskKey } from '../../rules/planning';
import type { ExistingTask, RuleSettings } from '../../rules/types';
import { applyPlan, behaviourFor, contact, ctx, input, installment, promise } from './helpers';

const today = '2026-03-10';

function task(over: Partial<ExistingTask> & Pick<ExistingTask, 'id' | 'episode' | 'stepId'>): ExistingTask {
  return {
    key: taskKey('C001', over.episode, over.stepId), customerCode: 'C001', status: 'pendiente',
    dueOn: over.episode, createdOn: over.episode, ...over,
  };
}

describe('overdue episodes', () => {
  it('starts the day after the oldest due date and covers every overdue installment in one task', () => {
    const inst = [installment('2026-03-02', 1200), installment('2026-02-27', 800), installment('2026-03-20', 999)];
    const plan = planCustomer(input({ installments: inst }), ctx(today));
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({
      key: 'C001|2026-02-28|D+7', episode: '2026-02-28', stepId: 'D+7', status: 'pendiente',
      daysOverdue: 11, overdueBalance: 2000, brokenPromise: null,
    });
    expect(plan.create[0]!.installments.map((i) => i.dueOn)).toEqual(['2026-02-27', '2026-03-02']);
    expect(plan.alert).toMatchObject({ episode: '2026-02-28', oldestDaysOverdue: 11, overdueBalance: 2000, openBalance: 2999, stage: 'administrativa' });
  });

  it('starts when the overdue balance first reaches minOverdueToAct', () => {
    const inst = [installment('2026-02-01', 200), installment('2026-02-20', 250), installment('2026-02-25', 100)];
    const plan = planCustomer(input({ installments: inst }), ctx(today));
    expect(plan.alert?.episode).toBe('2026-02-26'); // 200 + 250 + 100 = 550 ≥ 500 since Feb 26
    // Steps still count from the oldest overdue installment (37 days: tier B, D+30).
    expect(plan.create.map((t) => [t.stepId, t.status])).toEqual([['D+7', 'omitida'], ['D+30', 'pendiente']]);
  });

  it('below minOverdueToAct: no overdue step and no alert, but pre-due reminders still apply', () => {
    const inst = [installment('2026-02-01', 499), installment('2026-03-12', 5000)];
    const plan = planCustomer(input({ installments: inst }), ctx(today));
    expect(plan.create.map((t) => [t.stepId, t.episode])).toEqual([['D-3', '2026-03-12']]);
    expect(plan.alert).toMatchObject({ episode: null, nextStepId: 'D-3', stage: 'preventiva' });
    const nothing = planCustomer(input({ installments: [installment('2026-02-01', 499)] }), ctx(today));
    expect(nothing.create).toEqual([]);
    expect(nothing.alert).toBeNull();
  });

  it('keeps the episode while the customer stays overdue, even when the oldest installment is paid', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'),
      installments: [installment('2026-02-20', 3000)], // the January one was paid
      currentEpisode: '2026-01-11',
      tasks: [task({ id: 1, episode: '2026-01-11', stepId: 'D+7' }), task({ id: 2, episode: '2026-01-11', stepId: 'D+30', status: 'cerrada' })],
    }), ctx(today));
    expect(plan.alert?.episode).toBe('2026-01-11');
    expect(plan.create).toEqual([]); // days overdue fell back to 18: steps never go backwards in an episode
    expect(plan.keep).toEqual(['C001|2026-01-11|D+7']);
  });

  it('after downtime creates only the latest step and records the skipped ones', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('C'),
      installments: [installment('2025-12-01', 10_000)],
      tasks: [task({ id: 3, episode: '2025-12-02', stepId: 'D+7', status: 'cerrada' })],
      currentEpisode: '2025-12-02',
    }), ctx(today));
    expect(plan.create.map((t) => [t.stepId, t.status, t.dueOn])).toEqual([
      ['D+30', 'omitida', today], ['D+60', 'omitida', today], ['D+90', 'pendiente', today],
    ]);
  });

  it('schedules a future-dated step on its date and weekend or holiday steps on the next business day', () => {
    const onHoliday = planCustomer(input({ installments: [installment('2026-05-18', 3200)] }), ctx('2026-05-25'));
    expect(onHoliday.create[0]?.dueOn).toBe('2026-05-26');
    const onSaturday = planCustomer(input({ installments: [installment('2026-03-17', 3200)] }), ctx('2026-03-14'));
    expect(onSaturday.create[0]).toMatchObject({ stepId: 'D-3', dueOn: '2026-03-16' });
  });
});

describe('closing tasks', () => {
  it('customer paid everything: every open task closes as paid and the alert goes away', () => {
    const plan = planCustomer(input({
      installments: [],
      tasks: [task({ id: 1, episode: '2026-02-28', stepId: 'D+7' }), task({ id: 2, episode: '2026-03-12', stepId: 'D-3' })],
      currentEpisode: '2026-02-28',
    }), ctx(today));
    expect(plan.close).toEqual([
      { taskId: 2, key: 'C001|2026-03-12|D-3', reason: 'pagada' },
      { taskId: 1, key: 'C001|2026-02-28|D+7', reason: 'pagada' },
    ]);
    expect(plan.alert).toBeNull();
    expect(plan.keep).toEqual([]);
  });

  it('customer current again with balance still to come due: cliente_al_dia; a pending reminder keeps the alert', () => {
    const plan = planCustomer(input({
      installments: [installment('2026-03-12', 700)],
      tasks: [task({ id: 1, episode: '2026-02-28', stepId: 'D+7' }), task({ id: 2, episode: '2026-03-12', stepId: 'D-3', createdOn: '2026-03-09' })],
      currentEpisode: '2026-02-28',
    }), ctx(today));
    expect(plan.close).toEqual([{ taskId: 1, key: 'C001|2026-02-28|D+7', reason: 'cliente_al_dia' }]);
    expect(plan.keep).toEqual(['C001|2026-03-12|D-3']);
    expect(plan.alert).toMatchObject({ episode: null, nextStepId: 'D-3' });
    expect(plan.alert?.message).toBe('Nivel A · al día · $ 700,00 a vencer · próximo: D-3 (enviar correo) el 12/03/2026');
  });

  it('a pre-due reminder closes when its installment is paid, or is replaced once the due date comes', () => {
    const reminder = (id: number, due: string) => task({ id, episode: due, stepId: 'D-3' });
    const paid = planCustomer(input({ installments: [installment('2026-03-13', 600)], tasks: [reminder(1, '2026-03-12')] }), ctx(today));
    expect(paid.close).toEqual([{ taskId: 1, key: 'C001|2026-03-12|D-3', reason: 'pagada' }]);
    const due = planCustomer(input({ installments: [installment('2026-03-10', 600)], tasks: [reminder(2, '2026-03-10')] }), ctx(today));
    expect(due.close).toEqual([{ taskId: 2, key: 'C001|2026-03-10|D-3', reason: 'reemplazada' }]);
  });

  it('open tasks of another episode are replaced', () => {
    const plan = planCustomer(input({
      installments: [installment('2026-03-01', 900)],
      tasks: [task({ id: 7, episode: '2025-11-02', stepId: 'D+7' })],
      currentEpisode: '2026-03-02',
    }), ctx(today));
    expect(plan.close).toEqual([{ taskId: 7, key: 'C001|2025-11-02|D+7', reason: 'reemplazada' }]);
    expect(plan.create.map((t) => t.key)).toEqual(['C001|2026-03-02|D+7']);
  });
});

describe('suppression in planning', () => {
  const overdue = [installment('2026-02-01', 5000)];
  const open = task({ id: 1, episode: '2026-02-02', stepId: 'D+30' });

  it('do-not-contact: nothing created, open tasks suspended, alert kept with the reason', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'), installments: overdue, tasks: [open], currentEpisode: '2026-02-02',
      overrides: { customerCode: 'C001', fixedTier: null, doNotContact: true, dispute: false, legal: false, note: null },
    }), ctx(today));
    expect(plan.create).toEqual([]);
    expect(plan.close).toEqual([{ taskId: 1, key: open.key, reason: 'suspendida' }]);
    expect(plan.suppressed).toEqual([{ customerCode: 'C001', reason: 'no_contactar', detail: 'Marcado «no contactar» por el personal: no se generan gestiones.' }]);
    expect(plan.alert).toMatchObject({ suppressedBy: 'no_contactar', nextStepId: null, episode: '2026-02-02' });
    expect(plan.alert?.message).toBe('Nivel B · 37 días de atraso · $ 5.000,00 vencido · suspendida: no contactar');
  });

  it('unapplied money covering the debt suspends; an inactive customer is still chased', () => {
    const covered = planCustomer(input({
      installments: overdue, unapplied: { customerCode: 'C001', onAccount: 2000, chequesInPortfolio: 3000 },
    }), ctx(today));
    expect(covered.create).toEqual([]);
    expect(covered.alert).toMatchObject({ suppressedBy: 'dinero_sin_aplicar', unapplied: 5000 });
    const inactive = planCustomer(input({ installments: overdue, customer: { ...input().customer, inactiveSince: '2025-12-01' } }), ctx(today));
    expect(inactive.create.filter((t) => t.status === 'pendiente')).toHaveLength(1);
    expect(inactive.suppressed).toEqual([]);
  });

  it('an unexpired promise keeps open tasks and creates nothing', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'), installments: overdue, tasks: [task({ id: 1, episode: '2026-02-02', stepId: 'D+7' })],
      currentEpisode: '2026-02-02', contacts: [promise(3, '2026-03-05', '2026-03-09', 5000)],
    }), ctx(today));
    expect(plan.create).toEqual([]);
    expect(plan.close).toEqual([]);
    expect(plan.keep).toEqual(['C001|2026-02-02|D+7']);
    expect(plan.alert?.suppressedBy).toBe('promesa_vigente');
    expect(plan.alert?.message).toContain('suspendida: promesa de pago para el 09/03/2026');
  });

  it('a broken promise creates one phone follow-up, once', () => {
    const p = promise(3, '2026-02-20', '2026-03-02', 5000);
    const state = input({
      behaviour: behaviourFor('B'), installments: overdue, currentEpisode: '2026-02-02', contacts: [p],
      tasks: [task({ id: 1, episode: '2026-02-02', stepId: 'D+30', status: 'cerrada', createdOn: '2026-03-04' })],
    });
    const plan = planCustomer(state, ctx(today));
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({
      key: 'C001|2026-02-02|PROMESA-3', stepId: 'PROMESA-3', template: 'seguimiento', role: 'cobrador',
      channels: ['telefono'], brokenPromise: p, dueOn: today, status: 'pendiente',
    });
    const after = applyPlan(state.tasks, plan, today);
    const again = planCustomer({ ...state, tasks: after.tasks }, ctx('2026-03-11'));
    expect(again.create).toEqual([]);
    expect(again.keep).toEqual(['C001|2026-02-02|PROMESA-3']);
    expect(again.alert?.nextStepId).toBe('PROMESA-3');
  });

  it('contact caps defer the step until the period has room', () => {
    const contacts = [contact(1, '2026-03-05', 'sin_respuesta'), contact(2, '2026-03-06', 'sin_respuesta')];
    const plan = planCustomer(input({ installments: [installment('2026-03-02', 3200)], contacts }), ctx(today));
    expect(plan.create).toEqual([]);
    expect(plan.suppressed[0]).toMatchObject({ reason: 'tope_contactos' });
    expect(plan.suppressed[0]?.detail).toBe('Ya tuvo 2 contactos en los últimos 7 días (tope: 2); la gestión se genera cuando haya lugar.');
    expect(plan.alert?.suppressedBy).toBe('tope_contactos');
    const later = planCustomer(input({ installments: [installment('2026-03-02', 3200)], contacts }), ctx('2026-03-12'));
    expect(later.create.map((t) => t.stepId)).toEqual(['D+7']); // the 5th left the period
  });

  it('caps take the most important contacts first', () => {
    const settings: RuleSettings = { ...DEFAULT_RULES, caps: { ...DEFAULT_RULES.caps, maxContacts: 1 } };
    const p = promise(3, '2026-02-20', '2026-03-02');
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'), installments: [installment('2026-02-08', 3200)], contacts: [p], currentEpisode: '2026-02-09',
    }), ctx(today, settings));
    expect(plan.create.map((t) => [t.stepId, t.status])).toEqual([['D+7', 'omitida'], ['D+30', 'pendiente']]);
    expect(plan.suppressed).toEqual([]);
  });
});

describe('alert and plan assembly', () => {
  it('shows tier, days, overdue balance and the next step ahead', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'),
      installments: [installment('2026-01-11', 12_345.67)],
      currentEpisode: '2026-01-12',
      tasks: [
        task({ id: 1, episode: '2026-01-12', stepId: 'D+7', status: 'cerrada' }),
        task({ id: 2, episode: '2026-01-12', stepId: 'D+30', status: 'cerrada' }),
      ],
    }), ctx('2026-02-14'));
    expect(plan.create).toEqual([]);
    expect(plan.alert).toMatchObject({ nextStepId: 'D+60', nextActionOn: '2026-03-12', role: 'supervisor', stage: 'extrajudicial' });
    expect(plan.alert?.message).toBe('Nivel B · 34 días de atraso · $ 12.345,67 vencido · próximo: D+60 (llamar) el 12/03/2026');
  });

  it('folds customer plans into the cycle plan', () => {
    const plan = emptyPlan(today);
    const a = planCustomer(input({ installments: [installment('2026-03-02', 3200)] }), ctx(today));
    const b = planCustomer(input({ customer: { ...input().customer, code: 'C002' } }), ctx(today));
    addToPlan(addToPlan(plan, a), b);
    expect(plan.today).toBe(today);
    expect(plan.tiers.map((t) => t.customerCode)).toEqual(['C001', 'C002']);
    expect(plan.create.map((t) => t.key)).toEqual(['C001|2026-03-03|D+7']);
    expect(plan.alerts.map((x) => x.customerCode)).toEqual(['C001']);
  });

  it('planning again with what it created creates and closes nothing', () => {
    const state = input({ behaviour: behaviourFor('C'), installments: [installment('2025-12-01', 10_000), installment('2026-03-14', 500)] });
    const first = planCustomer(state, ctx(today));
    expect(first.create.length).toBeGreaterThan(0);
    const after = applyPlan([], first, today);
    const second = planCustomer({ ...state, tasks: after.tasks, tierState: after.tierState, currentEpisode: after.currentEpisode }, ctx(today));
    expect(second.create).toEqual([]);
    expect(second.close).toEqual([]);
    expect(second.alert).toEqual(first.alert);
  });
});

describe('hasStepDue (whose installments a cycle keeps for the digests)', () => {
  const open = task({ id: 7, episode: '2026-03-01', stepId: 'D+7', dueOn: '2026-03-08' });
  const later = task({ id: 8, episode: '2026-03-01', stepId: 'D+30', dueOn: '2026-03-31' });

  it('is true for a new pending step due today or earlier, false for one due later', () => {
    const inst = [installment('2026-03-02', 1200)];
    const due = planCustomer(input({ installments: inst }), ctx(today));
    expect(due.create.map((t) => t.dueOn)).toEqual(['2026-03-10']);
    expect(hasStepDue(due, [], today)).toBe(true);
    expect(hasStepDue(due, [], '2026-03-09')).toBe(false);
  });

  it('counts an open task only when the plan keeps it and it is due by today', () => {
    expect(hasStepDue({ create: [], keep: [open.key] }, [open, later], today)).toBe(true);
    expect(hasStepDue({ create: [], keep: [later.key] }, [open, later], today)).toBe(false);
    expect(hasStepDue({ create: [], keep: [] }, [open], today)).toBe(false);
    expect(hasStepDue({ create: [], keep: [open.key] }, [{ ...open, status: 'cerrada' }], today)).toBe(false);
  });
});
