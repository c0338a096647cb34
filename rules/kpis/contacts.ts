/**
 * Contact and promise rates.
 *
 * - Contact rate (practice: "tasa de contacto"): of the contact tasks that fell
 *   due in the period (skipped ones excluded), the share where staff reached the
 *   customer. A task counts as reached when a contact outcome other than
 *   «sin_respuesta» or «contacto_erroneo» is recorded for it (by task number),
 *   or for the same customer between the task's date and its closing (or the
 *   period's end).
 * - Promise rate ("% promesas de pago"): of the contacts that reached the
 *   customer in the period, the share that ended in a payment promise.
 */
import type { ContactOutcome, ContactRecord, IsoDate, TaskStatus } from '../types';
import { inPeriod, ratio, type Period, type Ratio } from './types';

/**
 * Outcomes that mean the customer was actually reached ('dice_que_pago': it
 * answered, saying it paid). A 'nota' is no contact at all.
 */
export const REACHED_OUTCOMES: ReadonlySet<ContactOutcome> = new Set(['contactado', 'promesa', 'disputa', 'dice_que_pago']);

/** A task as the KPIs read it from COB_TAREA. */
export interface KpiTask {
  id: number;
  customerCode: string;
  episode: IsoDate;
  status: TaskStatus;
  dueOn: IsoDate;
  createdOn: IsoDate;
  closedOn: IsoDate | null;
  overdueBalance: number;
}

export function contactRate(tasks: readonly KpiTask[], contacts: readonly ContactRecord[], period: Period): Ratio {
  const reached = contacts.filter((c) => REACHED_OUTCOMES.has(c.outcome));
  const byTask = new Set(reached.filter((c) => c.taskId !== null).map((c) => c.taskId));
  const byCustomer = new Map<string, IsoDate[]>();
  for (const c of reached) {
    const list = byCustomer.get(c.customerCode) ?? [];
    list.push(c.on);
    byCustomer.set(c.customerCode, list);
  }
  let due = 0;
  let hit = 0;
  for (const t of tasks) {
    if (t.status === 'omitida' || !inPeriod(t.dueOn, period)) continue;
    due += 1;
    const until = t.closedOn && t.closedOn < period.to ? t.closedOn : period.to;
    const dates = byCustomer.get(t.customerCode) ?? [];
    if (byTask.has(t.id) || dates.some((d) => d >= t.dueOn && d <= until)) hit += 1;
  }
  return ratio(hit, due);
}

export function promiseRate(contacts: readonly ContactRecord[], period: Period): Ratio {
  const reached = contacts.filter((c) => REACHED_OUTCOMES.has(c.outcome) && inPeriod(c.on, period));
  return ratio(reached.filter((c) => c.outcome === 'promesa').length, reached.length);
}
