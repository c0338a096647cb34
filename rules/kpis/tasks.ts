/**
 * Task throughput: tasks created and closed in the period, and the mean time
 * to close (days from creation to closing, over the tasks closed in the
 * period). Skipped tasks (omitidas) are created but never worked, so they are
 * counted apart and left out of the closing figures.
 */
import { daysBetween } from '../dates';
import type { KpiTask } from './contacts';
import { inPeriod, type Period } from './types';

export interface TaskFlow {
  created: number;
  skipped: number;
  closed: number;
  /** Mean days from creation to closing of the tasks closed in the period; null without any. */
  meanDaysToClose: number | null;
  /** Pending at the end of the period. */
  openAtEnd: number;
}

export function taskFlow(tasks: readonly KpiTask[], period: Period): TaskFlow {
  let created = 0;
  let skipped = 0;
  let closed = 0;
  let days = 0;
  let openAtEnd = 0;
  for (const t of tasks) {
    if (inPeriod(t.createdOn, period)) {
      if (t.status === 'omitida') skipped += 1;
      else created += 1;
    }
    if (t.status === 'omitida') continue;
    if (t.closedOn !== null && inPeriod(t.closedOn, period)) {
      closed += 1;
      days += Math.max(0, daysBetween(t.createdOn, t.closedOn));
    }
    if (t.createdOn <= period.to && (t.closedOn === null || t.closedOn > period.to)) openAtEnd += 1;
  }
  return { created, skipped, closed, meanDaysToClose: closed > 0 ? days / closed : null, openAtEnd };
}
