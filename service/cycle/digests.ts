/**
 * Builds the day's mails from a plan: one digest per assignee with every
 * pending task due today or earlier (new and still open), and one escalation
 * notice for the supervisor listing the customers that reached a supervisor
 * step today (tasks due today, whichever run saved them). Content comes from the current snapshot, so amounts and days
 * overdue are today's, not those of the day a task was created.
 */
import type { OutgoingMail } from '../../connector/addon/outbox-rows';
import { findStep, stepOffset } from '../../rules/cadence';
import { addDays, daysBetween, toDayNumber } from '../../rules/dates';
import { isDueBy, PROMISE_FOLLOW_UP, PROMISE_STEP_PREFIX } from '../../rules/planning';
import { NOT_A_CONTACT } from '../../rules/types';
import type {
  CadenceStep, Customer, IsoDate, NewTask, OpenInstallment, Plan, Tier, TierDecision,
} from '../../rules/types';
import { assigneeFor, type Assignee } from '../assignees';
import type { CompanyContext } from '../context';
import { domainOf, outboxKey, toOutgoingMail } from '../mail/outbox-mail';
import { digestView, escalationView, renderPairIfChanged } from '../mail/render';
import type { MailPair } from '../mail/templates';
import type {
  CompanyInfo, DigestInput, DigestItem, MailCustomer, MailInstallment, MoneySent, PreviousAttempt,
} from '../mail/types';
import { parseMailbox } from '../mail-transport';
import { publicUrlOf } from '../web/public-url';
import { checkLink, createLink } from '../web/store';
import type { PlannedCycle } from './read-and-plan';

type StepShape = Pick<CadenceStep, 'channels' | 'template' | 'role' | 'stage'>;

export function companyInfo(ctx: CompanyContext): CompanyInfo {
  return companyInfoOf(ctx.config);
}

export function companyInfoOf(config: CompanyContext['config']): CompanyInfo {
  const c = config.company;
  return {
    name: c.name,
    phone: c.phone,
    email: c.email,
    paymentInstructions: c.paymentInstructions || null,
    paymentLink: c.paymentLink,
  };
}

function mailInstallments(list: readonly OpenInstallment[], asOf: IsoDate): MailInstallment[] {
  return list.map((i) => ({
    voucher: `${i.voucherType} ${i.voucherNumber}`,
    dueOn: i.dueOn,
    pending: i.pending,
    daysLate: daysBetween(i.dueOn, asOf),
  }));
}

/** The installments a task is about: the overdue ones, or those falling due on a pre-due task's date. */
function taskInstallments(all: readonly OpenInstallment[], task: { stepId: string; episode: IsoDate }, asOf: IsoDate, step: StepShape): OpenInstallment[] {
  if (step.stage === 'preventiva') return all.filter((i) => i.dueOn === task.episode);
  return all.filter((i) => i.dueOn < asOf);
}

/**
 * The contacts staff recorded with the customer during its current episode
 * (those of the contact-cap period outside an episode), oldest first: what a letter lists as
 * the collection steps taken. Generated tasks are never contacts.
 */
function previousAttempts(cycle: DigestSource, code: string, episode: IsoDate | null, recentDays: number): PreviousAttempt[] {
  const since = episode ?? addDays(cycle.asOf, -recentDays);
  return (cycle.contactsOf.get(code) ?? [])
    .filter((c) => c.on <= cycle.asOf && c.on >= since && !NOT_A_CONTACT.has(c.outcome))
    .sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.id - b.id))
    .map((c) => ({ on: c.on, outcome: c.outcome, promiseDate: c.promiseDate, promiseAmount: c.promiseAmount }));
}

export interface TaskView {
  key: string;
  id: number | null;
  customerCode: string;
  episode: IsoDate;
  stepId: string;
  dueOn: IsoDate;
  step: StepShape;
  brokenPromise: { date: IsoDate; amount: number } | null;
  /** A person reassigned the task (worklist): its digest goes to them. */
  assignedTo?: { name: string; email: string } | null;
}

function stepShapeOf(stepId: string, tier: Tier, ctx: CompanyContext): StepShape | null {
  if (stepId.startsWith(PROMISE_STEP_PREFIX)) return PROMISE_FOLLOW_UP;
  return findStep(stepId, ctx.config.rules.cadence[tier], ctx.config.rules);
}

function mailCustomer(c: Customer): MailCustomer {
  return { code: c.code, name: c.name, email: c.email, phone: c.phone, mobile: c.mobile };
}

/** Why a customer's open steps wait today (a promise or the contact cap), or null. */
function pauseOf(s: Plan['suppressed'][number] | undefined): string | null {
  if (!s || (s.reason !== 'promesa_vigente' && s.reason !== 'tope_contactos')) return null;
  return s.detail;
}

/** Pending tasks due on or before the cycle's day: the new ones and those kept open. */
function dueTasks(ctx: CompanyContext, cycle: DigestSource, tiers: Map<string, TierDecision>): TaskView[] {
  const asOf = cycle.asOf;
  const out: TaskView[] = [];
  for (const t of cycle.plan.create) {
    if (!isDueBy(t, asOf)) continue;
    out.push(viewOfNew(t));
  }
  const kept = new Set(cycle.plan.keep);
  for (const [code, tasks] of cycle.tasksOf) {
    for (const t of tasks) {
      if (!isDueBy(t, asOf) || !kept.has(t.key)) continue;
      const tier = tiers.get(code)?.tier ?? 'B';
      const step = stepShapeOf(t.stepId, tier, ctx);
      if (!step) continue;
      out.push({
        key: t.key, id: t.id, customerCode: code, episode: t.episode, stepId: t.stepId, dueOn: t.dueOn, step, brokenPromise: null,
        assignedTo: t.assignedTo ?? null,
      });
    }
  }
  return out;
}

function viewOfNew(t: NewTask): TaskView {
  return {
    key: t.key,
    id: null,
    customerCode: t.customerCode,
    episode: t.episode,
    stepId: t.stepId,
    dueOn: t.dueOn,
    step: t,
    brokenPromise: t.brokenPromise?.promiseDate
      ? { date: t.brokenPromise.promiseDate, amount: t.brokenPromise.promiseAmount ?? 0 }
      : null,
  };
}

/**
 * Order of a customer's open steps, the one that leads first: overdue cadence
 * steps by offset (furthest first), then broken-promise follow-ups, then
 * pre-due reminders (earliest first) — the same order as the alert's next step.
 */
export function stepRank(t: { stepId: string; dueOn: IsoDate }, tier: Tier, rules: CompanyContext['config']['rules']): [number, number] {
  if (t.stepId.startsWith(PROMISE_STEP_PREFIX)) return [1, 0];
  const offset = stepOffset(t.stepId, rules.cadence[tier], rules) ?? 0;
  return offset < 0 ? [2, toDayNumber(t.dueOn)] : [0, -offset];
}

function rankOf(t: TaskView, tier: Tier, ctx: CompanyContext): [number, number] {
  return stepRank(t, tier, ctx.config.rules);
}

function byRank(ctx: CompanyContext, tier: Tier) {
  return (a: TaskView, b: TaskView): number => {
    const ra = rankOf(a, tier, ctx);
    const rb = rankOf(b, tier, ctx);
    return ra[0] - rb[0] || ra[1] - rb[1] || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0);
  };
}

/** The promise a follow-up task is about, from its step id 'PROMESA-<contact id>'. */
function promiseOfTask(t: TaskView, cycle: DigestSource): { date: IsoDate; amount: number } | null {
  if (t.brokenPromise) return t.brokenPromise;
  if (!t.stepId.startsWith(PROMISE_STEP_PREFIX)) return null;
  const id = Number(t.stepId.slice(PROMISE_STEP_PREFIX.length));
  const c = (cycle.contactsOf.get(t.customerCode) ?? []).find((x) => x.id === id);
  return c?.promiseDate ? { date: c.promiseDate, amount: c.promiseAmount ?? 0 } : null;
}

/** One digest entry for a customer: the leading step's message, with every open step listed. */
function itemOf(
  ctx: CompanyContext, cycle: DigestSource, tasks: TaskView[], customer: Customer, tier: Tier, episode: IsoDate | null,
): DigestItem {
  const task = tasks[0]!;
  const all = cycle.installmentsOf.get(customer.code) ?? [];
  const installments = taskInstallments(all, task, cycle.asOf, task.step);
  const overdue = all.filter((i) => i.dueOn < cycle.asOf);
  const oldest = overdue[0]?.dueOn;
  const seller = customer.sellerCode ? cycle.sellers.get(customer.sellerCode) : undefined;
  const staffSeller = customer.sellerCode ? ctx.config.staff.sellers[customer.sellerCode] : undefined;
  return {
    customer: mailCustomer(customer),
    tier,
    daysOverdue: oldest ? daysBetween(oldest, cycle.asOf) : 0,
    overdueBalance: Math.round(overdue.reduce((s, i) => s + i.pending, 0) * 100) / 100,
    stepId: task.stepId,
    stage: task.step.stage,
    channels: [...task.step.channels],
    template: task.step.template,
    sellerName: staffSeller?.name ?? seller?.name ?? null,
    installments: mailInstallments(installments, cycle.asOf),
    previousAttempts: previousAttempts(cycle, customer.code, episode, ctx.config.rules.caps.periodDays),
    brokenPromise: tasks.map((t) => promiseOfTask(t, cycle)).find((p) => p !== null) ?? null,
    moneySent: moneySentOf(cycle, customer.code),
    steps: tasks.map((t) => ({ stepId: t.stepId, dueOn: t.dueOn, channels: [...t.step.channels] })),
    // The outcome is recorded by customer; a task id here would change the
    // digest between the cycle that creates a task and the next one.
    taskId: null,
  };
}

function moneySentOf(cycle: DigestSource, code: string): MoneySent | null {
  const u = cycle.unappliedOf.get(code);
  return u ? { onAccount: u.onAccount, cheques: u.chequesInPortfolio } : null;
}

/** Today's digests and escalation notices already in the outbox, by key. */
async function previousMails(ctx: CompanyContext, asOf: IsoDate): Promise<Map<string, { status: string; text: string }>> {
  const rows = (await ctx.db(ctx.tables.correo)
    .select('CLAVE', 'ESTADO', 'CUERPO_TEXTO')
    .where('FECHA', asOf)
    .whereIn('TIPO', ['resumen', 'escalamiento'])) as { CLAVE: string; ESTADO: string; CUERPO_TEXTO: string }[];
  return new Map(rows.map((r) => [r.CLAVE, { status: r.ESTADO, text: r.CUERPO_TEXTO }]));
}

export interface DayMails {
  mails: OutgoingMail[];
  /** Assignee e-mail → number of customers in the digest. */
  digests: Map<string, number>;
}

/**
 * The worklist's links for a digest (null when the worklist is not served).
 *
 * The one-time sign-in link: a link's token is kept only as a digest, so the
 * same link cannot be written again; and a pending digest is re-rendered only
 * when its text changes (renderPairIfChanged), so a fresh token on every
 * cycle would rewrite the mail every time. Instead: while today's digest for
 * this person is pending, the link written in its text is reused as long as
 * it can still be used (or was used: the person is then signed in, and the
 * page lets them through); only a first digest, or one whose link expired,
 * gets a new link (ENLACE.CLAVE = the digest's outbox key). A sent digest
 * is never rendered again, so it never asks for a link. A preview (`fresh`)
 * writes nothing: no sign-in link. A run that dies after creating a link and
 * before queueing the mail leaves an unused row that expires (the rerun makes
 * another). The token is in the queued mail's text (COB_CORREO), as in the
 * mail itself: whoever reads the outbox could use it within its hours, once.
 */
async function digestWeb(
  ctx: CompanyContext, email: string, asOf: IsoDate, previousText: string | null, fresh: boolean, now: Date,
): Promise<{ url: string; signIn: string | null; linkHours: number } | null> {
  const web = ctx.config.web;
  if (!web?.enabled) return null;
  const url = publicUrlOf(web);
  if (fresh) return { url, signIn: null, linkHours: web.linkHours };
  const prefix = `${url}/e/`;
  const written = previousText === null ? null
    : new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([A-Za-z0-9_-]{20,})`).exec(previousText);
  if (written) {
    const check = await checkLink(ctx.db, ctx.tables, written[1]!, now);
    if (check.ok || check.reason === 'usado') return { url, signIn: `${prefix}${written[1]!}?volver=/hoy`, linkHours: web.linkHours };
  }
  const token = await createLink(ctx.db, ctx.tables, email, web.linkHours, now, outboxKey(email, asOf, 'resumen'));
  return { url, signIn: `${prefix}${token}?volver=/hoy`, linkHours: web.linkHours };
}

/** `fresh`: render every mail as new, whatever today's outbox holds (`correo vista-previa`). */
export async function buildDayMails(
  ctx: CompanyContext, cycle: PlannedCycle,
  opts: {
    fresh?: boolean; now?: () => Date;
    /** Customers the cycle reminds itself (automatic steps): done, not a task for staff. */
    automatic?: ReadonlySet<string>;
    /** Of those, the ones reminded by this cycle (code → addresses): listed apart in their person's digest. */
    automaticSent?: ReadonlyMap<string, string[]>;
  } = {},
): Promise<DayMails> {
  const result: DayMails = { mails: [], digests: new Map() };
  // Digests go out on business days only; tasks dated on other days wait for the next one.
  if (!ctx.calendar.isBusinessDay(cycle.asOf)) return result;
  const byAssignee = new Map<string, { assignee: Assignee; items: DigestItem[]; automatic: NonNullable<DigestInput['automatic']> }>();
  const escalations: DigestItem[] = [];
  for (const { assignee, item, escalated } of digestEntries(ctx, cycle)) {
    const id = assignee.email.toLowerCase();
    const entry = byAssignee.get(id) ?? { assignee, items: [], automatic: [] };
    byAssignee.set(id, entry);
    if (opts.automatic?.has(item.customer.code)) {
      const to = opts.automaticSent?.get(item.customer.code);
      if (to) entry.automatic.push({ code: item.customer.code, name: item.customer.name, stepId: item.stepId, to });
      continue;
    }
    entry.items.push(item);
    if (escalated) escalations.push(item);
  }

  const company = companyInfo(ctx);
  const domain = domainOf(parseMailbox(ctx.config.mail.from).email);
  const previous = opts.fresh ? new Map<string, { status: string; text: string }>() : await previousMails(ctx, cycle.asOf);
  // A mail already sent never changes; a pending one is re-rendered only if its text would change.
  const render = async (
    kind: 'resumen' | 'escalamiento', to: { name: string; email: string },
    pair: MailPair, view: object,
  ): Promise<void> => {
    const before = previous.get(outboxKey(to.email, cycle.asOf, kind));
    if (before && before.status !== 'pendiente') return;
    const rendered = await renderPairIfChanged(pair, view, before?.text ?? null);
    if (rendered) result.mails.push(toOutgoingMail({ kind, date: cycle.asOf, to, mail: rendered, domain }));
  };
  for (const { assignee, items, automatic } of byAssignee.values()) {
    const toContact = items.filter((i) => !i.pause).length;
    if (toContact === 0) continue; // only paused customers: nothing to do today, no mail
    const before = previous.get(outboxKey(assignee.email, cycle.asOf, 'resumen'));
    if (before && before.status !== 'pendiente') continue; // sent: never changes
    const web = await digestWeb(ctx, assignee.email, cycle.asOf, before?.text ?? null, opts.fresh === true, (opts.now ?? (() => new Date()))());
    const input = {
      date: cycle.asOf, company, assignee, items, contactTable: ctx.tables.contacto,
      maxItems: ctx.config.mail.maxDigestCustomers, tasksView: ctx.tables.vTareasHoy, web,
      ...(automatic.length > 0 ? { automatic } : {}),
    };
    await render('resumen', assignee, ctx.templates.digest, digestView(ctx.templates, input));
    result.digests.set(assignee.email, toContact);
  }
  if (escalations.length > 0) {
    const supervisor = ctx.config.staff.supervisor;
    await render('escalamiento', supervisor, ctx.templates.escalation, escalationView({
      date: cycle.asOf, company, supervisor, items: escalations,
      maxItems: ctx.config.mail.maxDigestCustomers, alertsView: ctx.tables.vAlertas,
    }));
  }
  return result;
}

/** A customer's pending steps due on or before the day, the leading one first. */
export interface CustomerLead {
  code: string;
  customer: Customer;
  tier: Tier;
  tasks: TaskView[];
  lead: TaskView;
}

/** Every customer with pending steps due on or before the day, with its steps in rank order. */
export function customerLeads(ctx: CompanyContext, cycle: DigestSource): CustomerLead[] {
  const tiers = new Map(cycle.plan.tiers.map((d) => [d.customerCode, d]));
  const byCustomer = new Map<string, TaskView[]>();
  for (const task of dueTasks(ctx, cycle, tiers)) {
    const list = byCustomer.get(task.customerCode) ?? [];
    list.push(task);
    byCustomer.set(task.customerCode, list);
  }
  const out: CustomerLead[] = [];
  for (const [code, tasks] of byCustomer) {
    const customer = cycle.customers.get(code);
    if (!customer) continue;
    const tier = tiers.get(code)?.tier ?? 'B';
    tasks.sort(byRank(ctx, tier));
    out.push({ code, customer, tier, tasks, lead: tasks[0]! });
  }
  return out;
}

/** What the digests need of a cycle: the full cycle, or one customer read alone (the worklist's page). */
export type DigestSource = Pick<
  PlannedCycle, 'asOf' | 'plan' | 'customers' | 'sellers' | 'installmentsOf' | 'tasksOf' | 'contactsOf' | 'unappliedOf'
>;

/** One customer's entry in the day's digests. */
export interface DigestEntry {
  /** Whoever owns the customer's leading step: the digest it goes in, and who signs its messages. */
  assignee: Assignee;
  item: DigestItem;
  /** In the supervisor's escalation notice too. */
  escalated: boolean;
}

/**
 * One entry per customer with pending steps due on or before the day, in the
 * digest of whoever owns its leading step, with that step's messages to send.
 * The daily digests and the worklist's customer page both read them here, so
 * the page's messages are word for word those of the digest.
 */
export function digestEntries(ctx: CompanyContext, cycle: DigestSource): DigestEntry[] {
  const newKeys = new Set(cycle.plan.create.map((t) => t.key));
  const episodes = new Map(cycle.plan.alerts.map((a) => [a.customerCode, a.episode]));
  const suppressed = new Map(cycle.plan.suppressed.map((x) => [x.customerCode, x]));
  const out: DigestEntry[] = [];

  // One entry per customer, in the digest of whoever owns its leading step.
  for (const { code, customer, tier, tasks, lead } of customerLeads(ctx, cycle)) {
    // A task a supervisor reassigned goes to the person it was given to.
    const assignee: Assignee = lead.assignedTo
      ? { ...lead.assignedTo, role: lead.step.role }
      : assigneeFor(lead.step.role, customer, ctx.config.staff);
    // A promise (or the contact cap) pauses what is already open: listed apart, not contacted.
    const pause = pauseOf(suppressed.get(code));
    const item: DigestItem = { ...itemOf(ctx, cycle, tasks, customer, tier, episodes.get(code) ?? null), pause };
    // Every supervisor step due today, new or already saved: a run that died after writing some
    // tasks (and before the outbox, which goes with the last batch) must not drop them from the
    // rerun's notice; a task moved to today from a holiday is escalated today too.
    const escalatedStep = (t: TaskView) => t.step.role === 'supervisor' && (newKeys.has(t.key) || t.dueOn === cycle.asOf);
    const escalated = !pause && lead.step.role === 'supervisor' && tasks.some(escalatedStep);
    out.push({ assignee, item, escalated });
  }
  return out;
}
