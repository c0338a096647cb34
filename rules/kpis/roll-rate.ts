/**
 * Roll rates between aging buckets.
 *
 * Practice: the share of the balance sitting in one bucket at the start of a
 * month that is found one bucket later at the end of it — how much of what was
 * 1–30 days overdue became 31–60, and so on. With 30-day buckets and a 30-day
 * period, the money in bucket k+1 at the end can only have come from bucket k
 * at the start, so the aggregate ratio needs no per-invoice tracking:
 *
 *   roll(k → k+1) = balance in k+1 at the end / balance in k at the start
 *
 * Over periods of other lengths the ratio is an approximation. Null when the
 * start bucket was empty.
 */
import { AGING_BUCKETS, type Aging, type AgingBucket } from '../aging';

export interface RollRate {
  from: AgingBucket;
  to: AgingBucket;
  rate: number | null;
}

export function rollRates(start: Aging, end: Aging): RollRate[] {
  const out: RollRate[] = [];
  for (let k = 0; k + 1 < AGING_BUCKETS.length; k += 1) {
    const from = AGING_BUCKETS[k] as AgingBucket;
    const to = AGING_BUCKETS[k + 1] as AgingBucket;
    out.push({ from, to, rate: start[from] > 0 ? end[to] / start[from] : null });
  }
  return out;
}
