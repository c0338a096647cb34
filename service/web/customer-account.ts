/**
 * The data of the web page of one customer (Cliente): the customer, its open
 * installments, payment behaviour and money not applied yet, its tier
 * explained as `cadencia explicar` explains it, today's plan for it, and its
 * timeline of contacts, promises, disputes, tasks and tier changes. Every
 * read is filtered to the customer in SQL, so a page view costs a handful of
 * small queries, not a read of the whole ERP. Plain data, no HTML.
 */
import { formatDate, formatMoney } from '../../rules/format';
import type {
  Customer, IsoDate, OpenInstallment, PaymentBehaviour, Seller, SuppressionReason,
} from '../../rules/types';
import type { CompanyContext } from '../context';
import { explainTier, type TierExplanation } from '../cycle/tier-explanation';
import { readCustomerAsOf, type CustomerHistory } from '../cycle/state-as-of';
import { CHANNEL_LABEL, CLOSE_REASON_LABEL, OUTCOME_LABEL, ROLE_LABEL } from '../mail/labels';

export type TimelineKind = 'contacto' | 'promesa' | 'disputa' | 'tarea' | 'nivel';

export interface TimelineItem {
  on: IsoDate;
  kind: TimelineKind;
  /** As staff read it, e.g. 'Promesa de pago: $ 15.000,00 para el 15/12/2026'. */
  text: string;
  /** Who recorded the contact, or whom the task was assigned to. */
  user?: string;
}

/** What the cycle would do for the customer on `asOf`. */
export interface TodayPlan {
  /** The alert's one-liner, or 'Nada que hacer: el cliente está al día.'. */
  message: string;
  nextStepId: string | null;
  nextActionOn: IsoDate | null;
  role: string | null;
  /** Why no contact is made (promise, dispute, do-not-contact…), null when nothing holds it. */
  suppressedBy: SuppressionReason | null;
  /** Each suppression with its detail in Spanish. */
  suppressed: { reason: SuppressionReason; detail: string }[];
  /** Steps the cycle would create today: step, status, day, channels, role. */
  newTasks: { stepId: string; status: string; dueOn: IsoDate; channels: string[]; role: string }[];
}

export interface CustomerAccount {
  asOf: IsoDate;
  customer: Customer;
  seller: Seller | null;
  /** Installments still owing more than the tolerance, by due date. */
  installments: OpenInstallment[];
  behaviour: PaymentBehaviour | null;
  unapplied: { onAccount: number; chequesInPortfolio: number };
  tier: TierExplanation;
  today: TodayPlan;
  /** Newest first. */
  timeline: TimelineItem[];
}

export const NOTHING_TO_DO = 'Nada que hacer: el cliente está al día.';

/** One customer read and planned as of a day, with its history. */
export type CustomerRead = NonNullable<Awaited<ReturnType<typeof readCustomerAsOf>>>;

/** The customer's page data as of `asOf`; null when the ERP has no customer with that code. */
export async function loadCustomerAccount(ctx: CompanyContext, code: string, asOf: IsoDate): Promise<CustomerAccount | null> {
  const found = await readCustomerAsOf(ctx, code, asOf);
  return found ? accountOf(ctx, found, asOf) : null;
}

/** The page data from a customer already read (`readCustomerAsOf`), so the page reads it once. */
export function accountOf(ctx: CompanyContext, found: CustomerRead, asOf: IsoDate): CustomerAccount {
  const { read, history } = found;
  const { customer, plan, inputs } = read;
  const unapplied = inputs.unappliedOf.get(customer.code);
  const alert = plan.alert;
  return {
    asOf,
    customer,
    seller: customer.sellerCode === null ? null : (inputs.sellers.get(customer.sellerCode) ?? null),
    installments: read.installments,
    behaviour: inputs.behaviourOf.get(customer.code) ?? null,
    unapplied: { onAccount: unapplied?.onAccount ?? 0, chequesInPortfolio: unapplied?.chequesInPortfolio ?? 0 },
    tier: explainTier(plan.tier, ctx.config.rules.tiers, asOf),
    today: {
      message: alert?.message ?? NOTHING_TO_DO,
      nextStepId: alert?.nextStepId ?? null,
      nextActionOn: alert?.nextActionOn ?? null,
      role: alert?.role ?? null,
      suppressedBy: alert?.suppressedBy ?? null,
      suppressed: plan.suppressed.map((s) => ({ reason: s.reason, detail: s.detail })),
      newTasks: plan.create.map((t) => ({ stepId: t.stepId, status: t.status, dueOn: t.dueOn, channels: [...t.channels], role: t.role })),
    },
    timeline: timelineOf(history),
  };
}

const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const withNote = (text: string, note: string | null): string => (note ? `${text} — ${note}` : text);

function taskStatusText(t: CustomerHistory['tasks'][number]): string {
  if (t.status === 'omitida') return 'omitida (el atraso ya la había superado)';
  if (t.status === 'cerrada') return t.closeReason ? `cerrada: ${CLOSE_REASON_LABEL[t.closeReason] ?? t.closeReason}` : 'cerrada';
  return t.status;
}

/** Contacts, tasks and tier changes, newest first (same day: contacts, then tasks, then tier changes). */
export function timelineOf(history: CustomerHistory | null): TimelineItem[] {
  if (!history) return [];
  const items: (TimelineItem & { order: number; seq: number })[] = [];
  history.tierChanges.forEach((c, seq) => {
    // The stored reason starts with the tier ('Nivel C: …') or the change itself ('Baja de B a C. …').
    const what = c.from === null ? 'Primer cálculo del nivel.' : `Cambio de nivel ${c.from} → ${c.to}.`;
    const text = c.from !== null && /^(Baja|Sube) de /.test(c.reason) ? c.reason : `${what} ${c.reason}`.trim();
    items.push({ on: c.on, kind: 'nivel', text, order: 0, seq });
  });
  history.tasks.forEach((t, seq) => {
    const channels = t.channels.split(', ').filter(Boolean)
      .map((ch) => CHANNEL_LABEL[ch as keyof typeof CHANNEL_LABEL] ?? ch).join(', ');
    const role = ROLE_LABEL[t.role as keyof typeof ROLE_LABEL] ?? t.role;
    items.push({
      on: t.on, kind: 'tarea', text: `Paso ${t.stepId} (${channels}, ${role}): ${taskStatusText(t)}`, order: 1, seq,
      ...(t.responsible ? { user: t.responsible } : {}),
    });
  });
  history.contacts.forEach((c, seq) => {
    let kind: TimelineKind = 'contacto';
    let text = capitalized(OUTCOME_LABEL[c.outcome] ?? c.outcome);
    if (c.outcome === 'promesa') {
      kind = 'promesa';
      const amount = c.promiseAmount === null ? '' : `: ${formatMoney(c.promiseAmount)}`;
      text = `Promesa de pago${amount}${c.promiseDate ? ` para el ${formatDate(c.promiseDate)}` : ''}`;
    } else if (c.outcome === 'disputa') kind = 'disputa';
    items.push({ on: c.on, kind, text: withNote(text, c.note), order: 2, seq, ...(c.user ? { user: c.user } : {}) });
  });
  items.sort((a, b) => (a.on !== b.on ? (a.on < b.on ? 1 : -1) : b.order - a.order || b.seq - a.seq));
  return items.map(({ order: _order, seq: _seq, ...item }) => item);
}
