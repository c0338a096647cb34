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
  /** The cycle's day: a next step dated before it is late and says since when. */
  today?: IsoDate;
}

export const ALERT_MESSAGE_MAX = 400;

/** A step as staff read it: 'D+30', or 'seguimiento de promesa' for a broken-promise follow-up. */
export function stepLabel(stepId: string): string {
  return stepId.startsWith('PROMESA-') ? 'seguimiento de promesa' : stepId;
}

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
  if (a.next !== null) {
    const when = a.today !== undefined && a.next.on < a.today
      ? `pendiente desde el ${formatDate(a.next.on)}`
      : `el ${formatDate(a.next.on)}`;
    parts.push(`próximo: ${stepLabel(a.next.stepId)} (${actionOf(a.next.channels)}) ${when}`);
  }
  return parts.join(' · ').slice(0, ALERT_MESSAGE_MAX);
}
