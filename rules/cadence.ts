/**
 * Which cadence step applies to a customer today. Steps with a negative
 * offset are pre-due reminders, one per due date; steps with an offset of zero
 * or more are overdue steps, chosen by the customer's OLDEST overdue
 * installment.
 */
import { addDays, daysBetween } from './dates';
import type { CadenceStep, IsoDate, OpenInstallment, RuleSettings } from './types';

export function isPreDueStep(step: CadenceStep): boolean {
  return step.offsetDays < 0;
}

/** Date a step is due for an installment due on `dueOn`. */
export function stepDate(step: CadenceStep, dueOn: IsoDate): IsoDate {
  return addDays(dueOn, step.offsetDays);
}

/** Overdue steps in cadence order (by offset). */
export function overdueSteps(steps: readonly CadenceStep[]): CadenceStep[] {
  return steps.filter((s) => !isPreDueStep(s)).sort((a, b) => a.offsetDays - b.offsetDays);
}

/** Every overdue step reached at `daysOverdue`, in order; the last one is the step that applies. */
export function reachedOverdueSteps(steps: readonly CadenceStep[], daysOverdue: number): CadenceStep[] {
  if (daysOverdue <= 0) return [];
  return overdueSteps(steps).filter((s) => s.offsetDays <= daysOverdue);
}

/** The overdue step that applies at `daysOverdue` (latest with offset ≤ days), or null. */
export function overdueStep(steps: readonly CadenceStep[], daysOverdue: number): CadenceStep | null {
  return reachedOverdueSteps(steps, daysOverdue).at(-1) ?? null;
}

/** The first overdue step not reached yet at `daysOverdue`, or null. */
export function nextOverdueStep(steps: readonly CadenceStep[], daysOverdue: number): CadenceStep | null {
  return overdueSteps(steps).find((s) => s.offsetDays > daysOverdue) ?? null;
}

export interface PreDueHit {
  step: CadenceStep;
  /** The due date the reminder is about (the task's episode). */
  dueOn: IsoDate;
  /** dueOn + offset. */
  date: IsoDate;
  installments: OpenInstallment[];
}

/**
 * Pre-due reminders that apply today: for each due date still ahead
 * (today < dueOn), the latest pre-due step whose date has come
 * (today ≥ dueOn + offset). One hit per due date.
 */
export function preDueHits(
  steps: readonly CadenceStep[],
  installments: readonly OpenInstallment[],
  today: IsoDate,
): PreDueHit[] {
  const preDue = steps.filter(isPreDueStep).sort((a, b) => a.offsetDays - b.offsetDays);
  if (preDue.length === 0) return [];
  const byDueDate = new Map<IsoDate, OpenInstallment[]>();
  for (const i of installments) {
    if (i.dueOn <= today) continue;
    const list = byDueDate.get(i.dueOn);
    if (list) list.push(i);
    else byDueDate.set(i.dueOn, [i]);
  }
  const hits: PreDueHit[] = [];
  for (const [dueOn, list] of [...byDueDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const daysToDue = daysBetween(today, dueOn);
    const step = preDue.filter((s) => -s.offsetDays >= daysToDue).at(-1);
    if (step) hits.push({ step, dueOn, date: stepDate(step, dueOn), installments: list });
  }
  return hits;
}

/**
 * Finds a step by id in the given tier's cadence first, then in any tier's
 * (a task may come from a tier the customer has left).
 */
export function findStep(stepId: string, preferred: readonly CadenceStep[], settings: RuleSettings): CadenceStep | null {
  return preferred.find((s) => s.id === stepId)
    ?? Object.values(settings.cadence).flat().find((s) => s.id === stepId)
    ?? null;
}

/** Offset of a step id: from the cadence, else parsed from 'D+30' / 'D-3'; null when unknown. */
export function stepOffset(stepId: string, preferred: readonly CadenceStep[], settings: RuleSettings): number | null {
  const step = findStep(stepId, preferred, settings);
  if (step) return step.offsetDays;
  const m = /^D([+-]\d+)$/.exec(stepId);
  return m ? Number(m[1]) : null;
}
