/**
 * Checks a customer's metrics against one tier's limits and says, in Spanish,
 * which limits hold and which are broken, with the values. Tiering decides
 * with it; its texts become the tier's reason.
 */
import { formatMoney, formatNumber, formatPercent, formatQuantity } from './format';
import type { CustomerMetrics, Tier, TierLimits, TierRules } from './types';

export interface LimitCheck {
  /** Machine name of the limit. */
  limit: keyof TierLimits;
  ok: boolean;
  /** e.g. 'atraso promedio ponderado 34,2 días (máximo para B: 25)'. */
  text: string;
}

/** Which limits to look at: all of them, only those about the current debt, or only payment history. */
export type LimitScope = 'todos' | 'deuda' | 'historial';

export function checkLimits(
  m: CustomerMetrics,
  tier: Tier,
  limits: TierLimits,
  rules: TierRules,
  scope: LimitScope = 'todos',
): LimitCheck[] {
  const checks: LimitCheck[] = [];
  if (scope !== 'deuda') {
    checks.push({
      limit: 'maxWeightedDaysLate',
      ok: m.weightedDaysLate <= limits.maxWeightedDaysLate,
      text: `atraso promedio ponderado ${formatNumber(m.weightedDaysLate, 1)} días (máximo para ${tier}: ${formatQuantity(limits.maxWeightedDaysLate)})`,
    });
    const lateCount = m.lateShare === null ? 0 : Math.round(m.lateShare * m.paymentCount);
    checks.push({
      limit: 'maxLateShare',
      ok: m.lateShare === null || m.lateShare <= limits.maxLateShare,
      text: m.lateShare === null
        ? 'sin pagos en el período analizado'
        : `${lateCount} de ${m.paymentCount} pagos con más de ${rules.lateThresholdDays} días de atraso (máximo para ${tier}: ${formatPercent(limits.maxLateShare)})`,
    });
  }
  if (scope === 'historial') return checks;
  // The debt that counts is what the money sent and not yet applied does not cover.
  const covered = m.unapplied > 0 && m.overdueBalance > 0;
  const debt = covered ? `deuda vencida sin cubrir de ${formatMoney(m.uncoveredOverdue)}` : `deuda vencida de ${formatMoney(m.overdueBalance)}`;
  const oldestText = (): string => {
    if (!covered) {
      return m.oldestDaysOverdue > 0
        ? `la factura vencida más antigua tiene ${m.oldestDaysOverdue} días de atraso (máximo para ${tier}: ${formatQuantity(limits.maxOldestDaysOverdue)})`
        : 'sin facturas vencidas';
    }
    const money = `el dinero enviado sin aplicar (${formatMoney(m.unapplied)})`;
    return m.uncoveredOldestDaysOverdue > 0
      ? `la factura vencida más antigua que no cubre ${money} tiene ${m.uncoveredOldestDaysOverdue} días de atraso (máximo para ${tier}: ${formatQuantity(limits.maxOldestDaysOverdue)})`
      : `${money} cubre toda la deuda vencida (${formatMoney(m.overdueBalance)})`;
  };
  checks.push({
    limit: 'maxOldestDaysOverdue',
    ok: m.uncoveredOldestDaysOverdue <= limits.maxOldestDaysOverdue,
    text: oldestText(),
  });
  if (limits.maxOverdueToCredit !== null && m.overdueToCredit !== null && m.creditLimit !== null) {
    checks.push({
      limit: 'maxOverdueToCredit',
      ok: m.overdueToCredit <= limits.maxOverdueToCredit,
      text: `${debt}, ${formatPercent(m.overdueToCredit)} del límite de crédito de ${formatMoney(m.creditLimit)} (máximo para ${tier}: ${formatPercent(limits.maxOverdueToCredit)})`,
    });
  }
  if (limits.maxOverdueBalance !== null) {
    checks.push({
      limit: 'maxOverdueBalance',
      ok: m.uncoveredOverdue <= limits.maxOverdueBalance,
      text: `${debt} (máximo para ${tier}: ${formatMoney(limits.maxOverdueBalance)})`,
    });
  }
  return checks;
}

export function failed(checks: readonly LimitCheck[]): LimitCheck[] {
  return checks.filter((c) => !c.ok);
}

export function joinTexts(checks: readonly LimitCheck[]): string {
  return checks.map((c) => c.text).join('; ');
}
