/**
 * Aging of open installments as of a date: how much is current and how much
 * is 1–30, 31–60, 61–90 and more than 90 days overdue.
 */
import { daysBetween } from './dates';
import { roundCents } from './format';
import type { IsoDate, OpenInstallment } from './types';

export type AgingBucket = 'corriente' | '1-30' | '31-60' | '61-90' | 'mas-90';
export const AGING_BUCKETS: readonly AgingBucket[] = ['corriente', '1-30', '31-60', '61-90', 'mas-90'];

/** Spanish column titles for reports. */
export const AGING_BUCKET_LABELS: Record<AgingBucket, string> = {
  corriente: 'A vencer',
  '1-30': '1 a 30 días',
  '31-60': '31 a 60 días',
  '61-90': '61 a 90 días',
  'mas-90': 'Más de 90 días',
};

export type Aging = Record<AgingBucket, number> & { total: number };

/** The bucket for a number of days overdue (0 or less = not yet due). */
export function agingBucket(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'corriente';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return 'mas-90';
}

/** Pending amounts per bucket as of `asOf` (an installment due on `asOf` is current). */
export function agingOf(installments: Iterable<OpenInstallment>, asOf: IsoDate): Aging {
  const aging: Aging = { corriente: 0, '1-30': 0, '31-60': 0, '61-90': 0, 'mas-90': 0, total: 0 };
  for (const i of installments) {
    const bucket = agingBucket(daysBetween(i.dueOn, asOf));
    aging[bucket] = roundCents(aging[bucket] + i.pending);
    aging.total = roundCents(aging.total + i.pending);
  }
  return aging;
}

/** One customer's open balance split per installment into the aging buckets. */
export interface CustomerAging {
  customerCode: string;
  aging: Aging;
  /** Days overdue of the oldest overdue installment (0 when nothing is overdue). */
  oldestDaysOverdue: number;
  installments: number;
}

/**
 * A customer's aging as of `asOf`, each installment in the bucket of its own
 * days overdue. Installments at or under `tolerance` are paid and left out,
 * exactly as the KPI snapshot does, so the customers' rows add up to it.
 * Null when nothing is left open.
 */
export function customerAgingOf(
  customerCode: string, installments: readonly OpenInstallment[], asOf: IsoDate, tolerance = 0,
): CustomerAging | null {
  const open = installments.filter((i) => i.pending > tolerance);
  if (open.length === 0) return null;
  const oldest = Math.max(0, ...open.map((i) => daysBetween(i.dueOn, asOf)));
  return { customerCode, aging: agingOf(open, asOf), oldestDaysOverdue: oldest, installments: open.length };
}
