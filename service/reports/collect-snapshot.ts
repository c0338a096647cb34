/**
 * Computes one day's KPI snapshot from the ERP: streams the open installments
 * through the snapshot builder (nothing kept per installment) and adds the
 * month's credit sales and receipts. The cycle calls it and then
 * writeDailySnapshot(); the report uses it for "today" when nothing is stored.
 */
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import type { DailySnapshot } from '../../connector/addon/kpi-snapshot-write';
import { createSnapshotBuilder, monthStart } from '../../rules/kpis/snapshot';
import type { IsoDate } from '../../rules/types';
import { readClassification, type Classification, type ReportSource } from './report-source';

export async function collectDailySnapshot(
  src: ReportSource, asOf: IsoDate, classification?: Classification,
): Promise<DailySnapshot> {
  const cls = classification ?? (await readClassification(src));
  const r = src.config.rules;
  const builder = createSnapshotBuilder(asOf, cls.classifier, r.amounts.tolerance);
  const opts = { asOf, lookBackDays: r.lookBackDays, lateThresholdDays: r.tiers.lateThresholdDays, tolerance: r.amounts.tolerance };
  for await (const i of src.profile.openInstallments(src.db, opts, () => undefined)) builder.addInstallment(i);
  for (const f of await readMoneyFlows(src.db, { from: monthStart(asOf), to: asOf }, src.profile)) builder.addFlow(f);
  return { asOf, company: src.config.company.name, rows: builder.rows() };
}
