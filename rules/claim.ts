/**
 * What a message claims from a customer: the overdue balance (or, for a
 * pre-due reminder, what falls due) less the money the customer already sent
 * and is not applied yet (receipts on account and cheques in portfolio),
 * never below zero. Shown as a breakdown wherever it is claimed.
 */
import { roundCents } from './format';

export interface ClaimBreakdown {
  /** The overdue balance, or the installments falling due for a reminder. */
  base: number;
  onAccount: number;
  cheques: number;
  /** base − onAccount − cheques, at least 0. */
  claimed: number;
}

export function claimBreakdown(base: number, sent: { onAccount: number; cheques: number } | null | undefined): ClaimBreakdown {
  const onAccount = roundCents(Math.max(0, sent?.onAccount ?? 0));
  const cheques = roundCents(Math.max(0, sent?.cheques ?? 0));
  return { base: roundCents(base), onAccount, cheques, claimed: roundCents(Math.max(0, base - onAccount - cheques)) };
}
