/**
 * Roll rates between aging buckets, always within 0–100 %.
 *
 * Practice: the share of the balance sitting in one bucket at the start of a
 * month that is found one bucket later at the end of it — how much of what was
 * 1–30 days overdue became 31–60, and so on. With 30-day buckets and a 30-day
 * period, the money in bucket k+1 at the end can only have come from bucket k
 * at the start, so the aggregate ratio needs no per-invoice tracking:
 *
 *   roll(k → k+1) = balance in k+1 at the end / balance in k at the start
 *
 * The last bucket (more than 90 days) is open: at the end it also holds what
 * was already there at the start, so dividing it by the 61–90 bucket gives
 * rates far above 100 %. Into the open bucket only its growth counts, which is
 * the least that can have come from 61–90 (old >90 money can only go down):
 *
 *   roll(61–90 → >90) = max(0, >90 at the end − >90 at the start) / 61–90 at the start
 *
 * A snapshot taken a few days off the 30 (weekends: the last snapshot on or
 * before the day is used) or a late-posted invoice can push a ratio slightly
 * past 100 %: it is capped there, since no more than the whole bucket can
 * roll. Null when the start bucket was empty.
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
    const open = k + 2 === AGING_BUCKETS.length;
    const arrived = open ? Math.max(0, end[to] - start[to]) : end[to];
    out.push({ from, to, rate: start[from] > 0 ? Math.min(1, arrived / start[from]) : null });
  }
  return out;
}
