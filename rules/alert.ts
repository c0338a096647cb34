/**
 * The alert line staff see in the ERP for a customer needing action, e.g.
 * "Nivel B · 34 días de atraso · $ 12.345,67 vencido · próximo: D+60 (llamar) el 12/03/2026".
 */
import { formatDate, formatDays, formatMoney } from './format';
import type { Channel, CustomerMetrics, IsoDate, Tier } from './types';

const ACTION: Record<Channel, string> = {
  telefono: 'llamar',
  email: 'enviar correo',
  whatsapp: 'enviar WhatsApp',
  carta: 'enviar carta',
};

/** What staff do for a step, from its first channel: 'llamar', 'enviar correo'… */
export function actionOf(channels: readonly Channel[]): string {
  const first = channels[0];
  return first ? ACTION[first] : 'contactar';
}

export interface AlertMessageInput {
  tier: Tier;
  metrics: CustomerMetrics;
  tolerance: number;
  /** Short suppression text ('en disputa, derivar a mediación'), when suppressed. */
  suppressed: string | null;
  next: { stepId: string; channels: readonly Channel[]; on: IsoDate } | null;
}

export const ALERT_MESSAGE_MAX = 400;

export function alertMessage(a: AlertMessageInput): string {
  const m = a.metrics;
  const parts = [`Nivel ${a.tier}`];
  if (m.overdueBalance > a.tolerance) {
    parts.push(`${formatDays(m.oldestDaysOverdue)} de atraso`, `${formatMoney(m.overdueBalance)} vencido`);
  } else {
    parts.push('al día');
    if (m.openBalance > a.tolerance) parts.push(`${formatMoney(m.openBalance)} a vencer`);
  }
  if (a.suppressed !== null) parts.push(`suspendida: ${a.suppressed}`);
  if (a.next !== null) parts.push(`próximo: ${a.next.stepId} (${actionOf(a.next.channels)}) el ${formatDate(a.next.on)}`);
  return parts.join(' · ').slice(0, ALERT_MESSAGE_MAX);
}
