/**
 * View models: the data each template sees. Keys are Spanish because the
 * people who edit mail-templates/ are the company's staff (see its README);
 * every value is already formatted (money, dates), so templates need no logic.
 */
import { CHANNEL_LABEL, OUTCOME_LABEL, ROLE_LABEL, STAGE_LABEL, TIER_COLOR, TIER_RANK } from './labels';
import { claimBreakdown, type ClaimBreakdown } from '../../rules/claim';
import { stepLabel } from '../../rules/alert';
import type { IsoDate } from '../../rules/types';
import { formatDate, formatMoney } from './format';
import { singleLine } from './headers';
import type {
  CompanyInfo, DigestItem, ItemStep, MailCustomer, MailInstallment, MessageVars, MoneySent, PausedCustomer, PreviousAttempt,
} from './types';

/** Names, codes and phones are one-line values: ERP data with line breaks is flattened. */
const line = (v: string | null): string | null => (v === null ? null : singleLine(v, 300));

export function companyView(c: CompanyInfo) {
  return {
    nombre: line(c.name),
    telefono: line(c.phone),
    email: line(c.email),
    instruccionesPago: c.paymentInstructions,
    linkPago: c.paymentLink,
  };
}

export function customerView(c: MailCustomer) {
  return { codigo: line(c.code), nombre: line(c.name), email: line(c.email), telefono: line(c.phone), celular: line(c.mobile) };
}

function installmentView(i: MailInstallment) {
  return {
    comprobante: line(i.voucher),
    vencimiento: formatDate(i.dueOn),
    pendiente: formatMoney(i.pending),
    diasAtraso: Math.max(0, i.daysLate),
    diasParaVencer: Math.max(0, -i.daysLate),
    vencido: i.daysLate > 0,
  };
}

/** A recorded contact in words: 'promesa de pago de $ 50.000,00 para el 12/11/2026', 'sin respuesta'… */
export function describeAttempt(a: PreviousAttempt): string {
  const label = OUTCOME_LABEL[a.outcome] ?? a.outcome;
  if (a.outcome !== 'promesa') return label;
  const amount = a.promiseAmount ? ` de ${formatMoney(a.promiseAmount)}` : '';
  const date = a.promiseDate ? ` para el ${formatDate(a.promiseDate)}` : '';
  return `${label}${amount}${date}`;
}

function attemptView(a: PreviousAttempt) {
  return {
    fecha: formatDate(a.on),
    resultado: OUTCOME_LABEL[a.outcome] ?? a.outcome,
    descripcion: describeAttempt(a),
  };
}

function sumPending(list: readonly MailInstallment[]): number {
  return Math.round(list.reduce((s, i) => s + i.pending, 0) * 100) / 100;
}

/** What is claimed: the overdue balance (what falls due, for a reminder) less the money already sent. */
function claimOf(preDue: boolean, overdueBalance: number, installments: readonly MailInstallment[], sent: MoneySent | null | undefined): ClaimBreakdown {
  return claimBreakdown(preDue ? sumPending(installments) : overdueBalance, sent);
}

/** The money already sent, for the breakdown; null when there is none. */
function moneySentView(b: ClaimBreakdown) {
  if (b.onAccount + b.cheques < 0.01) return null;
  const parts: string[] = [];
  if (b.cheques > 0) parts.push(`cheques en cartera por ${formatMoney(b.cheques)}`);
  if (b.onAccount > 0) parts.push(`pagos recibidos a cuenta por ${formatMoney(b.onAccount)}`);
  return {
    total: formatMoney(b.onAccount + b.cheques),
    cheques: b.cheques > 0 ? formatMoney(b.cheques) : null,
    aCuenta: b.onAccount > 0 ? formatMoney(b.onAccount) : null,
    detalle: parts.join(' y '),
  };
}

function byDueDate(a: MailInstallment, b: MailInstallment): number {
  return a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.voucher.localeCompare(b.voucher);
}

export function messageView(v: MessageVars) {
  const installments = [...v.installments].sort(byDueDate);
  const attempts = [...v.previousAttempts].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map(attemptView);
  const first = installments[0];
  const claim = claimOf(v.preDue ?? false, v.overdueBalance, installments, v.moneySent);
  return {
    hoy: formatDate(v.date),
    empresa: companyView(v.company),
    cliente: customerView(v.customer),
    comprobantes: installments.map(installmentView),
    cantidadComprobantes: installments.length,
    variosComprobantes: installments.length > 1,
    total: formatMoney(claim.claimed),
    saldoVencido: formatMoney(v.overdueBalance),
    totalComprobantes: formatMoney(sumPending(installments)),
    dineroEnviado: moneySentView(claim),
    diasAtraso: Math.max(0, v.daysOverdue),
    primerVencimiento: first ? formatDate(first.dueOn) : '',
    proximoVencimiento: first ? formatDate(first.dueOn) : '',
    paso: v.stepId,
    vendedor: line(v.sellerName),
    firma: line(v.senderName),
    intentosPrevios: attempts,
    tieneIntentos: attempts.length > 0,
    cantidadIntentos: attempts.length,
    ultimoContacto: attempts.length > 0 ? attempts[attempts.length - 1] : null,
    promesaIncumplida: v.brokenPromise
      ? { fecha: formatDate(v.brokenPromise.date), importe: formatMoney(v.brokenPromise.amount) }
      : null,
  };
}

/** Digest order: tier C first, then more days overdue, then higher amount, then name. */
export function byPriority(a: DigestItem, b: DigestItem): number {
  return (
    TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
    b.daysOverdue - a.daysOverdue ||
    b.overdueBalance - a.overdueBalance ||
    a.customer.name.localeCompare(b.customer.name, 'es')
  );
}

/** One open step of a digest entry; a step due before today says since when. */
function stepView(s: ItemStep, today: IsoDate) {
  return {
    paso: stepLabel(s.stepId),
    fecha: formatDate(s.dueOn),
    atrasado: s.dueOn < today,
    canales: s.channels.map((c) => CHANNEL_LABEL[c]).join(', '),
  };
}

export function pausedView(p: PausedCustomer) {
  return { cliente: customerView(p.customer), motivo: p.reason, pasos: p.stepIds.join(', ') };
}

/** The claimed amount of a digest entry (what its messages ask for). */
export function itemClaim(item: DigestItem): number {
  return claimOf(item.stage === 'preventiva', item.overdueBalance, item.installments, item.moneySent).claimed;
}

/** The part of a digest item that does not depend on rendered messages. */
export function itemView(item: DigestItem, index: number, today: IsoDate) {
  const preDue = item.stage === 'preventiva';
  const claim = claimOf(preDue, item.overdueBalance, item.installments, item.moneySent);
  const steps = item.steps ?? [];
  return {
    orden: index + 1,
    cliente: customerView(item.customer),
    nivel: item.tier,
    nivelColor: TIER_COLOR[item.tier],
    paso: item.stepId,
    etapa: STAGE_LABEL[item.stage],
    diasAtraso: Math.max(0, item.daysOverdue),
    total: formatMoney(claim.claimed),
    saldoVencido: formatMoney(item.overdueBalance),
    totalComprobantes: formatMoney(sumPending(item.installments)),
    dineroEnviado: moneySentView(claim),
    aVencer: preDue,
    pasos: steps.map((s) => stepView(s, today)),
    variosPasos: steps.length > 1,
    vendedor: line(item.sellerName),
    comprobantes: [...item.installments].sort(byDueDate).map(installmentView),
    intentosPrevios: item.previousAttempts.map(attemptView),
    tieneIntentos: item.previousAttempts.length > 0,
    promesaIncumplida: item.brokenPromise
      ? { fecha: formatDate(item.brokenPromise.date), importe: formatMoney(item.brokenPromise.amount) }
      : null,
    tareaId: item.taskId,
    canalesResumen: item.channels.map((c) => CHANNEL_LABEL[c]).join(', '),
  };
}

export { CHANNEL_LABEL, ROLE_LABEL };
