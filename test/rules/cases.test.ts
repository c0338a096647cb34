/** The three worked cases of collections practice (reference page 002), through the rules. */
import { describe, expect, it } from 'vitest';
import { proposeInstallmentPlan } from '../../rules/installment-plan';
import { planCustomer } from '../../rules/planning';
import { behaviour, calendar, contact, ctx, customer, input, installment } from './helpers';

const today = '2026-03-10';

describe('real-world cases', () => {
  it('a forgotten invoice of 3.200, 12 days late, at a long-time punctual customer: tier A, friendly reminder', () => {
    const plan = planCustomer(input({
      customer: customer({ createdOn: '2012-05-02' }),
      behaviour: behaviour({ paymentCount: 36, weightedDaysLate: 0.8, lateCount: 0 }),
      installments: [installment('2026-02-26', 3200)],
    }), ctx(today));
    expect(plan.tier.tier).toBe('A');
    expect(plan.tier.rule).toBe('criterios');
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({
      stepId: 'D+7', template: 'primer-aviso', role: 'vendedor', stage: 'administrativa', status: 'pendiente',
      daysOverdue: 12, overdueBalance: 3200, dueOn: today,
    });
    expect(plan.alert?.message).toBe('Nivel A · 12 días de atraso · $ 3.200,00 vencido · próximo: D+7 (enviar correo) el 10/03/2026');
  });

  it('a customer who owes 8.500 and cannot pay in full: a plan of three monthly parts of 2.833,33', () => {
    const plan = planCustomer(input({ behaviour: behaviour({ weightedDaysLate: 12 }), installments: [installment('2026-02-06', 8500)] }), ctx(today));
    expect(plan.tier.tier).toBe('B');
    expect(plan.create.find((t) => t.status === 'pendiente')).toMatchObject({ stepId: 'D+30', channels: ['telefono', 'email'] });
    const parts = proposeInstallmentPlan(plan.create[0]!.overdueBalance, 3, '2026-03-16', calendar);
    expect(parts).toEqual([
      { number: 1, dueOn: '2026-03-16', amount: 2833.33 },
      { number: 2, dueOn: '2026-04-16', amount: 2833.33 },
      { number: 3, dueOn: '2026-05-18', amount: 2833.34 }, // the 16th is a Saturday
    ]);
  });

  it('a partially disputed invoice: contact suspended and routed to mediation', () => {
    const plan = planCustomer(input({
      installments: [installment('2026-02-20', 15_000)],
      currentEpisode: '2026-02-21',
      tasks: [{
        id: 8, key: 'C001|2026-02-21|D+7', customerCode: 'C001', episode: '2026-02-21', stepId: 'D+7',
        status: 'pendiente', dueOn: '2026-03-02', createdOn: '2026-03-02',
      }],
      contacts: [contact(4, '2026-03-03', 'disputa', 8)],
    }), ctx(today));
    expect(plan.create).toEqual([]);
    expect(plan.close).toEqual([{ taskId: 8, key: 'C001|2026-02-21|D+7', reason: 'suspendida' }]);
    expect(plan.suppressed).toEqual([{
      customerCode: 'C001', reason: 'disputa',
      detail: 'Disputa registrada el 03/03/2026: derivar a mediación para acordar el monto antes de reclamar.',
    }]);
    expect(plan.alert).toMatchObject({ suppressedBy: 'disputa', nextStepId: null, episode: '2026-02-21' });
    expect(plan.alert?.message).toBe('Nivel A · 18 días de atraso · $ 15.000,00 vencido · suspendida: en disputa, derivar a mediación');
  });
});
