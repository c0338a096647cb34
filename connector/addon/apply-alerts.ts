/**
 * Brings COB_ALERTA in line with the plan: one row per alerted customer,
 * updated only when a value changed (ACTUALIZADA moves only then), inserted
 * when missing, and deleted for customers the plan no longer alerts.
 */
import type { Knex } from 'knex';
import type { Alert } from '../../rules/types';
import { ALERT_COLUMNS, ALERT_KINDS, alertRow } from './alert-rows';
import { chunk } from './chunks';
import { PARAM_LIMIT } from '../dialect/addon-sql';
import { rowChanged } from './row-compare';
import { rowsPerStatement, type Row } from './set-statements';
import type { AddonTables } from './tables';
import { deleteAlertsStatement, insertAlertsStatement, storedAlertsStatement, updateAlertsStatement } from './write-statements';

export async function applyAlerts(
  db: Knex, t: AddonTables, alerts: readonly Alert[], assigneeOf: (a: Alert) => string | null,
  now: Date, batchSize: number,
): Promise<{ upserted: number; deleted: number }> {
  const stored = new Map<string, Row>();
  for (const row of (await storedAlertsStatement(db, t)) as Row[]) stored.set(String(row.COD_CLIENT), row);

  const wanted = new Set<string>();
  const updates: Row[] = [];
  const inserts: Row[] = [];
  for (const alert of alerts) {
    if (wanted.has(alert.customerCode)) continue;
    wanted.add(alert.customerCode);
    const row = alertRow(alert, assigneeOf(alert), now);
    const old = stored.get(alert.customerCode);
    if (!old) inserts.push(row);
    else if (rowChanged(row, old, ALERT_KINDS)) updates.push(row);
  }
  const absent = [...stored.keys()].filter((code) => !wanted.has(code));

  const perStatement = rowsPerStatement(ALERT_COLUMNS.length);
  for (const batch of chunk(updates, batchSize)) {
    await db.transaction(async (trx) => {
      for (const part of chunk(batch, perStatement)) await updateAlertsStatement(trx, t, part);
    });
  }
  for (const batch of chunk(inserts, batchSize)) {
    await db.transaction(async (trx) => {
      for (const part of chunk(batch, perStatement)) await insertAlertsStatement(trx, t, part);
    });
  }
  let deleted = 0;
  for (const part of chunk(absent, Math.min(batchSize, PARAM_LIMIT))) {
    // Counted from the rows found before the DELETE (same transaction), not from
    // the driver's row count, which not every server reports.
    deleted += await db.transaction(async (trx) => {
      const present = ((await trx(t.alerta).select('COD_CLIENT').whereIn('COD_CLIENT', part)) as Row[]).map((r) => String(r.COD_CLIENT));
      if (present.length > 0) await deleteAlertsStatement(trx, t, present);
      return present.length;
    });
  }
  return { upserted: updates.length + inserts.length, deleted };
}
