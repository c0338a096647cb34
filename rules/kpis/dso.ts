/**
 * Days sales outstanding by the countback method.
 *
 * Practice: instead of dividing the receivable by an average daily sale (which
 * swings with seasonality), the countback method explains today's receivable
 * with the most recent sales. Starting with the current month to date and
 * walking back one calendar month at a time, each month's credit sales are
 * subtracted from the receivable; every month fully "used up" adds its days,
 * and the month where the receivable runs out adds the fraction of its days
 * that the remainder is of that month's sales.
 *
 *   receivable 150, sales: this month (10 days) 100, last month (30 days) 100
 *   → 10 days + (50 / 100) × 30 days = 25 days
 *
 * When the sales history runs out before the receivable does, the result is a
 * lower bound (`complete: false`).
 */
import { addDays, daysBetween } from '../dates';
import type { IsoDate } from '../types';
import { monthStart } from './snapshot';
import type { MoneyFlow, Period } from './types';

export interface SalesPeriod extends Period {
  sales: number;
}

export interface DsoResult {
  days: number;
  /** False when the sales history ended before the receivable was explained. */
  complete: boolean;
}

/** `periods` newest first: the month to date, then each earlier whole month. */
export function dsoCountback(receivable: number, periods: readonly SalesPeriod[]): DsoResult {
  let remaining = receivable;
  let days = 0;
  if (remaining <= 0) return { days: 0, complete: true };
  for (const p of periods) {
    const length = daysBetween(p.from, p.to) + 1;
    if (p.sales > 0 && remaining <= p.sales) {
      return { days: days + (remaining / p.sales) * length, complete: true };
    }
    remaining -= Math.max(0, p.sales);
    days += length;
  }
  return { days, complete: false };
}

/** The countback periods as of `asOf`: month to date, then `months` − 1 whole months before it. */
export function countbackPeriods(asOf: IsoDate, months: number): Period[] {
  const out: Period[] = [];
  let from = monthStart(asOf);
  let to = asOf;
  for (let i = 0; i < months; i += 1) {
    out.push({ from, to });
    to = addDays(from, -1);
    from = monthStart(to);
  }
  return out;
}

/** Credit sales of each period from the ERP's money flows (only `venta` flows count). */
export function salesPerPeriod(periods: readonly Period[], flows: Iterable<MoneyFlow>): SalesPeriod[] {
  const out = periods.map((p) => ({ ...p, sales: 0 }));
  for (const f of flows) {
    if (f.kind !== 'venta') continue;
    const p = out.find((q) => f.on >= q.from && f.on <= q.to);
    if (p) p.sales += f.amount;
  }
  return out;
}
