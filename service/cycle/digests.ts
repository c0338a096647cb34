/**
 * Builds the day's mails from a plan: one digest per assignee with every
 * pending task due today or earlier (new and still open), and one escalation
 * notice for the supervisor listing the customers that reached a supervisor
 * step today (tasks due today, whichever run saved them). Content comes from the current snapshot, so amounts and days
 * overdue are today's, not those of the day a task was created.
 */
import type { OutgoingMail } from '../../connector/addon/outbox-rows';
import { findStep } from '../../rules/cadence';
import { daysBetween } from '../../rules/dates';
import { PROMISE_FOLLOW_UP, PROMISE_STEP_PREFIX } from '../../rules/planning';
import type {
  CadenceStep, Customer, ExistingTask, IsoDate, NewTask, OpenInstallment, Tier, TierDecision,
} from '../../rules/types';
import { assigneeFor, type Assignee } from '../assignees';
import type { CompanyContext } from '../context';
import { domainOf, outboxKey, toOutgoingMail } from '../mail/outbox-mail';
import { digestView, escalationView, renderPairIfChanged } from '../mail/render';
import type { MailPair } from '../mail/templates';
import type { CompanyInfo, DigestItem, MailInstallment, PreviousAttempt } from '../mail/types';
import { parseMailbox } from '../mail-transport';
import type { PlannedCycle } from './read-and-plan';

type StepShape = Pick<CadenceStep, 'channels' | 'template' | 'role' | 'stage'>;

export function companyInfo(ctx: CompanyContext): CompanyInfo {
  const c = ctx.config.company;
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

/** Earlier contact tasks of the customer (skipped steps were never contacts). */
function previousAttempts(tasks: readonly ExistingTask[], cycle: PlannedCycle, code: string, current: TaskView): PreviousAttempt[] {
  const contacts = cycle.contactsOf.get(code) ?? [];
  const out: PreviousAttempt[] = tasks
    .filter((t) => t.key !== current.key && t.status !== 'omitida' && t.dueOn < current.dueOn)
    .map((t) => ({
      on: t.dueOn,
      stepId: t.stepId,
      outcome: contacts.find((c) => c.taskId === t.id)?.outcome ?? null,
    }));
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

interface TaskView {
  key: string;
  id: number | null;
  customerCode: string;
  episode: IsoDate;
  stepId: string;
  dueOn: IsoDate;
  step: StepShape;
  brokenPromise: { date: IsoDate; amount: number } | null;
}

function stepShapeOf(stepId: string, tier: Tier, ctx: CompanyContext): StepShape | null {
  if (stepId.startsWith(PROMISE_STEP_PREFIX)) return PROMISE_FOLLOW_UP;
  return findStep(stepId, ctx.config.rules.cadence[tier], ctx.config.rules);
}

/** Pending tasks due on or before the cycle's day: the new ones and those kept open. */
function dueTasks(ctx: CompanyContext, cycle: PlannedCycle, tiers: Map<string, TierDecision>): TaskView[] {
  const asOf = cycle.asOf;
  const out: TaskView[] = [];
  for (const t of cycle.plan.create) {
    if (t.status !== 'pendiente' || t.dueOn > asOf) continue;
    out.push(viewOfNew(t));
  }
  const kept = new Set(cycle.plan.keep);
  for (const [code, tasks] of cycle.tasksOf) {
    for (const t of tasks) {
      if (t.status !== 'pendiente' || !kept.has(t.key) || t.dueOn > asOf) continue;
      const tier = tiers.get(code)?.tier ?? 'B';
      const step = stepShapeOf(t.stepId, tier, ctx);
      if (!step) continue;
      out.push({ key: t.key, id: t.id, customerCode: code, episode: t.episode, stepId: t.stepId, dueOn: t.dueOn, step, brokenPromise: null });
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

function itemOf(ctx: CompanyContext, cycle: PlannedCycle, task: TaskView, customer: Customer, tier: Tier): DigestItem {
  const all = cycle.installmentsOf.get(customer.code) ?? [];
  const installments = taskInstallments(all, task, cycle.asOf, task.step);
  const overdue = all.filter((i) => i.dueOn < cycle.asOf);
  const oldest = overdue[0]?.dueOn;
  const seller = customer.sellerCode ? cycle.sellers.get(customer.sellerCode) : undefined;
  const staffSeller = customer.sellerCode ? ctx.config.staff.sellers[customer.sellerCode] : undefined;
  return {
    customer: { code: customer.code, name: customer.name, email: customer.email, phone: customer.phone, mobile: customer.mobile },
    tier,
    daysOverdue: oldest ? daysBetween(oldest, cycle.asOf) : 0,
    overdueBalance: Math.round(overdue.reduce((s, i) => s + i.pending, 0) * 100) / 100,
    stepId: task.stepId,
    stage: task.step.stage,
    channels: [...task.step.channels],
    template: task.step.template,
    sellerName: staffSeller?.name ?? seller?.name ?? null,
    installments: mailInstallments(installments, cycle.asOf),
    previousAttempts: previousAttempts(cycle.tasksOf.get(customer.code) ?? [], cycle, customer.code, task),
    brokenPromise: task.brokenPromise,
    // The outcome is recorded by customer; a task id here would change the
    // digest between the cycle that creates a task and the next one.
    taskId: null,
  };
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

export async function buildDayMails(ctx: CompanyContext, cycle: PlannedCycle): Promise<DayMails> {
  const result: DayMails = { mails: [], digests: new Map() };
  // Digests go out on business days only; tasks dated on other days wait for the next one.
  if (!ctx.calendar.isBusinessDay(cycle.asOf)) return result;
  const tiers = new Map(cycle.plan.tiers.map((d) => [d.customerCode, d]));
  const byAssignee = new Map<string, { assignee: Assignee; items: DigestItem[] }>();
  const escalations: DigestItem[] = [];
  const newKeys = new Set(cycle.plan.create.map((t) => t.key));

  for (const task of dueTasks(ctx, cycle, tiers)) {
    const customer = cycle.customers.get(task.customerCode);
    if (!customer) continue;
    const tier = tiers.get(task.customerCode)?.tier ?? 'B';
    const assignee = assigneeFor(task.step.role, customer, ctx.config.staff);
    const item = itemOf(ctx, cycle, task, customer, tier);
    const id = assignee.email.toLowerCase();
    const entry = byAssignee.get(id) ?? { assignee, items: [] };
    entry.items.push(item);
    byAssignee.set(id, entry);
    // Every supervisor step due today, new or already saved: a run that died after writing some
    // tasks (and before the outbox, which goes with the last batch) must not drop them from the
    // rerun's notice; a task moved to today from a holiday is escalated today too.
    if (task.step.role === 'supervisor' && (newKeys.has(task.key) || task.dueOn === cycle.asOf)) escalations.push(item);
  }

  const company = companyInfo(ctx);
  const domain = domainOf(parseMailbox(ctx.config.mail.from).email);
  const previous = await previousMails(ctx, cycle.asOf);
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
  for (const { assignee, items } of byAssignee.values()) {
    const input = {
      date: cycle.asOf, company, assignee, items, contactTable: ctx.tables.contacto,
      maxItems: ctx.config.mail.maxDigestCustomers, tasksView: ctx.tables.vTareasHoy,
    };
    await render('resumen', assignee, ctx.templates.digest, digestView(ctx.templates, input));
    result.digests.set(assignee.email, items.length);
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
