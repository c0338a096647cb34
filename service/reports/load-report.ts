/**
 * Reads everything a period report needs with a handful of set-based queries:
 * stored snapshots (closing, opening, roll start, trend), the ERP's money
 * flows of the last DSO_MONTHS months, tasks and contacts, tier changes. When
 * no snapshot is stored for the period's end, today's is computed from the ERP.
 */
import { addDays, addMonths } from '../../rules/dates';
import {
  readKpiContacts, readKpiTasks, readSnapshots, readTierChanges,
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

function rowsAt(rows: readonly KpiSnapshotRow[], day: IsoDate): KpiSnapshotRow[] | null {
  const at = rows.filter((r) => r.date === day);
  return at.length > 0 ? at : null;
}

export async function loadReportData(src: ReportSource, period: Period, opts: LoadOptions): Promise<LoadedReport> {
  const classification = await readClassification(src);
  const trendFrom = opts.trendFrom && opts.trendFrom < period.from ? opts.trendFrom : period.from;
  const earliest = [openingDay(period), rollStartDay(period), trendFrom].sort()[0] as IsoDate;
  const stored = await readSnapshots(src.db, src.tables, { from: earliest, to: period.to });
  let closing = rowsAt(stored, period.to);
  let closingLive = false;
  if (!closing) {
    const day = period.to >= opts.today ? opts.today : null;
    // Only today can be computed from the ERP: past days need their stored snapshot.
    closing = day ? [...(await collectDailySnapshot(src, day, classification)).rows] : [];
    closingLive = day !== null;
  }
  const since = addDays(period.from, -HISTORY_DAYS);
  const flowsFrom = addDays(addMonths(period.to, -DSO_MONTHS), 1);
  const [flows, tasks, contacts, tierChanges] = await Promise.all([
    readMoneyFlows(src.db, { from: flowsFrom < since ? flowsFrom : since, to: period.to }, src.profile),
    readKpiTasks(src.db, src.tables, since),
    readKpiContacts(src.db, src.tables, since),
    readTierChanges(src.db, src.tables, period),
  ]);
  const data: ReportData = {
    period,
    closing,
    opening: rowsAt(stored, openingDay(period)),
    rollStart: rowsAt(stored, rollStartDay(period)),
    daily: [...stored.filter((r) => r.dimension === 'total' && r.date >= trendFrom && r.date < period.to), ...closing.filter((r) => r.dimension === 'total')],
    flows,
    tasks,
    contacts,
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
