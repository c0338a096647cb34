import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../rules/metrics';
import { DEFAULT_RULES } from '../../rules/defaults';
import { behaviour, customer, installment } from './helpers';

const today = '2026-03-10';

describe('metrics', () => {
  it('measures overdue from installments due before today', () => {
    const m = computeMetrics(customer(), [
      installment('2026-02-01', 1000.1),
      installment('2026-03-01', 500.2),
      installment('2026-03-10', 300), // due today: not overdue
      installment('2026-04-10', 200),
    ], behaviour({ paymentCount: 8, lateCount: 3, weightedDaysLate: 34.2 }), today, DEFAULT_RULES);
    expect(m).toEqual({
      customerCode: 'C001',
      paymentCount: 8,
      weightedDaysLate: 34.2,
      lateShare: 0.375,
      overdueBalance: 1500.3,
      openBalance: 2000.3,
      oldestDaysOverdue: 37,
      unapplied: 0,
      uncoveredOverdue: 1500.3,
      uncoveredOldestDaysOverdue: 37,
      invoicedAmount: 500_000,
      relationshipDays: 3996,
      creditLimit: null,
      overdueToCredit: null,
    });
  });

  it('handles no history, no installments and credit limits', () => {
    const m = computeMetrics(customer({ createdOn: null, creditLimit: 4000 }), [installment('2026-03-01', 1000)], null, today, DEFAULT_RULES);
    expect(m.paymentCount).toBe(0);
    expect(m.lateShare).toBeNull();
    expect(m.weightedDaysLate).toBe(0);
    expect(m.relationshipDays).toBeNull();
    expect(m.overdueToCredit).toBe(0.25);
    const none = computeMetrics(customer({ creditLimit: 0 }), [], null, today, DEFAULT_RULES);
    expect(none.overdueBalance).toBe(0);
    expect(none.oldestDaysOverdue).toBe(0);
    expect(none.creditLimit).toBeNull();
  });

  it('lets money sent and not applied cover the oldest overdue installments first', () => {
    const inst = [installment('2026-01-01', 1000), installment('2026-02-01', 600), installment('2026-03-01', 400)];
    const partial = computeMetrics(customer({ creditLimit: 2000 }), inst, null, today, DEFAULT_RULES, {
      customerCode: 'C001', onAccount: 1200, chequesInPortfolio: 300,
    });
    expect(partial).toMatchObject({
      overdueBalance: 2000, oldestDaysOverdue: 68, unapplied: 1500, uncoveredOverdue: 500, uncoveredOldestDaysOverdue: 37, overdueToCredit: 0.25,
    });
    const all = computeMetrics(customer(), inst, null, today, DEFAULT_RULES, { customerCode: 'C001', onAccount: 2500, chequesInPortfolio: 0 });
    expect(all).toMatchObject({ overdueBalance: 2000, oldestDaysOverdue: 68, uncoveredOverdue: 0, uncoveredOldestDaysOverdue: 0 });
  });

  it('ignores installments at or under the tolerance', () => {
    const m = computeMetrics(customer(), [installment('2026-01-01', 0.5), installment('2026-03-01', 800)], null, today, DEFAULT_RULES);
    expect(m.overdueBalance).toBe(800);
    expect(m.oldestDaysOverdue).toBe(9);
  });
});
