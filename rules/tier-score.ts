/**
 * The four inputs of a customer's tier, each with its level and weight:
 * payment history, invoicing volume and relationship age make a weighted
 * behaviour score; the overdue debt (net of money sent and not applied yet)
 * is a limit of its own. Pure and deterministic; `explicar` prints it.
 *
 * - Each behaviour input scores 0 (level A), 0.5 (B) or 1 (C); the weighted
 *   average gives A under 0.35, B under 0.6, else C.
 * - Payment history alone sets the best tier reachable: a long relationship
 *   or a large volume never excuse paying late; a young customer, or one
 *   whose uncovered debt is large against what it buys, can fall one tier.
 * - The debt sets the worst: the tier is never better than the debt's level.
 */
import { formatMoney, formatPercent } from './format';
import { checkLimits, failed, joinTexts } from './tier-limits';
import type { CustomerMetrics, Tier, TierRules } from './types';

export type TierInputName = 'historial' | 'volumen' | 'antiguedad' | 'deuda';

export interface TierInputScore {
  input: TierInputName;
  /** Spanish label for tables. */
  label: string;
  /** Weight in % of the behaviour score; null for the debt, which is a limit. */
  weight: number | null;
  level: Tier;
  /** Why this level, with the values. */
  text: string;
}

export interface TierScore {
  inputs: TierInputScore[];
  /** Weighted behaviour score, 0 (best) to 1. */
  score: number;
  historyTier: Tier;
  behaviourTier: Tier;
  debtTier: Tier;
  tier: Tier;
}

const POINTS: Record<Tier, number> = { A: 0, B: 0.5, C: 1 };
const RANK: Record<Tier, number> = { A: 0, B: 1, C: 2 };
const worse = (a: Tier, b: Tier): Tier => (RANK[a] >= RANK[b] ? a : b);

/** Uncovered overdue debt against invoicing: up to 10 % is A, up to 30 % B, more C. */
export const VOLUME_SHARE = { A: 0.1, B: 0.3 } as const;
/** Relationship age in days: two years or more is A, one year B, less C. */
export const AGE_DAYS = { A: 730, B: 365 } as const;

function levelBy(checksA: ReturnType<typeof checkLimits>, checksB: ReturnType<typeof checkLimits>): { level: Tier; text: string } {
  const failedA = failed(checksA);
  if (failedA.length === 0) return { level: 'A', text: joinTexts(checksA) };
  const failedB = failed(checksB);
  if (failedB.length === 0) return { level: 'B', text: joinTexts(failedA) };
  return { level: 'C', text: joinTexts(failedB) };
}

function volumeInput(m: CustomerMetrics): { level: Tier; text: string } {
  const debt = m.unapplied > 0 ? 'deuda vencida sin cubrir' : 'deuda vencida';
  if (m.uncoveredOverdue <= 0) return { level: 'A', text: `sin ${debt}; facturado en el período ${formatMoney(m.invoicedAmount)}` };
  if (m.invoicedAmount <= 0) return { level: 'B', text: `${debt} de ${formatMoney(m.uncoveredOverdue)} y nada facturado en el período` };
  const share = m.uncoveredOverdue / m.invoicedAmount;
  const level: Tier = share <= VOLUME_SHARE.A ? 'A' : share <= VOLUME_SHARE.B ? 'B' : 'C';
  return {
    level,
    text: `${debt} de ${formatMoney(m.uncoveredOverdue)}, ${formatPercent(share)} de lo facturado en el período (${formatMoney(m.invoicedAmount)}; A hasta ${formatPercent(VOLUME_SHARE.A)}, B hasta ${formatPercent(VOLUME_SHARE.B)})`,
  };
}

function ageInput(m: CustomerMetrics): { level: Tier; text: string } {
  if (m.relationshipDays === null) return { level: 'B', text: 'sin fecha de alta' };
  const days = m.relationshipDays;
  const level: Tier = days >= AGE_DAYS.A ? 'A' : days >= AGE_DAYS.B ? 'B' : 'C';
  return { level, text: `${days} días de relación (A desde ${AGE_DAYS.A}, B desde ${AGE_DAYS.B})` };
}

export function scoreTier(m: CustomerMetrics, rules: TierRules): TierScore {
  const history = levelBy(checkLimits(m, 'A', rules.A, rules, 'historial'), checkLimits(m, 'B', rules.B, rules, 'historial'));
  const debt = levelBy(checkLimits(m, 'A', rules.A, rules, 'deuda'), checkLimits(m, 'B', rules.B, rules, 'deuda'));
  const volume = volumeInput(m);
  const age = ageInput(m);
  const w = rules.weights;
  const inputs: TierInputScore[] = [
    { input: 'historial', label: 'Historial de pagos', weight: w.history, ...history },
    { input: 'volumen', label: 'Volumen', weight: w.volume, ...volume },
    { input: 'antiguedad', label: 'Antigüedad', weight: w.age, ...age },
    { input: 'deuda', label: 'Deuda vencida', weight: null, ...debt },
  ];
  const total = w.history + w.volume + w.age;
  const score = total > 0
    ? (w.history * POINTS[history.level] + w.volume * POINTS[volume.level] + w.age * POINTS[age.level]) / total
    : POINTS[history.level];
  const byScore: Tier = score < 0.35 ? 'A' : score < 0.6 ? 'B' : 'C';
  const behaviourTier = worse(byScore, history.level);
  return { inputs, score, historyTier: history.level, behaviourTier, debtTier: debt.level, tier: worse(behaviourTier, debt.level) };
}
