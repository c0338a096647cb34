/**
 * Collection effectiveness index (CEI), in percent.
 *
 * Practice: it compares what was collected in a period with what could have
 * been collected. The numerator is the money actually collected (what was owed
 * at the start, plus what was sold on credit, minus what is still owed at the
 * end); the denominator is what was collectible (the same, but subtracting
 * only what is still not due at the end, since that could not be collected
 * yet). 100 % means everything that fell due was collected.
 *
 *   CEI = (opening + credit sales − closing total) / (opening + credit sales − closing current) × 100
 *
 * Null when the denominator is zero or negative (nothing was collectible).
 * Within 0–100 %: the numerator is the denominator minus what is overdue at
 * the end, so it never passes 100 %; it is negative only when the balance grew
 * by more than the credit sales counted (debit notes or adjustments the sales
 * flow does not carry), where nothing was collected: 0 %.
 */
export interface CeiInput {
  /** Receivable balance at the start of the period (end of the day before). */
  opening: number;
  /** Credit sales within the period. */
  creditSales: number;
  /** Receivable balance at the end of the period. */
  closingTotal: number;
  /** Part of the closing balance not yet due. */
  closingCurrent: number;
}

export function collectionEffectivenessIndex(i: CeiInput): number | null {
  const collectible = i.opening + i.creditSales - i.closingCurrent;
  if (collectible <= 0) return null;
  return Math.min(100, Math.max(0, ((i.opening + i.creditSales - i.closingTotal) / collectible) * 100));
}
