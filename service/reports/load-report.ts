/**
 * Reads everything a period report needs with a handful of set-based queries:
 * stored snapshots (closing, opening, roll start, trend), the ERP's money
 * flows of the last DSO_MONTHS months, tasks and contacts, tier changes.
 * Snapshots are only taken on the days a cycle runs (business days), so each
 * date uses the last snapshot stored on or before it, up to SNAPSHOT_LOOKBACK_DAYS
 * earlier: a week ending on Sunday closes with Friday's figures. When the
 * period ends today and no snapshot is stored for today, today's is computed
 * from the ERP.
 */
import { addDays, addMonths } from '../../rules/dates';
import {
  readCustomerReminders, readKpiContacts, readKpiTasks, readSnapshots, readTierChanges,
} from '../../connector/addon/kpi-read';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import {
  DSO_MONTHS, openingDay, periodReport, rollStartDay, type PeriodReport, type ReportData,
} from '../../rules/kpis/period-report';
import type { KpiDimension, KpiSnapshotRow, Period } from '../../rules/kpis/types';
import type { IsoDate } from '../../rules/types';
import { collectDailySnapshot } from './collect-snapshot';
import { readClassification, type Classification, type ReportSource } from './report-source';

/** Days of history read for tasks and contacts before the period (episodes start earlier). */
const HISTORY_DAYS = 120;
/**
 * How far back a date may borrow the last stored snapshot: a weekend plus a
 * long holiday (Argentina has four-day weekends) with room to spare.
 */
export const SNAPSHOT_LOOKBACK_DAYS = 7;

export interface LoadOptions {
  /** First day of the trend series (default: the period's start). */
  trendFrom?: IsoDate;
  /** Today: a closing snapshot missing for this day is computed live. */
  today: IsoDate;
}

export interface LoadedReport {
  data: ReportData;
  classification: Classification;
  /** True when the closing snapshot was computed now rather than read. */
  closingLive: boolean;
}

/** The rows of the last snapshot stored on or before `day` (within SNAPSHOT_LOOKBACK_DAYS), else null. */
export function rowsOnOrBefore(rows: readonly KpiSnapshotRow[], day: IsoDate): KpiSnapshotRow[] | null {
  const oldest = addDays(day, -SNAPSHOT_LOOKBACK_DAYS);
  let best: IsoDate | null = null;
  for (const r of rows) if (r.date <= day && r.date >= oldest && (best === null || r.date > best)) best = r.date;
  return best === null ? null : rows.filter((r) => r.date === best);
}

export async function loadReportData(src: ReportSource, period: Period, opts: LoadOptions): Promise<LoadedReport> {
  const classification = await readClassification(src);
  const trendFrom = opts.trendFrom && opts.trendFrom < period.from ? opts.trendFrom : period.from;
  const earliest = [openingDay(period), rollStartDay(period), trendFrom].sort()[0] as IsoDate;
  const stored = await readSnapshots(src.db, src.tables, { from: addDays(earliest, -SNAPSHOT_LOOKBACK_DAYS), to: period.to });
  let closing: KpiSnapshotRow[] | null;
  let closingLive = false;
  if (period.to >= opts.today && !stored.some((r) => r.date === opts.today)) {
    // Today is computed from the ERP when this cycle's snapshot is not stored yet.
    closing = [...(await collectDailySnapshot(src, opts.today, classification)).rows];
    closingLive = true;
  } else {
    closing = rowsOnOrBefore(stored, period.to) ?? [];
  }
  const closingDay = closing[0]?.date ?? period.to;
  const since = addDays(period.from, -HISTORY_DAYS);
  const flowsFrom = addDays(addMonths(period.to, -DSO_MONTHS), 1);
  const [flows, tasks, contacts, tierChanges, reminders] = await Promise.all([
    readMoneyFlows(src.db, { from: flowsFrom < since ? flowsFrom : since, to: period.to }, src.profile),
    readKpiTasks(src.db, src.tables, since),
    readKpiContacts(src.db, src.tables, since),
    readTierChanges(src.db, src.tables, period),
    readCustomerReminders(src.db, src.tables, period),
  ]);
  const data: ReportData = {
    period,
    closing,
    opening: rowsOnOrBefore(stored, openingDay(period)),
    rollStart: rowsOnOrBefore(stored, rollStartDay(period)),
    daily: [...stored.filter((r) => r.dimension === 'total' && r.date >= trendFrom && r.date < closingDay), ...closing.filter((r) => r.dimension === 'total')],
    flows,
    tasks,
    contacts,
    reminders,
    tierChanges,
    classifier: classification.classifier,
    customers: classification.customers,
    graceDays: src.config.rules.promises.graceDays,
    tolerance: src.config.rules.amounts.tolerance,
  };
  return { data, classification, closingLive };
}

export async function buildPeriodReport(
  src: ReportSource, period: Period, by: KpiDimension, opts: LoadOptions,
): Promise<{ report: PeriodReport; loaded: LoadedReport }> {
  const loaded = await loadReportData(src, period, opts);
  const asOf = period.to < opts.today ? period.to : opts.today;
  return { report: periodReport(loaded.data, by, asOf), loaded };
}
