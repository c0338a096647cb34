/**
 * The one place that decides, per customer, which tasks to create, keep and
 * close, and what its alert says. Pure: the cycle streams customers through
 * `planCustomer` and folds the results with `addToPlan`.
 *
 * Task kinds, told apart by step id:
 * - pre-due reminders (steps with a negative offset): episode = the due date;
 * - overdue cadence steps: episode = the delinquency episode start;
 * - broken-promise follow-ups ('PROMESA-<contactId>'): same episode.
 */
import { alertMessage } from './alert';
import type { BusinessCalendar } from './calendar';
import {
  findStep, nextOverdueStep, preDueHits, reachedOverdueSteps, stepDate, stepOffset, type PreDueHit,
} from './cadence';
import { addDays, maxDate, toDayNumber } from './dates';
import { currentEpisode } from './episode';
import { computeMetrics, overdueInstallments, sumPending } from './metrics';
import {
  brokenPromise, capSuppression, contactCapacity, promiseEnd, suppressionFor, unappliedTotal, type Suppression,
} from './suppression';
import type { MoneyFlow } from './kpis/types';
import { decideTier } from './tiering';
import type {
  Alert, AssigneeRole, CadenceStep, Channel, CloseReason, ContactRecord, Customer, CustomerOverrides, ExistingTask,
  IsoDate, NewTask, OpenInstallment, PaymentBehaviour, Plan, RuleSettings, Stage, TaskClosure, TaskStatus, TierDecision,
  TierState, UnappliedMoney,
} from './types';

export interface CustomerInput {
  customer: Customer;
  /** Open installments (pending > tolerance). */
  installments: OpenInstallment[];
  behaviour: PaymentBehaviour | null;
  unapplied: UnappliedMoney | null;
  overrides: CustomerOverrides | null;
  tierState: TierState | null;
  /** This customer's open tasks + all tasks of its current episode. */
  tasks: ExistingTask[];
  /** This customer's recent contacts (caps period and promises). */
  contacts: ContactRecord[];
  /** From the previous alert (COB_ALERTA.EPISODIO), if any. */
  currentEpisode: IsoDate | null;
  /**
   * The customer's receipts since its earliest recent promise, to tell a kept
   * promise from a broken one; absent when the ERP profile cannot read them.
   */
  receipts?: readonly MoneyFlow[] | null;
}

export interface PlanContext {
  today: IsoDate;
  settings: RuleSettings;
  calendar: BusinessCalendar;
}

export interface CustomerPlan {
  tier: TierDecision;
  create: NewTask[];
  close: TaskClosure[];
  keep: string[];
  alert: Alert | null;
  suppressed: Plan['suppressed'];
}

export const PROMISE_STEP_PREFIX = 'PROMESA-';

/** The step a broken-promise follow-up is created from. */
export const PROMISE_FOLLOW_UP: Omit<CadenceStep, 'id' | 'offsetDays'> = {
  channels: ['telefono'],
  template: 'seguimiento',
  role: 'cobrador',
  stage: 'administrativa',
};

export function taskKey(customerCode: string, episode: IsoDate, stepId: string): string {
  return `${customerCode}|${episode}|${stepId}`;
}

/** A step still to do whose day has come (on or before `today`): what the day's digests list. */
export function isDueBy(t: { status: TaskStatus; dueOn: IsoDate }, today: IsoDate): boolean {
  return t.status === 'pendiente' && t.dueOn <= today;
}

/**
 * Whether, after its plan, a customer has a step due by `today` (new, or open
 * and kept): the customers the day's digests list, the only ones whose
 * installments a cycle keeps for them.
 */
export function hasStepDue(result: Pick<CustomerPlan, 'create' | 'keep'>, existing: readonly ExistingTask[], today: IsoDate): boolean {
  if (result.create.some((t) => isDueBy(t, today))) return true;
  if (result.keep.length === 0) return false;
  const kept = new Set(result.keep);
  return existing.some((t) => isDueBy(t, today) && kept.has(t.key));
}

export function emptyPlan(today: IsoDate): Plan {
  return { today, tiers: [], create: [], close: [], keep: [], alerts: [], suppressed: [] };
}

/** Adds one customer's plan to the cycle's plan (in place) and returns it. */
export function addToPlan(plan: Plan, c: CustomerPlan): Plan {
  plan.tiers.push(c.tier);
  for (const t of c.create) plan.create.push(t);
  for (const t of c.close) plan.close.push(t);
  for (const k of c.keep) plan.keep.push(k);
  if (c.alert) plan.alerts.push(c.alert);
  for (const s of c.suppressed) plan.suppressed.push(s);
  return plan;
}

export function planCustomer(input: CustomerInput, ctx: PlanContext): CustomerPlan {
  const { customer } = input;
  const { today, settings, calendar } = ctx;
  const code = customer.code;
  const tolerance = settings.amounts.tolerance;

  const installments = input.installments.filter((i) => i.pending > tolerance);
  const metrics = computeMetrics(customer, installments, input.behaviour, today, settings, input.unapplied);
  const tier = decideTier({ metrics, overrides: input.overrides, previous: input.tierState, customer, today }, settings);
  const steps = settings.cadence[tier.tier];

  const tasks = input.tasks.filter((t) => t.customerCode === code);
  const existingKeys = new Set(tasks.map((t) => t.key));
  const isPreDue = (t: ExistingTask) => (stepOffset(t.stepId, steps, settings) ?? 0) < 0;
  const openTasks = tasks.filter((t) => t.status === 'pendiente');
  const openPreDue = openTasks.filter(isPreDue);
  const openOverdue = openTasks.filter((t) => !isPreDue(t));

  const overdue = overdueInstallments(installments, today, tolerance);
  const oldestDue = overdue[0]?.dueOn ?? null;
  const episode = currentEpisode({
    overdue,
    overdueBalance: metrics.overdueBalance,
    currentEpisode: input.currentEpisode,
    openTaskEpisodes: openOverdue.map((t) => t.episode),
    today,
    minOverdueToAct: settings.amounts.minOverdueToAct,
    tolerance,
  });

  const closures = new Map<number, TaskClosure>();
  const close = (t: ExistingTask, reason: CloseReason) => {
    if (!closures.has(t.id)) closures.set(t.id, { taskId: t.id, key: t.key, reason });
  };

  // Tasks whose reason to exist is gone.
  for (const t of openPreDue) {
    if (!installments.some((i) => i.dueOn === t.episode)) close(t, 'pagada');
    else if (today >= t.episode) close(t, 'reemplazada'); // due date reached: the overdue cadence takes over
  }
  for (const t of openOverdue) {
    if (episode === null) close(t, metrics.openBalance > tolerance ? 'cliente_al_dia' : 'pagada');
    else if (t.episode !== episode) close(t, 'reemplazada');
  }

  // What the customer should be contacted about, most important first.
  const newTask = (
    step: CadenceStep, taskEpisode: IsoDate, status: NewTask['status'], date: IsoDate,
    about: OpenInstallment[], promise: ContactRecord | null = null,
  ): NewTask => ({
    key: taskKey(code, taskEpisode, step.id),
    customerCode: code,
    episode: taskEpisode,
    stepId: step.id,
    status,
    dueOn: calendar.nextBusinessDay(maxDate(today, date)),
    channels: [...step.channels],
    template: step.template,
    role: step.role,
    stage: step.stage,
    tier: tier.tier,
    daysOverdue: metrics.oldestDaysOverdue,
    overdueBalance: metrics.overdueBalance,
    installments: about,
    brokenPromise: promise,
  });

  let stepTask: NewTask | null = null;
  let skipped: NewTask[] = [];
  let promiseTask: NewTask | null = null;
  let reminders: NewTask[] = [];
  let hits: PreDueHit[] = [];

  if (episode !== null && oldestDue !== null) {
    const reached = reachedOverdueSteps(steps, metrics.oldestDaysOverdue);
    const latest = reached.at(-1);
    const episodeOffsets = tasks
      .filter((t) => t.episode === episode && !isPreDue(t) && !t.stepId.startsWith(PROMISE_STEP_PREFIX))
      .map((t) => stepOffset(t.stepId, steps, settings) ?? -Infinity);
    const furthest = episodeOffsets.length > 0 ? Math.max(...episodeOffsets) : -Infinity;
    if (latest && latest.offsetDays > furthest && !existingKeys.has(taskKey(code, episode, latest.id))) {
      stepTask = newTask(latest, episode, 'pendiente', stepDate(latest, oldestDue), overdue);
      skipped = reached.slice(0, -1)
        .filter((s) => !existingKeys.has(taskKey(code, episode, s.id)))
        .map((s) => newTask(s, episode, 'omitida', stepDate(s, oldestDue), overdue));
    }
    const broken = brokenPromise(input.contacts, episode, today, settings.promises.graceDays, {
      receipts: input.receipts ?? null, tolerance,
    });
    if (broken) {
      const step: CadenceStep = { ...PROMISE_FOLLOW_UP, id: `${PROMISE_STEP_PREFIX}${broken.id}`, offsetDays: 0 };
      if (!existingKeys.has(taskKey(code, episode, step.id))) {
        promiseTask = newTask(step, episode, 'pendiente', addDays(promiseEnd(broken, settings.promises.graceDays), 1), overdue, broken);
      }
    }
  } else if (episode === null) {
    // Reminders only outside an episode: an overdue contact covers the whole account.
    hits = preDueHits(steps, installments, today);
    reminders = hits
      .filter((h) => !existingKeys.has(taskKey(code, h.dueOn, h.step.id)))
      .map((h) => newTask(h.step, h.dueOn, 'pendiente', h.date, h.installments));
  }

  // Suppression: only when there is something to contact the customer about.
  const stillOpenPreDue = openPreDue.filter((t) => !closures.has(t.id));
  const reminderDates = new Set([...hits.map((h) => h.dueOn), ...stillOpenPreDue.map((t) => t.episode)]);
  const atStake = episode !== null || reminderDates.size > 0;
  let suppression: Suppression | null = null;
  if (atStake) {
    suppression = suppressionFor({
      overrides: input.overrides,
      contacts: input.contacts,
      unapplied: input.unapplied,
      episode,
      amountAtStake: episode !== null
        ? metrics.overdueBalance
        : sumPending(installments.filter((i) => reminderDates.has(i.dueOn))),
      today,
      settings,
    });
  }

  let create: NewTask[] = [];
  let deferredByCap: ReturnType<typeof contactCapacity> | null = null;
  if (suppression) {
    if (suppression.closesTasks) for (const t of openTasks) close(t, 'suspendida');
  } else {
    // Contact caps: create what fits, most important first; a deferred step takes its skipped ones along.
    const wanted = [stepTask, promiseTask, ...reminders].filter((t): t is NewTask => t !== null);
    const capacity = contactCapacity(tasks, input.contacts, today, settings.caps);
    const allowed = wanted.slice(0, Math.min(wanted.length, capacity.remaining));
    create = [...(stepTask && allowed.includes(stepTask) ? skipped : []), ...allowed];
    if (allowed.length < wanted.length) deferredByCap = capacity;
  }

  // A new step replaces the open tasks it supersedes.
  for (const t of create) {
    if (t.status !== 'pendiente') continue;
    if (t === stepTask) {
      for (const o of openOverdue) if (o.episode === episode) close(o, 'reemplazada');
    } else if (reminders.includes(t)) {
      for (const o of openPreDue) if (o.episode === t.episode) close(o, 'reemplazada');
    }
  }

  const keptTasks = openTasks.filter((t) => !closures.has(t.id));
  // The cap counts as the reason only when it leaves staff with nothing to do for the customer.
  if (deferredByCap && keptTasks.length === 0 && !create.some((t) => t.status === 'pendiente')) {
    suppression = capSuppression(deferredByCap, settings.caps);
  }
  const alert = buildAlert({
    input, ctx, tier, metrics, episode, oldestDue, suppression, create, keptTasks, steps,
  });
  const suppressed: Plan['suppressed'] = suppression
    ? [{ customerCode: code, reason: suppression.reason, detail: suppression.detail }]
    : [];
  return {
    tier,
    create,
    close: [...closures.values()],
    keep: keptTasks.map((t) => t.key),
    alert,
    suppressed,
  };
}

interface AlertInput {
  input: CustomerInput;
  ctx: PlanContext;
  tier: TierDecision;
  metrics: TierDecision['metrics'];
  episode: IsoDate | null;
  oldestDue: IsoDate | null;
  suppression: Suppression | null;
  create: NewTask[];
  keptTasks: ExistingTask[];
  steps: CadenceStep[];
}

interface NextAction {
  stepId: string;
  on: IsoDate;
  channels: Channel[];
  role: AssigneeRole;
  stage: Stage;
}

/** Details of an existing task's step (from the cadence, or the promise follow-up). */
function describeTask(t: ExistingTask, steps: CadenceStep[], settings: RuleSettings): NextAction {
  const step = t.stepId.startsWith(PROMISE_STEP_PREFIX)
    ? { ...PROMISE_FOLLOW_UP, id: t.stepId, offsetDays: 0 }
    : findStep(t.stepId, steps, settings);
  return {
    stepId: t.stepId,
    on: t.dueOn,
    channels: step ? [...step.channels] : [],
    role: step?.role ?? 'cobrador',
    stage: step?.stage ?? 'administrativa',
  };
}

/**
 * The next thing staff should do, among the open tasks after this cycle (new
 * and kept): the furthest cadence step of the episode, else a broken-promise
 * follow-up, else the earliest pre-due reminder; with none open and an
 * episode under way, the next cadence step still ahead.
 */
function nextAction(a: AlertInput): NextAction | null {
  const { settings, calendar, today } = a.ctx;
  const open: NextAction[] = [
    ...a.create.filter((t) => t.status === 'pendiente')
      .map((t) => ({ stepId: t.stepId, on: t.dueOn, channels: t.channels, role: t.role, stage: t.stage })),
    ...a.keptTasks.map((t) => describeTask(t, a.steps, settings)),
  ];
  // Rank: cadence overdue steps by offset (highest first), then promise follow-ups, then reminders (earliest first).
  const rank = (x: NextAction): [number, number] => {
    if (x.stepId.startsWith(PROMISE_STEP_PREFIX)) return [1, -toDayNumber(x.on)];
    const offset = stepOffset(x.stepId, a.steps, settings) ?? 0;
    return offset < 0 ? [2, toDayNumber(x.on)] : [0, -offset];
  };
  const best = open
    .map((x) => ({ x, r: rank(x) }))
    .sort((p, q) => p.r[0] - q.r[0] || p.r[1] - q.r[1] || (p.x.stepId < q.x.stepId ? -1 : p.x.stepId > q.x.stepId ? 1 : 0))[0];
  if (best) return best.x;
  if (a.episode !== null && a.oldestDue !== null && !a.suppression?.closesTasks) {
    const step = nextOverdueStep(a.steps, a.metrics.oldestDaysOverdue);
    if (step) {
      return {
        stepId: step.id,
        on: calendar.nextBusinessDay(maxDate(addDays(today, 1), stepDate(step, a.oldestDue))),
        channels: [...step.channels],
        role: step.role,
        stage: step.stage,
      };
    }
  }
  return null;
}

function buildAlert(a: AlertInput): Alert | null {
  const hasOpen = a.keptTasks.length > 0 || a.create.some((t) => t.status === 'pendiente');
  if (a.episode === null && !hasOpen && a.suppression === null) return null;
  const { settings } = a.ctx;
  const next = nextAction(a);
  return {
    customerCode: a.input.customer.code,
    tier: a.tier.tier,
    episode: a.episode,
    oldestDaysOverdue: a.metrics.oldestDaysOverdue,
    overdueBalance: a.metrics.overdueBalance,
    openBalance: a.metrics.openBalance,
    unapplied: unappliedTotal(a.input.unapplied),
    stage: next?.stage ?? (a.episode !== null ? 'administrativa' : 'preventiva'),
    nextStepId: next?.stepId ?? null,
    nextActionOn: next?.on ?? null,
    role: next?.role ?? null,
    suppressedBy: a.suppression?.reason ?? null,
    message: alertMessage({
      tier: a.tier.tier,
      metrics: a.metrics,
      tolerance: settings.amounts.tolerance,
      suppressed: a.suppression?.short ?? null,
      next: next ? { stepId: next.stepId, channels: next.channels, on: next.on } : null,
      today: a.ctx.today,
    }),
  };
}
