/**
 * Every KPI of a period for the company and for each group of one dimension
 * (sellers or tiers), from plain data: the stored daily snapshots, the ERP's
 * money flows, and the add-on's tasks, contacts and tier changes. Pure: the
 * caller reads, this computes. Customers are grouped by their current seller
 * and tier (the classifier), so every figure of a group speaks of the same
 * customers.
 */
import { agingOf, type Aging } from '../aging';
import { addDays } from '../dates';
import type { ContactRecord, IsoDate } from '../types';
import { collectionEffectivenessIndex } from './cei';
import { contactRate, promiseRate, type KpiTask } from './contacts';
import { countbackPeriods, dsoCountback, salesPerPeriod, type DsoResult } from './dso';
import { promiseKeptRate } from './promises';
import { reminderKpis, type CustomerReminderSent, type ReminderKpis } from './reminders';
import { contactedEpisodes, RECOVERY_HORIZONS, recoveryRate, type RecoveryHorizon } from './recovery';
import { rollRates, type RollRate } from './roll-rate';
import { taskFlow, type TaskFlow } from './tasks';
import { tierDistribution, tierMigrations, type TierChange, type TierCounts, type TierMigrations } from './tiers';
import {
  groupKey, groupsOf, TOTAL_GROUP, type CustomerClassifier, type KpiDimension, type KpiGroup, type KpiSnapshotRow,
  type MoneyFlow, type Period, type Ratio,
} from './types';

/** Months of sales the DSO countback may walk back. */
export const DSO_MONTHS = 12;
/** Roll rates compare the closing snapshot with the one this many days earlier. */
export const ROLL_DAYS = 30;

export interface ReportData {
  period: Period;
  /** Snapshot rows at the end of the period (stored, or computed now from the ERP). */
  closing: readonly KpiSnapshotRow[];
  /** Snapshot rows at the end of the day before the period; null when none was stored. */
  opening: readonly KpiSnapshotRow[] | null;
  /** Snapshot rows ROLL_DAYS before the end; null when none was stored. */
  rollStart: readonly KpiSnapshotRow[] | null;
  /** Company rows ('total') for the trend series, oldest first (may start before the period). */
  daily: readonly KpiSnapshotRow[];
  /** ERP credit sales and receipts from DSO_MONTHS months before the end up to it. */
  flows: readonly MoneyFlow[];
  tasks: readonly KpiTask[];
  contacts: readonly ContactRecord[];
  /** Reminders by e-mail sent to customers (absent: none read). */
  reminders?: readonly CustomerReminderSent[];
  tierChanges: readonly TierChange[];
  classifier: CustomerClassifier;
  /** Every customer code known (for the tier distribution). */
  customers: readonly string[];
  graceDays: number;
  tolerance: number;
}

export interface GroupKpis {
  group: KpiGroup;
  aging: Aging;
  overdue: number;
  overdueShare: number | null;
  customers: number;
  overdueCustomers: number;
  dso: DsoResult;
  cei: number | null;
  creditSales: number;
  collected: number;
  contactRate: Ratio;
  promiseRate: Ratio;
  promiseKept: Ratio;
  recovery: Record<RecoveryHorizon, Ratio>;
  roll: RollRate[] | null;
  tasks: TaskFlow;
  reminders: ReminderKpis;
}

export interface PeriodReport {
  period: Period;
  by: KpiDimension;
  total: GroupKpis;
  groups: GroupKpis[];
  tiers: TierCounts;
  migrations: TierMigrations;
  trend: { date: IsoDate; total: number; overdue: number }[];
  /** Date of the closing snapshot: the period's end, or the last day before it with a snapshot; null without one. */
  closingDate: IsoDate | null;
  /** True when the closing snapshot came from the table (false: computed now). */
  openingAvailable: boolean;
  rollAvailable: boolean;
}

function rowOf(rows: readonly KpiSnapshotRow[] | null, g: KpiGroup): KpiSnapshotRow | null {
  if (!rows) return null;
  return rows.find((r) => r.dimension === g.dimension && r.value === g.value) ?? null;
}

function groupKpis(data: ReportData, g: KpiGroup, member: (code: string) => boolean, asOf: IsoDate): GroupKpis {
  const p = data.period;
  const empty = agingOf([], p.to);
  const closing = rowOf(data.closing, g);
  const aging = closing?.aging ?? empty;
  const flows = data.flows.filter((f) => member(f.customerCode));
  const tasks = data.tasks.filter((t) => member(t.customerCode));
  const contacts = data.contacts.filter((c) => member(c.customerCode));
  const inPeriod = flows.filter((f) => f.on >= p.from && f.on <= p.to);
  const creditSales = inPeriod.filter((f) => f.kind === 'venta').reduce((s, f) => s + f.amount, 0);
  const collected = inPeriod.filter((f) => f.kind === 'cobro').reduce((s, f) => s + f.amount, 0);
  const opening = data.opening ? (rowOf(data.opening, g)?.aging.total ?? 0) : null;
  const cei = opening === null ? null : collectionEffectivenessIndex({
    opening, creditSales, closingTotal: aging.total, closingCurrent: aging.corriente,
  });
  const rollStart = data.rollStart ? (rowOf(data.rollStart, g)?.aging ?? empty) : null;
  const episodes = contactedEpisodes(tasks, contacts);
  const recovery = {} as Record<RecoveryHorizon, Ratio>;
  for (const h of RECOVERY_HORIZONS) recovery[h] = recoveryRate(episodes, flows, p, h, asOf);
  const overdue = closing?.overdue ?? 0;
  return {
    group: g,
    aging,
    overdue,
    overdueShare: aging.total > 0 ? overdue / aging.total : null,
    customers: closing?.customers ?? 0,
    overdueCustomers: closing?.overdueCustomers ?? 0,
    dso: dsoCountback(aging.total, salesPerPeriod(countbackPeriods(p.to, DSO_MONTHS), flows)),
    cei,
    creditSales,
    collected,
    contactRate: contactRate(tasks, contacts, p),
    promiseRate: promiseRate(contacts, p),
    promiseKept: promiseKeptRate(contacts, flows, p, data.graceDays, data.tolerance),
    recovery,
    roll: rollStart ? rollRates(rollStart, aging) : null,
    tasks: taskFlow(tasks, p),
    reminders: reminderKpis((data.reminders ?? []).filter((r) => member(r.customerCode)), flows, p, asOf, data.tolerance),
  };
}

/**
 * `asOf` is the day the report is made: recovery horizons not reached by then
 * are left out (default: the end of the period).
 */
export function periodReport(data: ReportData, by: KpiDimension, asOf: IsoDate = data.period.to): PeriodReport {
  const c = data.classifier;
  const total = groupKpis(data, TOTAL_GROUP, () => true, asOf);
  const groups: GroupKpis[] = [];
  if (by !== 'total') {
    const keys = new Map<string, KpiGroup>();
    for (const r of data.closing) if (r.dimension === by) keys.set(groupKey(r), { dimension: by, value: r.value });
    const active = new Set([...data.tasks.map((t) => t.customerCode), ...data.flows.map((f) => f.customerCode)]);
    for (const code of data.customers) {
      const g = groupsOf(code, c).find((x) => x.dimension === by) as KpiGroup;
      if (!keys.has(groupKey(g)) && active.has(code)) {
        keys.set(groupKey(g), g);
      }
    }
    for (const g of [...keys.values()].sort((a, b) => a.value.localeCompare(b.value))) {
      const member = (code: string): boolean => groupKey(groupsOf(code, c).find((x) => x.dimension === by) as KpiGroup) === groupKey(g);
      groups.push(groupKpis(data, g, member, asOf));
    }
  }
  return {
    period: data.period,
    by,
    total,
    groups,
    tiers: tierDistribution(data.customers.map((code) => c.tierOf(code))),
    migrations: tierMigrations(data.tierChanges, data.period),
    trend: data.daily
      .filter((r) => r.dimension === 'total' && r.date <= data.period.to)
      .map((r) => ({ date: r.date, total: r.aging.total, overdue: r.overdue })),
    closingDate: data.closing[0]?.date ?? null,
    openingAvailable: data.opening !== null,
    rollAvailable: data.rollStart !== null,
  };
}

/** The day whose snapshot opens a period (the end of the day before it). */
export function openingDay(p: Period): IsoDate {
  return addDays(p.from, -1);
}

export function rollStartDay(p: Period): IsoDate {
  return addDays(p.to, -ROLL_DAYS);
}
