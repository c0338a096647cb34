import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { proposeInstallmentPlan } from '../../rules/installment-plan';
import { calendar } from './helpers';

describe('installment plan', () => {
  it('splits 8.500 in three monthly parts, the extra cent on the last', () => {
    expect(proposeInstallmentPlan(8500, 3, '2026-03-10', calendar)).toEqual([
      { number: 1, dueOn: '2026-03-10', amount: 2833.33 },
      { number: 2, dueOn: '2026-04-10', amount: 2833.33 },
      { number: 3, dueOn: '2026-05-11', amount: 2833.34 }, // May 10 is a Sunday
    ]);
  });

  it('can put the extra cents on the first part', () => {
    const plan = proposeInstallmentPlan(100, 3, '2026-03-10', calendar, { remainderOn: 'first' });
    expect(plan.map((p) => p.amount)).toEqual([33.34, 33.33, 33.33]);
  });

  it('keeps monthly dates on business days without drifting', () => {
    const plan = proposeInstallmentPlan(1000, 4, '2026-01-31', calendar);
    expect(plan.map((p) => p.dueOn)).toEqual(['2026-02-02', '2026-03-02', '2026-03-31', '2026-04-30']);
  });

  it('rejects impossible plans', () => {
    expect(() => proposeInstallmentPlan(8500, 0, '2026-03-10', calendar)).toThrow(/Cantidad de cuotas/);
    expect(() => proposeInstallmentPlan(8500, 2.5, '2026-03-10', calendar)).toThrow(/Cantidad de cuotas/);
    expect(() => proposeInstallmentPlan(0, 3, '2026-03-10', calendar)).toThrow(/Importe inválido/);
  });

  it('always adds up to the total, parts differ by less than the parts count in cents, dates are business days', () => {
    fc.assert(fc.property(
      fc.integer({ min: 100, max: 100_000_000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 700 }),
      (cents, parts, offset) => {
        const first = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const plan = proposeInstallmentPlan(cents / 100, parts, first, calendar);
        expect(plan).toHaveLength(parts);
        expect(plan.reduce((s, p) => s + Math.round(p.amount * 100), 0)).toBe(cents);
        const amounts = plan.map((p) => Math.round(p.amount * 100));
        expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThan(parts);
        for (const p of plan) expect(calendar.isBusinessDay(p.dueOn)).toBe(true);
        for (let i = 1; i < plan.length; i++) expect(plan[i]!.dueOn > plan[i - 1]!.dueOn).toBe(true);
      },
    ));
  });
});
