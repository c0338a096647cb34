/**
 * The numbers a customer's tier is decided on, from its open installments and
 * its payment behaviour over the look-back window, as of `today`.
 */
import { daysBetween } from './dates';
import { roundCents } from './format';
import type {
  Customer, CustomerMetrics, IsoDate, OpenInstallment, PaymentBehaviour, RuleSettings, UnappliedMoney,
} from './types';

/** Installments overdue as of `today` (due before it), oldest first. */
export function overdueInstallments(installments: readonly OpenInstallment[], today: IsoDate, tolerance: number): OpenInstallment[] {
  return installments
    .filter((i) => i.dueOn < today && i.pending > tolerance)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

export function sumPending(installments: readonly OpenInstallment[]): number {
  let cents = 0;
  for (const i of installments) cents += Math.round(i.pending * 100);
  return cents / 100;
}

export function computeMetrics(
  customer: Customer,
  installments: readonly OpenInstallment[],
  behaviour: PaymentBehaviour | null,
  today: IsoDate,
  settings: RuleSettings,
  unappliedMoney: UnappliedMoney | null = null,
): CustomerMetrics {
  const tolerance = settings.amounts.tolerance;
  const open = installments.filter((i) => i.pending > tolerance);
  const overdue = overdueInstallments(open, today, tolerance);
  const overdueBalance = sumPending(overdue);
  const oldest = overdue[0];
  const unapplied = roundCents(Math.max(0, (unappliedMoney?.onAccount ?? 0) + (unappliedMoney?.chequesInPortfolio ?? 0)));
  // The money sent covers the oldest installments first; what is left is the debt that counts.
  let cover = Math.round(unapplied * 100);
  let firstUncovered: OpenInstallment | undefined;
  let uncoveredCents = 0;
  for (const i of overdue) {
    const cents = Math.round(i.pending * 100);
    const left = Math.max(0, cents - cover);
    cover = Math.max(0, cover - cents);
    if (left > Math.round(tolerance * 100)) {
      firstUncovered ??= i;
      uncoveredCents += left;
    }
  }
  const paymentCount = behaviour?.paymentCount ?? 0;
  const creditLimit = customer.creditLimit !== null && customer.creditLimit > tolerance ? customer.creditLimit : null;
  return {
    customerCode: customer.code,
    paymentCount,
    weightedDaysLate: paymentCount > 0 ? Math.max(0, behaviour?.weightedDaysLate ?? 0) : 0,
    lateShare: paymentCount > 0 ? Math.min(1, (behaviour?.lateCount ?? 0) / paymentCount) : null,
    overdueBalance,
    openBalance: sumPending(open),
    oldestDaysOverdue: oldest ? daysBetween(oldest.dueOn, today) : 0,
    unapplied,
    uncoveredOverdue: uncoveredCents / 100,
    uncoveredOldestDaysOverdue: firstUncovered ? daysBetween(firstUncovered.dueOn, today) : 0,
    invoicedAmount: roundCents(behaviour?.invoicedAmount ?? 0),
    relationshipDays: customer.createdOn ? Math.max(0, daysBetween(customer.createdOn, today)) : null,
    creditLimit,
    overdueToCredit: creditLimit !== null ? uncoveredCents / 100 / creditLimit : null,
  };
}
