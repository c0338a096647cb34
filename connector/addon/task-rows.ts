/**
 * Turns the planner's NewTask into a COB_TAREA row: the COMPROBANTES text that
 * staff read in the ERP, the channel list and the assignee.
 */
import type { NewTask, OpenInstallment } from '../../rules/types';
import { fitNullable, fitText } from './text-fit';

/** Column sizes of COB_TAREA (schema-v1.ts). */
export const TASK_LIMITS = { key: 80, channels: 60, assignee: 100, email: 200, vouchers: 2000 } as const;

export const TASK_COLUMNS = [
  'CLAVE', 'COD_CLIENT', 'EPISODIO', 'PASO', 'ESTADO', 'FECHA', 'CANALES', 'PLANTILLA', 'ROL',
  'RESPONSABLE', 'RESPONSABLE_EMAIL', 'ETAPA', 'NIVEL', 'DIAS_ATRASO', 'SALDO_VENCIDO',
  'COMPROBANTES', 'PROMESA_ID', 'CREADA',
] as const;

export type Assignee = { name: string; email: string } | null;

const money = new Intl.NumberFormat('es-AR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function dmy(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 'FAC 0001-00001234 vto 10/03/2026 $ 1.234,56' (the amount still owed). */
export function describeInstallment(i: OpenInstallment): string {
  return `${i.voucherType.trim()} ${i.voucherNumber.trim()} vto ${dmy(i.dueOn)} $ ${money.format(i.pending)}`;
}

/**
 * The installments joined with '; ', cut at a whole item so the text fits the
 * column; what did not fit is summarised as '… y N más'.
 */
export function describeInstallments(list: readonly OpenInstallment[], max: number = TASK_LIMITS.vouchers): string {
  const items = list.map(describeInstallment);
  const full = items.join('; ');
  if (full.length <= max) return full;
  for (let n = items.length - 1; n >= 0; n -= 1) {
    const rest = `… y ${items.length - n} más`;
    const text = n > 0 ? `${items.slice(0, n).join('; ')}; ${rest}` : rest;
    if (text.length <= max) return text;
  }
  return fitText(full, max);
}

export function taskRow(task: NewTask, assignee: Assignee, now: Date): Record<(typeof TASK_COLUMNS)[number], unknown> {
  return {
    CLAVE: task.key,
    COD_CLIENT: task.customerCode,
    EPISODIO: task.episode,
    PASO: task.stepId,
    ESTADO: task.status,
    FECHA: task.dueOn,
    CANALES: fitText(task.channels.join(','), TASK_LIMITS.channels),
    PLANTILLA: task.template,
    ROL: task.role,
    RESPONSABLE: fitNullable(assignee?.name, TASK_LIMITS.assignee),
    RESPONSABLE_EMAIL: fitNullable(assignee?.email, TASK_LIMITS.email),
    ETAPA: task.stage,
    NIVEL: task.tier,
    DIAS_ATRASO: Math.round(task.daysOverdue),
    SALDO_VENCIDO: Math.round(task.overdueBalance * 100) / 100,
    COMPROBANTES: describeInstallments(task.installments),
    PROMESA_ID: task.brokenPromise?.id ?? null,
    CREADA: now,
  };
}
