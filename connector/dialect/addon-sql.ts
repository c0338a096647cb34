/**
 * Every difference between SQLite and SQL Server that the add-on tables need, in
 * one place: "today", trimmed ERP codes, lock hints, duplicate-key errors and
 * the bound-parameter budget of one statement.
 */
import type { Knex } from 'knex';
import { dialectOf, type Dialect } from '../connection';

/**
 * Most bound parameters one statement may carry. SQL Server refuses more than
 * 2100; SQLite allows far more, but one budget keeps both paths identical.
 */
export const PARAM_LIMIT = 2000;

/** SQL for the current local calendar day, as used inside views. */
export function todaySql(dialect: Dialect): string {
  return dialect === 'mssql' ? 'CAST(GETDATE() AS date)' : "date('now','localtime')";
}

/**
 * A trimmed ERP code (Tango pads codes with spaces). LTRIM(RTRIM()) works on
 * SQL Server 2012+ and SQLite alike; on SQL Server the result is brought to the
 * database collation so a column-level collation in the ERP cannot break the join.
 */
export function trimmedSql(expr: string, dialect: Dialect): string {
  const trimmed = `LTRIM(RTRIM(${expr}))`;
  return dialect === 'mssql' ? `${trimmed} COLLATE DATABASE_DEFAULT` : trimmed;
}

/**
 * The table named in an INSERT … WHERE NOT EXISTS probe. On SQL Server the
 * probe takes UPDLOCK, HOLDLOCK (a key-range lock until commit) so two writers
 * cannot both see "missing" and insert the same natural key.
 */
export function lockedProbe(db: Knex, table: string): Knex.Raw {
  return dialectOf(db) === 'mssql' ? db.raw('?? with (updlock, holdlock)', [table]) : db.raw('??', [table]);
}

/** True for a unique-key violation: SQL Server 2601/2627, SQLite UNIQUE/PRIMARY KEY constraint. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { number?: number; code?: string; errcode?: number; message?: string } | null;
  if (!e) return false;
  if (e.number === 2601 || e.number === 2627) return true;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  if (e.errcode === 2067 || e.errcode === 1555) return true;
  return /UNIQUE constraint failed|duplicate key/i.test(e.message ?? '');
}
