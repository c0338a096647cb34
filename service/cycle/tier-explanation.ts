/**
 * A tier decision explained in the words staff read: the headline (tier,
 * previous tier, since, rule), the reason, an improvement on hold, the
 * metrics, and the four inputs of the score. `cadencia explicar` prints it
 * and the web page of a customer shows it, so both say exactly the same.
 */
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../rules/format';
import { scoreTier } from '../../rules/tier-score';
import type { IsoDate, Tier, TierDecision, TierRules } from '../../rules/types';

export interface TierExplanation {
  tier: Tier;
  previousTier: Tier | null;
  since: IsoDate;
  rule: string;
  /** 'NIVEL C (antes B) desde 01/12/2026 · regla: empeora'. */
  headline: string;
  /** The decision's reason, as stored in the tier history. */
  reason: string;
  /** 'Mejora en espera: a nivel B desde 20/11/2026.', or null. */
  onHold: string | null;
  /** Métrica → valor, in the order `explicar` prints them. */
  metrics: { label: string; value: string }[];
  /** 'puntaje de comportamiento 45 de 100: A hasta 34, B hasta 59'. */
  scoreLine: string;
  /** Insumo, peso ('40 %' or 'límite'), nivel and detalle. */
  inputs: { label: string; weight: string; level: Tier; text: string }[];
  /** 'Por criterios: B. Nunca es mejor que …'. */
  verdict: string;
}

export function explainTier(d: TierDecision, rules: TierRules, asOf: IsoDate): TierExplanation {
  const m = d.metrics;
  const scored = scoreTier(m, rules);
  return {
    tier: d.tier,
    previousTier: d.previousTier,
    since: d.since,
    rule: d.rule,
    headline: `NIVEL ${d.tier}${d.previousTier && d.previousTier !== d.tier ? ` (antes ${d.previousTier})` : ''} desde ${formatDate(d.since)} · regla: ${d.rule}`,
    reason: d.reason,
    onHold: d.candidate ? `Mejora en espera: a nivel ${d.candidate} desde ${formatDate(d.candidateSince ?? asOf)}.` : null,
    metrics: [
      ['Pagos en el período', String(m.paymentCount)],
      ['Atraso promedio ponderado', `${formatNumber(m.weightedDaysLate, 1)} días`],
      ['Pagos con atraso', m.lateShare === null ? 'sin pagos' : formatPercent(m.lateShare)],
      ['Saldo vencido', formatMoney(m.overdueBalance)],
      ['Dinero enviado sin aplicar', formatMoney(m.unapplied)],
      ['Vencido sin cubrir', `${formatMoney(m.uncoveredOverdue)} (la más antigua sin cubrir: ${m.uncoveredOldestDaysOverdue} días)`],
      ['Saldo pendiente total', formatMoney(m.openBalance)],
      ['Días de la cuota más antigua', String(m.oldestDaysOverdue)],
      ['Facturado en el período', formatMoney(m.invoicedAmount)],
      ['Antigüedad de la relación', m.relationshipDays === null ? 'sin fecha de alta' : `${m.relationshipDays} días`],
      ['Límite de crédito', m.creditLimit === null ? 'sin límite cargado' : formatMoney(m.creditLimit)],
    ].map(([label, value]) => ({ label: label!, value: value! })),
    scoreLine: `puntaje de comportamiento ${formatNumber(scored.score * 100, 0)} de 100: A hasta 34, B hasta 59`,
    inputs: scored.inputs.map((i) => ({
      label: i.label, weight: i.weight === null ? 'límite' : `${i.weight} %`, level: i.level, text: i.text,
    })),
    verdict: `Por criterios: ${scored.tier}. Nunca es mejor que el del historial de pagos (${scored.historyTier}) ni que el de la deuda vencida sin cubrir (${scored.debtTier}).`,
  };
}
