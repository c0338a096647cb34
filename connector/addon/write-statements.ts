/**
 * The write statements of a cycle, one builder each, so the exact SQL can be
 * reviewed (snapshot tests, `db sql`) with mssqlCompiler(). Every value is a
 * bound parameter; callers keep each statement under PARAM_LIMIT.
 */
import type { Knex } from 'knex';
import type { CloseReason } from '../../rules/types';
import { ALERT_COLUMNS } from './alert-rows';
import { MAIL_PENDING, OUTBOX_INSERT_COLUMNS } from './outbox-rows';
import { insertMissing, updateFromValues, type Row } from './set-statements';
import type { AddonTables } from './tables';
import { TASK_COLUMNS } from './task-rows';

export const TIER_STATE_COLUMNS = ['COD_CLIENT', 'NIVEL', 'NIVEL_DESDE', 'NIVEL_CANDIDATO', 'CANDIDATO_DESDE'] as const;
export const TIER_HISTORY_COLUMNS = ['COD_CLIENT', 'FECHA', 'NIVEL_ANTERIOR', 'NIVEL', 'REGLA', 'MOTIVO'] as const;

export const TASK_PENDING = 'pendiente';
export const TASK_CLOSED = 'cerrada';

export function insertTasksStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  return insertMissing(db, t.tarea, 'CLAVE', TASK_COLUMNS, rows);
}

export function existingTaskKeysStatement(db: Knex, t: AddonTables, keys: readonly string[]): Knex.QueryBuilder {
  return db(t.tarea).select('CLAVE').whereIn('CLAVE', keys);
}

export function closeTasksStatement(
  db: Knex, t: AddonTables, ids: readonly number[], reason: CloseReason, now: Date,
): Knex.QueryBuilder {
  return db(t.tarea)
    .update({ ESTADO: TASK_CLOSED, MOTIVO_CIERRE: reason, CERRADA: now })
    .whereIn('ID', ids)
    .andWhere('ESTADO', TASK_PENDING)
    .returning('ID as ID'); // the closed rows are counted from these, not from the driver's row count
}

export function storedAlertsStatement(db: Knex, t: AddonTables): Knex.QueryBuilder {
  return db(t.alerta).select(ALERT_COLUMNS);
}

export function updateAlertsStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.Raw {
  return updateFromValues(db, t.alerta, 'COD_CLIENT', ALERT_COLUMNS, rows);
}

export function insertAlertsStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  return insertMissing(db, t.alerta, 'COD_CLIENT', ALERT_COLUMNS, rows);
}

export function deleteAlertsStatement(db: Knex, t: AddonTables, codes: readonly string[]): Knex.QueryBuilder {
  return db(t.alerta).whereIn('COD_CLIENT', codes).delete();
}

export function storedTierStatesStatement(db: Knex, t: AddonTables): Knex.QueryBuilder {
  return db(t.cliente).select(TIER_STATE_COLUMNS);
}

export function updateTierStatesStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.Raw {
  return updateFromValues(db, t.cliente, 'COD_CLIENT', TIER_STATE_COLUMNS, rows);
}

export function insertTierStatesStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  return insertMissing(db, t.cliente, 'COD_CLIENT', TIER_STATE_COLUMNS, rows);
}

export function insertTierHistoryStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  return db(t.nivelHist).insert(rows.map((r) => ({ ...r })));
}

export function storedMailsStatement(db: Knex, t: AddonTables, keys: readonly string[]): Knex.QueryBuilder {
  return db(t.correo)
    .select('CLAVE', 'ESTADO', 'DESTINATARIO', 'ASUNTO', 'CUERPO_HTML', 'CUERPO_TEXTO')
    .whereIn('CLAVE', keys);
}

export function insertMailsStatement(db: Knex, t: AddonTables, rows: readonly Row[]): Knex.QueryBuilder {
  return insertMissing(db, t.correo, 'CLAVE', OUTBOX_INSERT_COLUMNS, rows);
}

/** Refreshes an unsent mail's content; a row already sent (ESTADO other than pendiente) is never touched. */
export function refreshMailStatement(db: Knex, t: AddonTables, row: Row): Knex.QueryBuilder {
  return db(t.correo)
    .update({
      DESTINATARIO: row.DESTINATARIO,
      ASUNTO: row.ASUNTO,
      CUERPO_HTML: row.CUERPO_HTML,
      CUERPO_TEXTO: row.CUERPO_TEXTO,
    })
    .where('CLAVE', row.CLAVE as string)
    .andWhere('ESTADO', MAIL_PENDING)
    .returning('ID as ID'); // counted from the returned row, not from the driver's row count
}
