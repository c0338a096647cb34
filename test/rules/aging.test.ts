import { describe, expect, it } from 'vitest';
import { agingBucket, agingOf } from '../../rules/aging';
import { installment } from './helpers';

describe('aging', () => {
  it.each([
    [-5, 'corriente'], [0, 'corriente'], [1, '1-30'], [30, '1-30'], [31, '31-60'],
    [60, '31-60'], [61, '61-90'], [90, '61-90'], [91, 'mas-90'], [400, 'mas-90'],
  ] as const)('%i days overdue → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it('sums pending amounts per bucket as of a date', () => {
    const aging = agingOf([
      installment('2026-03-10', 100.1), // due today: current
      installment('2026-04-01', 50),
      installment('2026-03-09', 200.2), // 1 day
      installment('2026-02-08', 300), // 30 days
      installment('2026-02-07', 400), // 31 days
      installment('2025-12-10', 500), // 90 days
      installment('2025-12-09', 600), // 91 days
    ], '2026-03-10');
    expect(aging).toEqual({
      corriente: 150.1, '1-30': 500.2, '31-60': 400, '61-90': 500, 'mas-90': 600, total: 2150.3,
    });
  });
});
