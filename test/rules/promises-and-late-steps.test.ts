/** Issue 14: a kept promise is not followed up as broken; a late next step says since when. */
import { describe, expect, it } from 'vitest';
import { planCustomer } from '../../rules/planning';
import type { ExistingTask } from '../../rules/types';
import { behaviourFor, ctx, input, installment, promise } from './helpers';

const episode = '2026-01-12';
const open = (id: number, stepId: string, dueOn: string): ExistingTask => ({
  id, key: `C001|${episode}|${stepId}`, customerCode: 'C001', episode, stepId, status: 'pendiente', dueOn, createdOn: dueOn,
});
const receipt = (on: string, amount: number) => ({ customerCode: 'C001', on, kind: 'cobro' as const, amount });

describe('broken-promise follow-ups in the plan', () => {
  const base = {
    behaviour: behaviourFor('B'),
    installments: [installment('2026-01-11', 250_000), installment('2026-01-20', 80_000)],
    currentEpisode: episode,
    tasks: [open(1, 'D+7', '2026-01-19')],
    // On 10/01 (outside the week the contact cap counts), promised $ 100.000 by 15/01;
    // with 3 days of grace it protected the customer through 18/01, into the episode.
    contacts: [promise(7, '2026-01-10', '2026-01-15', 100_000)],
  };

  it('paid in time (a receipt applied on 14/01): kept, no follow-up', () => {
    const plan = planCustomer(input({ ...base, receipts: [receipt('2026-01-14', 100_000)] }), ctx('2026-01-19'));
    expect(plan.create.filter((t) => t.stepId.startsWith('PROMESA-'))).toEqual([]);
    expect(plan.suppressed).toEqual([]);
  });

  it('short of the promised amount, or with no receipts at all: broken, one follow-up carrying the promise', () => {
    for (const receipts of [[receipt('2026-01-14', 60_000)], []]) {
      const plan = planCustomer(input({ ...base, receipts }), ctx('2026-01-19'));
      const follow = plan.create.filter((t) => t.stepId === 'PROMESA-7');
      expect(follow).toHaveLength(1);
      expect(follow[0]!.brokenPromise).toMatchObject({ id: 7, promiseAmount: 100_000 });
    }
  });
});

describe('the alert of a customer whose step is late', () => {
  it('says since when the open step is pending, not a stale date', () => {
    const plan = planCustomer(input({
      behaviour: behaviourFor('B'),
      installments: [installment('2026-01-11', 12_345.67)],
      currentEpisode: episode,
      tasks: [open(1, 'D+30', '2026-02-11')],
    }), ctx('2026-02-20'));
    expect(plan.alert?.message).toBe('Nivel B · 40 días de atraso · $ 12.345,67 vencido · próximo: D+30 (llamar) pendiente desde el 11/02/2026');
  });
});
