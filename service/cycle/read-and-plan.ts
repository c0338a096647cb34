/**
 * The read half of a cycle: reads the ERP snapshot and the add-on state with a
 * handful of set-based queries, streams the open installments customer by
 * customer through the pure planner, and returns the plan. It writes nothing,
 * so `simular`, `explicar` and `niveles` use it as is.
 *
 * Memory: customers, behaviour, unapplied money and add-on state are held as
 * maps (one entry per customer); installments are streamed and only those of
 * customers with something to contact about are kept (for the digests).
 */
import type { RowIssue, ReadOptions } from '../../connector/profiles/profile';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { appliedVersions } from '../../connector/addon/migrations';
import {
  loadAlertEpisodes, loadOpenTasks, loadOverrides, loadRecentContacts, loadTierStates,
} from '../../connector/addon/state';
import { agingOf, customerAgingOf, type Aging, type CustomerAging } from '../../rules/aging';
import { createSnapshotBuilder, monthStart } from '../../rules/kpis/snapshot';
import type { KpiSnapshotRow, MoneyFlow } from '../../rules/kpis/types';
import { addDays } from '../../rules/dates';
import { roundCents } from '../../rules/format';
import { addToPlan, emptyPlan, hasStepDue, planCustomer, type CustomerPlan } from '../../rules/planning';
import type {
  ContactRecord, Customer, CustomerOverrides, ExistingTask, IsoDate, OpenInstallment, PaymentBehaviour, Plan, Seller,
  Tier, TierState, UnappliedMoney,
} from '../../rules/types';
import type { CompanyContext } from '../context';

/** Bad ERP and staff rows kept in full for the report; beyond this only counted. */
const ISSUES_KEPT = 200;

export interface IssueReport {
  count: number;
  byProblem: Map<string, number>;
  sample: RowIssue[];
}

export interface PlannedCycle {
  asOf: IsoDate;
  plan: Plan;
  customers: Map<string, Customer>;
  sellers: Map<string, Seller>;
  /** Open installments of the customers with a step due today (the digests' customers) and of those explained. */
  installmentsOf: Map<string, OpenInstallment[]>;
  tasksOf: Map<string, ExistingTask[]>;
  contactsOf: Map<string, ContactRecord[]>;
  unappliedOf: Map<string, UnappliedMoney>;
  behaviourOf: Map<string, PaymentBehaviour>;
  /** Per-customer plans, kept only for the customers asked for (explain). */
  customerPlans: Map<string, CustomerPlan>;
  installmentCount: number;
  aging: Aging;
  /** The day's KPI snapshot rows (company, per seller, per tier), built from the same stream. */
  kpiRows: KpiSnapshotRow[];
  /** Each customer's open balance per aging bucket (per installment), with its tier; adds up to kpiRows' total. */
  customerAging: { aging: CustomerAging; tier: Tier | null }[];
  issues: IssueReport;
  timings: Record<string, number>;
}

export interface ReadAndPlanOptions {
  asOf: IsoDate;
  /** Keep the full per-customer plan of these customers (for `explicar`). */
  explain?: ReadonlySet<string>;
  /** Takes the stored state back to `asOf` before planning (`explicar --fecha` with a past date). */
  rewind?: (inputs: CycleInputs) => void;
  /** Sales and receipts of the month so far, for the KPI snapshot (ERPs that can tell). */
  moneyFlows?: (from: IsoDate, to: IsoDate) => Promise<MoneyFlow[]>;
}

function newIssueReport(): IssueReport {
  return { count: 0, byProblem: new Map(), sample: [] };
}

/** The profile's read options for `asOf`; with `customer`, the reads return only that customer's rows. */
export function readOptions(ctx: CompanyContext, asOf: IsoDate, customer?: string): ReadOptions {
  const r = ctx.config.rules;
  return {
    asOf,
    lookBackDays: r.lookBackDays,
    lateThresholdDays: r.tiers.lateThresholdDays,
    tolerance: r.amounts.tolerance,
    ...(customer === undefined ? {} : { customer }),
  };
}

async function toMap<T>(rows: AsyncIterable<T> | Promise<T[]>, keyOf: (row: T) => string): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const iterable = rows instanceof Promise ? await rows : rows;
  for await (const row of iterable) out.set(keyOf(row), row);
  return out;
}

/**
 * The winner between two ERP rows with the same customer code: the active one
 * (no inactive-since date); between two active ones, the one created first
 * (the later one is usually a copy made by mistake); otherwise the first read.
 */
export function preferredCustomer(first: Customer, second: Customer): Customer {
  const active = (c: Customer): boolean => c.inactiveSince === null;
  if (active(first) !== active(second)) return active(first) ? first : second;
  if (second.createdOn !== null && (first.createdOn === null || second.createdOn < first.createdOn)) return second;
  return first;
}

/** Customers by code; a repeated code is reported and resolved by `preferredCustomer`. */
async function customersByCode(rows: AsyncIterable<Customer>, onIssue: (issue: RowIssue) => void): Promise<Map<string, Customer>> {
  const out = new Map<string, Customer>();
  for await (const row of rows) {
    const previous = out.get(row.code);
    if (previous) {
      const winner = preferredCustomer(previous, row);
      const loser = winner === previous ? row : previous;
      onIssue({
        table: 'clientes',
        key: `cliente ${row.code}`,
        problem: `Cliente repetido: se usa la fila «${winner.name}» y se omite «${loser.name}» (gana la activa; entre activas, la de alta más antigua).`,
      });
      out.set(row.code, winner);
    } else out.set(row.code, row);
  }
  return out;
}

/** Removes (and reports) the staff entries of customer codes the ERP does not have. */
function dropUnknownCustomers<V>(customers: Map<string, Customer>, entries: Map<string, V>, report: (code: string, value: V) => void): void {
  for (const [code, value] of entries) {
    if (customers.has(code)) continue;
    entries.delete(code);
    report(code, value);
  }
}

/** Everything a plan needs besides the installments, one map per source. */
export interface CycleInputs {
  asOf: IsoDate;
  customers: Map<string, Customer>;
  sellers: Map<string, Seller>;
  behaviourOf: Map<string, PaymentBehaviour>;
  unappliedOf: Map<string, UnappliedMoney>;
  overrides: Map<string, CustomerOverrides>;
  tierStates: Map<string, TierState>;
  tasksOf: Map<string, ExistingTask[]>;
  contactsOf: Map<string, ContactRecord[]>;
  episodes: Map<string, IsoDate | null>;
  /** Receipts since the earliest recent promise, per customer (null: the profile cannot read them). */
  receiptsOf: Map<string, MoneyFlow[]> | null;
  issues: IssueReport;
  onIssue: (issue: RowIssue) => void;
  timings: Record<string, number>;
}

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

/**
 * Reads the ERP's customers, sellers, history and unapplied money, and the
 * add-on state; with `customer`, only that customer's (sellers stay whole).
 */
export async function loadInputs(ctx: CompanyContext, asOf: IsoDate, customer?: string): Promise<CycleInputs> {
  const { db, profile, tables, config } = ctx;
  const ro = readOptions(ctx, asOf, customer);
  const issues = newIssueReport();
  const onIssue = (issue: RowIssue): void => {
    issues.count += 1;
    issues.byProblem.set(issue.problem, (issues.byProblem.get(issue.problem) ?? 0) + 1);
    if (issues.sample.length < ISSUES_KEPT) issues.sample.push(issue);
  };
  const timings: Record<string, number> = {};
  const sellers = await timed(timings, 'vendedores', () => toMap(profile.sellers(db, onIssue), (s) => s.code));
  const customers = await timed(timings, 'clientes', () => customersByCode(profile.customers(db, onIssue, customer), onIssue));
  const behaviourOf = await timed(timings, 'historial', () =>
    toMap(profile.paymentBehaviour(db, ro, onIssue), (b) => b.customerCode));
  const unappliedOf = await timed(timings, 'sin_aplicar', () =>
    toMap(profile.unappliedMoney(db, ro, onIssue), (u) => u.customerCode));
  const contactsSince = addDays(asOf, -Math.max(config.rules.caps.periodDays, config.rules.lookBackDays));
  // Before `db migrar` (or the first cycle) there is no add-on state: read-only
  // commands (niveles, explicar, simular) still work, with nothing remembered.
  const migrated = (await appliedVersions(db, tables)).length > 0;
  const [overrides, tierStates, tasksOf, contactsOf, episodes] = migrated
    ? await timed(timings, 'estado', async () =>
      // One after the other: the first failure is the one reported, with no query left behind.
      [
        await loadOverrides(db, tables, onIssue, customer),
        await loadTierStates(db, tables, customer),
        await loadOpenTasks(db, tables, { since: addDays(asOf, -config.rules.lookBackDays), ...(customer === undefined ? {} : { customer }) }),
        await loadRecentContacts(db, tables, contactsSince, onIssue, customer),
        await loadAlertEpisodes(db, tables, customer),
      ] as const)
    : [new Map(), new Map(), new Map(), new Map(), new Map()] as const;
  dropUnknownCustomers(customers, overrides, (code) => onIssue({
    table: tables.cliente, key: `cliente ${code}`,
    problem: 'Marcas del personal para un cliente que no está entre los clientes del ERP: se omiten.',
  }));
  dropUnknownCustomers(customers, contactsOf, (code, list) => {
    for (const c of list) {
      onIssue({
        table: tables.contacto, key: `contacto n.º ${c.id} cliente ${code}`,
        problem: 'Contacto de un cliente que no está entre los clientes del ERP: se omite el contacto.',
      });
    }
  });
  const receiptsOf = await timed(timings, 'recibos', () => loadReceipts(ctx, contactsOf, asOf, customer));
  return {
    asOf, customers, sellers, behaviourOf, unappliedOf, overrides, tierStates, tasksOf, contactsOf, episodes,
    receiptsOf, issues, onIssue, timings,
  };
}

/**
 * Receipts from the earliest recent promise to `asOf`, per customer, to tell
 * a kept promise from a broken one (the profile's money flows, receipts only).
 * Not read at all without promises.
 */
async function loadReceipts(
  ctx: CompanyContext, contactsOf: Map<string, ContactRecord[]>, asOf: IsoDate, customer?: string,
): Promise<Map<string, MoneyFlow[]>> {
  let from: IsoDate | null = null;
  for (const list of contactsOf.values()) {
    for (const c of list) if (c.outcome === 'promesa' && c.on <= asOf && (from === null || c.on < from)) from = c.on;
  }
  const out = new Map<string, MoneyFlow[]>();
  if (from === null) return out;
  for (const f of await readMoneyFlows(ctx.db, { from, to: asOf }, ctx.profile, 'cobro', customer)) {
    const list = out.get(f.customerCode) ?? [];
    list.push(f);
    out.set(f.customerCode, list);
  }
  return out;
}

/**
 * Groups a stream of installments ordered by customer into one array per
 * customer. A customer whose rows come back out of order (a collation that
 * disagrees with ours) is reported, and its late rows skipped, rather than
 * planned twice. An installment read twice (same voucher and due date: a
 * repeated due-date row or voucher header in the ERP) counts once, reported.
 */
export async function* groupByCustomer(
  rows: AsyncIterable<OpenInstallment>, onIssue: (issue: RowIssue) => void,
): AsyncGenerator<[string, OpenInstallment[]]> {
  const seen = new Set<string>();
  let current: string | null = null;
  let group: OpenInstallment[] = [];
  let keys = new Set<string>();
  for await (const inst of rows) {
    if (inst.customerCode !== current) {
      if (current !== null) yield [current, group];
      current = inst.customerCode;
      group = [];
      keys = new Set();
      if (seen.has(current)) {
        onIssue({
          table: 'cuotas',
          key: `cliente ${current}`,
          problem: 'cuotas del cliente fuera de orden (revise la intercalación de la base)',
        });
      }
      seen.add(current);
    }
    const key = `${inst.voucherType} ${inst.voucherNumber} vto ${inst.dueOn}`;
    const same = `${key} ${inst.amount}`; // two installments of a voucher may share a due date, not also the amount
    if (keys.has(same)) {
      onIssue({
        table: 'cuotas',
        key,
        problem: 'Cuota repetida (vencimiento o cabecera de comprobante duplicados en el ERP): se cuenta una sola vez.',
      });
      continue;
    }
    keys.add(same);
    group.push(inst);
  }
  if (current !== null) yield [current, group];
}

/** Plans one customer from the inputs; null when its customer row is missing. */
export function planOneCustomer(
  inputs: CycleInputs, code: string, installments: OpenInstallment[], ctx: CompanyContext, asOf: IsoDate,
): CustomerPlan | null {
  const customer = inputs.customers.get(code);
  if (!customer) {
    inputs.onIssue({
      table: 'cuotas',
      key: `cliente ${code}`,
      problem: 'cuotas de un cliente que no existe en la tabla de clientes',
    });
    return null;
  }
  return planCustomer(
    {
      customer,
      installments,
      behaviour: inputs.behaviourOf.get(code) ?? null,
      unapplied: inputs.unappliedOf.get(code) ?? null,
      overrides: inputs.overrides.get(code) ?? null,
      tierState: inputs.tierStates.get(code) ?? null,
      tasks: inputs.tasksOf.get(code) ?? [],
      contacts: inputs.contactsOf.get(code) ?? [],
      currentEpisode: inputs.episodes.get(code) ?? null,
      receipts: inputs.receiptsOf ? (inputs.receiptsOf.get(code) ?? []) : null,
    },
    { today: asOf, settings: ctx.config.rules, calendar: ctx.calendar },
  );
}

/** One customer planned from its own rows only (`explicar`, the web page of a customer). */
export interface OneCustomerPlan {
  inputs: CycleInputs;
  customer: Customer;
  /** Its open installments (pending over the tolerance), by due date. */
  installments: OpenInstallment[];
  /** Every installment row read, tolerance not applied: what the cycle plans with and a digest entry lists. */
  rows: OpenInstallment[];
  plan: CustomerPlan;
}

/**
 * Reads and plans one customer the way the cycle does, with every read
 * filtered to that customer in SQL; null when the ERP has no such customer.
 * `rewind` takes its stored state back to `asOf` first (`explicar --fecha`).
 */
export async function readAndPlanCustomer(
  ctx: CompanyContext, code: string, asOf: IsoDate, rewind?: (inputs: CycleInputs) => void,
): Promise<OneCustomerPlan | null> {
  const wanted = code.trim();
  const inputs = await loadInputs(ctx, asOf, wanted);
  const customer = inputs.customers.get(wanted);
  if (!customer) return null;
  rewind?.(inputs);
  let installments: OpenInstallment[] = [];
  await timed(inputs.timings, 'cuotas_y_plan', async () => {
    const rows = ctx.profile.openInstallments(ctx.db, readOptions(ctx, asOf, wanted), inputs.onIssue);
    for await (const [c, group] of groupByCustomer(rows, inputs.onIssue)) if (c === wanted) installments = group;
  });
  const plan = planOneCustomer(inputs, wanted, installments, ctx, asOf);
  if (!plan) return null; // unreachable: the customer was read above
  const tolerance = ctx.config.rules.amounts.tolerance;
  return { inputs, customer, installments: installments.filter((i) => i.pending > tolerance), rows: installments, plan };
}

export async function readAndPlan(ctx: CompanyContext, opts: ReadAndPlanOptions): Promise<PlannedCycle> {
  const asOf = opts.asOf;
  const inputs = await loadInputs(ctx, asOf);
  opts.rewind?.(inputs);
  const { timings } = inputs;
  const plan = emptyPlan(asOf);
  const installmentsOf = new Map<string, OpenInstallment[]>();
  const customerPlans = new Map<string, CustomerPlan>();
  const planned = new Set<string>();
  let installmentCount = 0;
  const aging = agingOf([], asOf);
  const customerAging: PlannedCycle['customerAging'] = [];
  // KPI snapshot from the same stream: tiers as decided in this cycle.
  const tierOf = new Map<string, Tier>();
  const snapshot = createSnapshotBuilder(asOf, {
    sellerOf: (code) => inputs.customers.get(code)?.sellerCode ?? null,
    tierOf: (code) => tierOf.get(code) ?? inputs.tierStates.get(code)?.tier ?? null,
  }, ctx.config.rules.amounts.tolerance);

  const planOne = (code: string, installments: OpenInstallment[]): void => {
    if (planned.has(code)) return; // reported by groupByCustomer
    const result = planOneCustomer(inputs, code, installments, ctx, asOf);
    if (!result) return;
    planned.add(code);
    tierOf.set(code, result.tier.tier);
    addToPlan(plan, result);
    if (opts.explain?.has(code)) customerPlans.set(code, result);
    // The digests list only customers with a step due today; a million installments
    // would otherwise keep those of every customer with an alert until the mails are built.
    const worthKeeping = hasStepDue(result, inputs.tasksOf.get(code) ?? [], asOf) || opts.explain?.has(code);
    if (installments.length > 0 && worthKeeping) installmentsOf.set(code, installments);
  };

  // `plan`: the part of `cuotas_y_plan` spent planning (the rest is reading the installments).
  let planMs = 0;
  await timed(timings, 'cuotas_y_plan', async () => {
    const rows = ctx.profile.openInstallments(ctx.db, readOptions(ctx, asOf), inputs.onIssue);
    for await (const [code, group] of groupByCustomer(rows, inputs.onIssue)) {
      const planStart = performance.now();
      installmentCount += group.length;
      addAging(aging, agingOf(group, asOf));
      planOne(code, group);
      for (const inst of group) snapshot.addInstallment(inst);
      const own = customerAgingOf(code, group, asOf, ctx.config.rules.amounts.tolerance);
      if (own) customerAging.push({ aging: own, tier: tierOf.get(code) ?? inputs.tierStates.get(code)?.tier ?? null });
      planMs += performance.now() - planStart;
    }
    const restStart = performance.now();
    // Customers with nothing open still get a tier, and their open tasks close.
    for (const code of inputs.customers.keys()) {
      if (!planned.has(code)) planOne(code, []);
    }
    planMs += performance.now() - restStart;
  });
  timings.plan = Math.round(planMs);
  if (opts.moneyFlows) {
    for (const flow of await timed(timings, 'flujos', () => opts.moneyFlows!(monthStart(asOf), asOf))) snapshot.addFlow(flow);
  }

  return {
    asOf, plan, customers: inputs.customers, sellers: inputs.sellers, installmentsOf, tasksOf: inputs.tasksOf,
    contactsOf: inputs.contactsOf, unappliedOf: inputs.unappliedOf, behaviourOf: inputs.behaviourOf, customerPlans,
    installmentCount, aging, kpiRows: snapshot.rows(), customerAging, issues: inputs.issues, timings,
  };
}

/** Adds one customer's aging to the running totals. */
function addAging(total: Aging, part: Aging): void {
  for (const key of Object.keys(part) as (keyof Aging)[]) {
    total[key] = roundCents(total[key] + part[key]);
  }
}
