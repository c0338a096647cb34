/**
 * View models: the data each template sees. Keys are Spanish because the
 * people who edit mail-templates/ are the company's staff (see its README);
 * every value is already formatted (money, dates), so templates need no logic.
 */
import { CHANNEL_LABEL, OUTCOME_LABEL, ROLE_LABEL, STAGE_LABEL, TIER_COLOR, TIER_RANK } from './labels';
import { formatDate, formatMoney } from './format';
import { singleLine } from './headers';
import { fillPaymentLink } from './payment-link';
import type { CompanyInfo, DigestItem, MailCustomer, MailInstallment, MessageVars, PreviousAttempt } from './types';

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

function attemptView(a: PreviousAttempt) {
  return {
    fecha: formatDate(a.on),
    paso: a.stepId,
    resultado: a.outcome ? (OUTCOME_LABEL[a.outcome] ?? a.outcome) : null,
  };
}

function byDueDate(a: MailInstallment, b: MailInstallment): number {
  return a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.voucher.localeCompare(b.voucher);
}

/** The company's payment link filled for this message: customer, amount claimed, vouchers. */
function paymentLinkOf(v: MessageVars, installments: readonly MailInstallment[]): string | null {
  if (v.company.paymentLink === null) return null;
  return fillPaymentLink(v.company.paymentLink, {
    customerCode: v.customer.code, amount: v.overdueBalance, vouchers: installments.map((i) => i.voucher),
  });
}

export function messageView(v: MessageVars) {
  const installments = [...v.installments].sort(byDueDate);
  const attempts = [...v.previousAttempts].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map(attemptView);
  const first = installments[0];
  return {
    hoy: formatDate(v.date),
    empresa: { ...companyView(v.company), linkPago: paymentLinkOf(v, installments) },
    cliente: customerView(v.customer),
    comprobantes: installments.map(installmentView),
    cantidadComprobantes: installments.length,
    variosComprobantes: installments.length > 1,
    total: formatMoney(v.overdueBalance),
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

/** The part of a digest item that does not depend on rendered messages. */
export function itemView(item: DigestItem, index: number) {
  return {
    orden: index + 1,
    cliente: customerView(item.customer),
    nivel: item.tier,
    nivelColor: TIER_COLOR[item.tier],
    paso: item.stepId,
    etapa: STAGE_LABEL[item.stage],
    diasAtraso: Math.max(0, item.daysOverdue),
    total: formatMoney(item.overdueBalance),
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
