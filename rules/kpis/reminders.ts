/**
 * Reminders to customers and the response to them.
 *
 * - Sent: the reminders by e-mail to customers (outbox kind 'cliente', from
 *   the worklist or the automatic sender) that the mail server accepted,
 *   dated in the period (the day they are for). At most one per customer,
 *   step and day (the outbox key).
 * - Response ("pagos dentro de los 7 días"): of the reminders sent in the
 *   period whose window has closed by the report's day (reminder day + 7 ≤
 *   that day), the share followed by a payment: a receipt from the same
 *   customer in the ERP's money flows ('cobro', applied to installments, the
 *   same flows as «Cobrado») dated from the reminder's day through the 7th
 *   day after it, adding up to more than the amount tolerance.
 * - Collected after reminders: the receipts inside those windows, each
 *   receipt counted once even when two reminders' windows overlap.
 */
import { addDays } from '../dates';
import type { IsoDate } from '../types';
import { inPeriod, ratio, type MoneyFlow, type Period, type Ratio } from './types';
import { receiptsByCustomer } from './promises';

/** Days after a reminder a payment counts as its response. */
export const REMINDER_RESPONSE_DAYS = 7;

/** One reminder sent to a customer. */
export interface CustomerReminderSent {
  customerCode: string;
  on: IsoDate;
}

export interface ReminderKpis {
  sent: number;
  /** Reminders followed by a payment within REMINDER_RESPONSE_DAYS, over those whose window closed. */
  response: Ratio;
  /** Receipts inside the windows of the reminders counted in `response`. */
  collectedAfter: number;
}

export function reminderKpis(
  reminders: readonly CustomerReminderSent[], flows: readonly MoneyFlow[], period: Period, asOf: IsoDate, tolerance: number,
): ReminderKpis {
  const inside = reminders.filter((r) => inPeriod(r.on, period));
  const closed = inside.filter((r) => addDays(r.on, REMINDER_RESPONSE_DAYS) <= asOf);
  const receipts = receiptsByCustomer(flows);
  let answered = 0;
  const counted = new Set<MoneyFlow>();
  for (const r of closed) {
    const until = addDays(r.on, REMINDER_RESPONSE_DAYS);
    const paid = (receipts.get(r.customerCode) ?? []).filter((f) => f.on >= r.on && f.on <= until);
    if (paid.reduce((s, f) => s + f.amount, 0) > tolerance) answered += 1;
    for (const f of paid) counted.add(f);
  }
  const collectedAfter = Math.round([...counted].reduce((s, f) => s + f.amount, 0) * 100) / 100;
  return { sent: inside.length, response: ratio(answered, closed.length), collectedAfter };
}
