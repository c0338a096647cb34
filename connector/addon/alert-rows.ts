/** Turns the planner's Alert into a COB_ALERTA row, and tells which stored alerts it changes. */
import type { Alert } from '../../rules/types';
import type { ColumnKind } from './row-compare';
import { fitNullable, fitText } from './text-fit';

/** Every column the service writes, with how to compare it (ACTUALIZADA is set only on change). */
export const ALERT_KINDS: Record<string, ColumnKind> = {
  NIVEL: 'text',
  EPISODIO: 'date',
  DIAS_ATRASO: 'int',
  SALDO_VENCIDO: 'money',
  SALDO_PENDIENTE: 'money',
  SIN_APLICAR: 'money',
  ETAPA: 'text',
  PROXIMO_PASO: 'text',
  FECHA_PROXIMA: 'date',
  ROL: 'text',
  RESPONSABLE: 'text',
  SUSPENDIDA_POR: 'text',
  MENSAJE: 'text',
};

export const ALERT_COLUMNS = ['COD_CLIENT', ...Object.keys(ALERT_KINDS), 'ACTUALIZADA'] as const;

const cents = (n: number): number => Math.round(n * 100) / 100;

export function alertRow(alert: Alert, assigneeName: string | null, now: Date): Record<string, unknown> {
  return {
    COD_CLIENT: alert.customerCode,
    NIVEL: alert.tier,
    EPISODIO: alert.episode,
    DIAS_ATRASO: Math.round(alert.oldestDaysOverdue),
    SALDO_VENCIDO: cents(alert.overdueBalance),
    SALDO_PENDIENTE: cents(alert.openBalance),
    SIN_APLICAR: cents(alert.unapplied),
    ETAPA: alert.stage,
    PROXIMO_PASO: fitNullable(alert.nextStepId, 20),
    FECHA_PROXIMA: alert.nextActionOn,
    ROL: alert.role,
    RESPONSABLE: fitNullable(assigneeName, 100),
    SUSPENDIDA_POR: alert.suppressedBy,
    MENSAJE: fitText(alert.message, 400),
    ACTUALIZADA: now,
  };
}
