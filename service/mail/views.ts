/**
 * View models: the data each template sees. Keys are Spanish because the
 * people who edit mail-templates/ are the company's staff (see its README);
 * every value is already formatted (money, dates), so templates need no logic.
 */
import { CHANNEL_LABEL, OUTCOME_LABEL, ROLE_LABEL, STAGE_LABEL, TIER_COLOR, TIER_RANK } from './labels';
import { claimBreakdown, type ClaimBreakdown } from '../../rules/claim';
import { stepLabel } from '../../rules/alert';
import type { IsoDate } from '../../rules/types';
import { dueIn, formatDate, formatMoney } from './format';
import { singleLine } from './headers';
import { fillPaymentLink } from './payment-link';
import type {
  CompanyInfo, DigestItem, ItemStep, MailCustomer, MailInstallment, MessageVars, MoneySent, PreviousAttempt,
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
    venceEn: dueIn(-i.daysLate),
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

/** A recorded contact: its date and what happened, in words (contacts have no step: `paso` stays empty). */
function attemptView(a: PreviousAttempt) {
  return {
    fecha: formatDate(a.on),
    paso: null,
    resultado: describeAttempt(a),
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

/** The company's payment link filled for this message: customer, amount claimed, vouchers. */
/** The payment link for this message: its amount is what the message claims (net of money already sent). */
function paymentLinkOf(v: MessageVars, installments: readonly MailInstallment[], claimed: number): string | null {
  if (v.company.paymentLink === null) return null;
  return fillPaymentLink(v.company.paymentLink, {
    customerCode: v.customer.code, amount: claimed, vouchers: installments.map((i) => i.voucher),
  });
}

export function messageView(v: MessageVars) {
  const installments = [...v.installments].sort(byDueDate);
  const attempts = [...v.previousAttempts].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).map(attemptView);
  const first = installments[0];
  const claim = claimOf(v.preDue ?? false, v.overdueBalance, installments, v.moneySent);
  return {
    hoy: formatDate(v.date),
    empresa: { ...companyView(v.company), linkPago: paymentLinkOf(v, installments, claim.claimed) },
    cliente: customerView(v.customer),
    comprobantes: installments.map(installmentView),
    cantidadComprobantes: installments.length,
    variosComprobantes: installments.length > 1,
    total: formatMoney(claim.claimed),
    // Empty for a reminder: what it is about falls due later (totalComprobantes).
    saldoVencido: v.preDue ? null : formatMoney(v.overdueBalance),
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
  const paso = stepLabel(s.stepId);
  const atrasado = s.dueOn < today;
  return {
    paso,
    fecha: formatDate(s.dueOn),
    atrasado,
    canales: s.channels.map((c) => CHANNEL_LABEL[c]).join(', '),
    texto: atrasado ? `${paso}, pendiente desde el ${formatDate(s.dueOn)}` : `${paso}, hoy`,
  };
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
  // Listed when there is more than the step of the day: several open steps, or a late one.
  const listSteps = steps.length > 1 || steps.some((s) => s.dueOn < today);
  return {
    orden: index + 1,
    cliente: customerView(item.customer),
    nivel: item.tier,
    nivelColor: TIER_COLOR[item.tier],
    paso: item.stepId,
    etapa: STAGE_LABEL[item.stage],
    diasAtraso: Math.max(0, item.daysOverdue),
    total: formatMoney(claim.claimed),
    saldoVencido: preDue ? null : formatMoney(item.overdueBalance),
    totalComprobantes: formatMoney(sumPending(item.installments)),
    dineroEnviado: moneySentView(claim),
    pasos: listSteps ? steps.map((s) => stepView(s, today)) : [],
    enPausa: item.pause
      ? { motivo: item.pause, pasos: steps.map((s) => stepLabel(s.stepId)).join(', ') }
      : null,
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
