/**
 * Promise-kept rate ("% cumplimiento de promesas").
 *
 * A promise falls due on its promised date plus the grace days. Of the
 * promises that fell due within the period, the share that was kept. "Kept" is
 * measured on the ERP's receipts, not on balances: the receipts the customer
 * had applied from the day of the contact through the promised date plus grace
 * add up to at least the promised amount (less the amount tolerance). A
 * promise without an amount is kept by any payment above the tolerance.
 * Measuring receipts rather than the drop of the overdue balance keeps a
 * promise kept even when new invoices fall due meanwhile.
 */
import { addDays } from '../dates';
import type { ContactRecord } from '../types';
import { inPeriod, ratio, type MoneyFlow, type Period, type Ratio } from './types';

/**
 * Whether a promise was kept: the receipts the customer had applied from the
 * day of the contact through the promised date plus grace add up to the
 * promised amount (less the tolerance); without an amount, any payment above
 * the tolerance. The one definition shared by the digest (broken-promise
 * follow-ups) and `informe` (promise-kept rate).
 */
export function promiseKept(
  c: ContactRecord, receipts: readonly MoneyFlow[], graceDays: number, tolerance: number,
): boolean {
  const deadline = addDays(c.promiseDate ?? c.on, graceDays);
  const paid = receipts
    .filter((f) => f.kind === 'cobro' && f.customerCode === c.customerCode && f.on >= c.on && f.on <= deadline)
    .reduce((sum, f) => sum + f.amount, 0);
  const promised = c.promiseAmount ?? 0;
  return promised > tolerance ? paid >= promised - tolerance : paid > tolerance;
}

/** The receipts ('cobro' flows) of each customer. */
export function receiptsByCustomer(flows: readonly MoneyFlow[]): Map<string, MoneyFlow[]> {
  const receipts = new Map<string, MoneyFlow[]>();
  for (const f of flows) {
    if (f.kind !== 'cobro') continue;
    const list = receipts.get(f.customerCode) ?? [];
    list.push(f);
    receipts.set(f.customerCode, list);
  }
  return receipts;
}

export function promiseKeptRate(
  contacts: readonly ContactRecord[], flows: readonly MoneyFlow[], period: Period, graceDays: number, tolerance: number,
): Ratio {
  const receipts = receiptsByCustomer(flows);
  let due = 0;
  let kept = 0;
  for (const c of contacts) {
    if (c.outcome !== 'promesa' || c.promiseDate === null) continue;
    const deadline = addDays(c.promiseDate, graceDays);
    if (!inPeriod(deadline, period)) continue;
    due += 1;
    if (promiseKept(c, receipts.get(c.customerCode) ?? [], graceDays, tolerance)) kept += 1;
  }
  return ratio(kept, due);
}
