/**
 * Writes tier state (COB_CLIENTE service columns) and tier history
 * (COB_NIVEL_HIST). A row is written only when its state changed; staff
 * columns are never touched. A history row is added for a decision marked
 * `changed` whose tier differs from the stored one, so re-applying a plan adds
 * nothing.
 */
import type { Knex } from 'knex';
import type { TierDecision } from '../../rules/types';
import { chunk } from './chunks';
import { rowChanged, type ColumnKind } from './row-compare';
import { rowsPerStatement, type Row } from './set-statements';
import type { AddonTables } from './tables';
import { fitText } from './text-fit';
import {
  insertTierHistoryStatement, insertTierStatesStatement, storedTierStatesStatement, TIER_HISTORY_COLUMNS,
  TIER_STATE_COLUMNS, updateTierStatesStatement,
} from './write-statements';

const STATE_KINDS: Record<string, ColumnKind> = {
  NIVEL: 'text', NIVEL_DESDE: 'date', NIVEL_CANDIDATO: 'text', CANDIDATO_DESDE: 'date',
};

export async function applyTiers(
  db: Knex, t: AddonTables, decisions: readonly TierDecision[], today: string, batchSize: number,
): Promise<number> {
  if (decisions.length === 0) return 0;
  const stored = new Map<string, Row>();
  for (const row of (await storedTierStatesStatement(db, t)) as Row[]) stored.set(String(row.COD_CLIENT).trim(), row);

  let changes = 0;
  for (const batch of chunk(decisions, batchSize)) {
    const updates: Row[] = [];
    const inserts: Row[] = [];
    const history: Row[] = [];
    for (const d of batch) {
      const next: Row = {
        COD_CLIENT: d.customerCode,
        NIVEL: d.tier,
        NIVEL_DESDE: d.since,
        NIVEL_CANDIDATO: d.candidate,
        CANDIDATO_DESDE: d.candidateSince,
      };
      const old = stored.get(d.customerCode);
      if (!old) inserts.push(next);
      else if (rowChanged(next, old, STATE_KINDS)) updates.push(next);
      const oldTier = old?.NIVEL == null ? null : String(old.NIVEL).trim();
      if (d.changed && oldTier !== d.tier) {
        history.push({
          COD_CLIENT: d.customerCode,
          FECHA: today,
          NIVEL_ANTERIOR: d.previousTier ?? oldTier,
          NIVEL: d.tier,
          REGLA: fitText(d.rule, 20),
          MOTIVO: fitText(d.reason, 500),
        });
      }
    }
    if (updates.length + inserts.length + history.length === 0) continue;
    await db.transaction(async (trx) => {
      for (const part of chunk(updates, rowsPerStatement(TIER_STATE_COLUMNS.length))) {
        await updateTierStatesStatement(trx, t, part);
      }
      for (const part of chunk(inserts, rowsPerStatement(TIER_STATE_COLUMNS.length))) {
        await insertTierStatesStatement(trx, t, part);
      }
      for (const part of chunk(history, rowsPerStatement(TIER_HISTORY_COLUMNS.length))) {
        await insertTierHistoryStatement(trx, t, part);
      }
    });
    changes += history.length;
  }
  return changes;
}
