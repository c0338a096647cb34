/**
 * Decides a customer's tier (A best, C worst) and explains it.
 *
 * - A fixed tier set by staff wins over everything (rule 'fijo').
 * - Otherwise the criteria: A when every A limit holds, else B when every B
 *   limit holds, else C. A customer without enough history ("new") gets the
 *   configured tier, unless its current debt alone already breaks that tier's
 *   limits: a new customer 70 days late is not treated as new.
 * - Against the remembered state: worsening is immediate; improving needs the
 *   better tier to hold every day for `improvementHoldDays`. The candidate is
 *   the worst tier computed since `candidateSince` (so C → A goes straight to
 *   A when A held all along, and to B when some day only B held); a day on
 *   which the customer does not beat its current tier drops the candidate.
 */
import { addDays, daysBetween } from './dates';
import { formatDate, formatNumber } from './format';
import { scoreTier } from './tier-score';
import { checkLimits, failed, joinTexts } from './tier-limits';
import type {
  Customer, CustomerMetrics, CustomerOverrides, IsoDate, Tier, TierDecision, TierRules, TierState, RuleSettings,
} from './types';

export interface TierInput {
  metrics: CustomerMetrics;
  overrides: CustomerOverrides | null;
  previous: TierState | null;
  customer: Customer;
  today: IsoDate;
}

const RANK: Record<Tier, number> = { A: 0, B: 1, C: 2 };

/** True when `a` is a better (lower-risk) tier than `b`. */
export function isBetterTier(a: Tier, b: Tier): boolean {
  return RANK[a] < RANK[b];
}

export function worseTier(a: Tier, b: Tier): Tier {
  return RANK[a] >= RANK[b] ? a : b;
}

interface Computed {
  tier: Tier;
  rule: 'criterios' | 'nuevo';
  reason: string;
}

/** The tier the metrics alone point to, with its explanation. */
export function computeTier(m: CustomerMetrics, rules: TierRules): Computed {
  const newness = describeNewness(m, rules);
  if (newness !== null) return newCustomerTier(m, rules, newness);
  const scored = scoreTier(m, rules);
  const failedA = failed(checkLimits(m, 'A', rules.A, rules));
  const failedB = failed(checkLimits(m, 'B', rules.B, rules));
  const byLimits: Tier = failedA.length === 0 ? 'A' : failedB.length === 0 ? 'B' : 'C';
  if (scored.tier !== byLimits) {
    // Volume and relationship age pulled the behaviour score below what the limits alone allow.
    const parts = scored.inputs
      .filter((i) => i.weight !== null)
      .map((i) => `${i.label.toLowerCase()} ${i.level} (peso ${i.weight} %): ${i.text}`);
    const limits = byLimits === 'A' ? 'cumple los límites de A' : `por los límites sería ${byLimits}: ${joinTexts(byLimits === 'B' ? failedA : failedB)}`;
    return {
      tier: scored.tier,
      rule: 'criterios',
      reason: `Nivel ${scored.tier}: puntaje de comportamiento ${formatNumber(scored.score * 100, 0)} de 100 (A hasta 34, B hasta 59); ${parts.join('; ')}; ${limits}.`,
    };
  }
  if (byLimits === 'A') {
    return { tier: 'A', rule: 'criterios', reason: `Nivel A: cumple todos los criterios de A: ${joinTexts(checkLimits(m, 'A', rules.A, rules))}.` };
  }
  if (byLimits === 'B') return { tier: 'B', rule: 'criterios', reason: `Nivel B: ${joinTexts(failedA)}.` };
  return { tier: 'C', rule: 'criterios', reason: `Nivel C: ${joinTexts(failedB)}.` };
}

/** Why the customer counts as new (Spanish), or null when it has enough history. */
export function describeNewness(m: CustomerMetrics, rules: TierRules): string | null {
  const payments = `${m.paymentCount} ${m.paymentCount === 1 ? 'pago' : 'pagos'} en el período (se requieren ${rules.minPaymentsForHistory})`;
  if (m.relationshipDays === null) {
    return m.paymentCount === 0 ? 'sin fecha de alta ni pagos registrados' : null;
  }
  if (m.paymentCount < rules.minPaymentsForHistory && m.relationshipDays < rules.minRelationshipDays) {
    return `${payments} y ${m.relationshipDays} días de relación (se requieren ${rules.minRelationshipDays})`;
  }
  return null;
}

function newCustomerTier(m: CustomerMetrics, rules: TierRules, newness: string): Computed {
  const target = rules.newCustomerTier;
  // The debt alone decides how bad a new customer can look: A, B, or C.
  const debtFailsA = failed(checkLimits(m, 'A', rules.A, rules, 'deuda'));
  const debtFailsB = failed(checkLimits(m, 'B', rules.B, rules, 'deuda'));
  const debtTier: Tier = debtFailsA.length === 0 ? 'A' : debtFailsB.length === 0 ? 'B' : 'C';
  if (!isBetterTier(target, debtTier)) {
    return { tier: target, rule: 'nuevo', reason: `Nivel ${target} por ser cliente nuevo: ${newness}.` };
  }
  const broken = debtTier === 'C' ? debtFailsB : debtFailsA;
  return {
    tier: debtTier,
    rule: 'criterios',
    reason: `Nivel ${debtTier}: cliente nuevo (${newness}), pero ${joinTexts(broken)}.`,
  };
}

export function decideTier(input: TierInput, settings: RuleSettings): TierDecision {
  const { metrics, overrides, previous, today } = input;
  const rules = settings.tiers;
  const computed = computeTier(metrics, rules);
  const base = {
    customerCode: input.customer.code,
    previousTier: previous?.tier ?? null,
    computedTier: computed.tier,
    metrics,
  };

  const fixed = overrides?.fixedTier ?? null;
  if (fixed !== null) {
    const kept = previous !== null && previous.tier === fixed ? previous.since : null;
    const note = fixed === computed.tier ? 'coincide con los criterios' : `por criterios correspondería ${computed.tier}`;
    return {
      ...base,
      tier: fixed,
      since: kept ?? today,
      changed: kept === null,
      candidate: null,
      candidateSince: null,
      rule: 'fijo',
      reason: `Nivel ${fixed} fijado manualmente por el personal (${note}). ${computed.reason}`,
    };
  }

  if (previous === null) {
    return {
      ...base, tier: computed.tier, since: today, changed: true, candidate: null, candidateSince: null,
      rule: computed.rule, reason: computed.reason,
    };
  }

  if (isBetterTier(previous.tier, computed.tier)) {
    return {
      ...base, tier: computed.tier, since: today, changed: true, candidate: null, candidateSince: null,
      rule: 'empeora', reason: `Baja de ${previous.tier} a ${computed.tier}. ${computed.reason}`,
    };
  }

  if (computed.tier === previous.tier) {
    return {
      ...base, tier: previous.tier, since: previous.since, changed: false, candidate: null, candidateSince: null,
      rule: computed.rule, reason: computed.reason,
    };
  }

  // The metrics point to a better tier: it must hold for the hold period.
  const hold = rules.improvementHoldDays;
  const carried = previous.candidate !== null && previous.candidateSince !== null
    && isBetterTier(previous.candidate, previous.tier) && previous.candidateSince <= today;
  const candidate = carried ? worseTier(previous.candidate as Tier, computed.tier) : computed.tier;
  const candidateSince = carried ? (previous.candidateSince as IsoDate) : today;
  const heldDays = daysBetween(candidateSince, today);

  if (heldDays >= hold) {
    const further = isBetterTier(computed.tier, candidate);
    return {
      ...base,
      tier: candidate,
      since: today,
      changed: true,
      candidate: further ? computed.tier : null,
      candidateSince: further ? today : null,
      rule: 'mejora',
      reason: `Sube de ${previous.tier} a ${candidate}: cumple los criterios de ${candidate} desde el ${formatDate(candidateSince)} `
        + `(${heldDays} días; espera requerida: ${hold}). Criterios de hoy: ${computed.reason}`,
    };
  }
  return {
    ...base,
    tier: previous.tier,
    since: previous.since,
    changed: false,
    candidate,
    candidateSince,
    rule: 'espera-mejora',
    reason: `Se mantiene en ${previous.tier}: cumple los criterios de ${candidate} desde el ${formatDate(candidateSince)} `
      + `y sube el ${formatDate(addDays(candidateSince, hold))} si los mantiene (espera de ${hold} días). Criterios de hoy: ${computed.reason}`,
  };
}

/** The state to remember after a decision (what COB_CLIENTE keeps). */
export function tierStateOf(d: TierDecision): TierState {
  return { customerCode: d.customerCode, tier: d.tier, since: d.since, candidate: d.candidate, candidateSince: d.candidateSince };
}
