/**
 * The few SQL differences between SQL Server and SQLite that the ERP reads
 * need: trimming fixed-width keys, whole days between two dates, and how a
 * calendar date travels as a bound parameter. Everything else asks this file
 * and never which database it is talking to.
 */
import type { Knex } from 'knex';
import { dialectOf } from '../connection';
import type { IsoDate } from '../../rules/types';

export interface SqlDialect {
  /** A column (`alias.NAME`) without leading or trailing spaces. */
  trim(db: Knex, column: string): Knex.Raw;
  /** Whole days from `from` to `to` (positive when `to` is later). */
  daysBetween(db: Knex, from: Knex.Raw, to: Knex.Raw): Knex.Raw;
  /** The value to bind for a calendar date compared with the ERP's DATETIME columns. */
  dateParam(date: IsoDate): string | Date;
  /** The value to bind for a date and time of day ('HH:MM:SS') written into a DATETIME column. */
  dateTimeParam(date: IsoDate, time: string): string | Date;
}

/** SQL Server: DATETIME columns, DATEDIFF counts day boundaries (exact for midnight dates). */
export const mssqlDialect: SqlDialect = {
  trim: (db, column) => db.raw('LTRIM(RTRIM(??))', [column]),
  daysBetween: (db, from, to) => db.raw('DATEDIFF(day, ?, ?)', [from, to]),
  // A JS Date goes as a typed datetime parameter (tedious, UTC): no dependence
  // on the login's language or DATEFORMAT, unlike a 'YYYY-MM-DD' string.
  dateParam: (date) => new Date(`${date}T00:00:00Z`),
  dateTimeParam: (date, time) => new Date(`${date}T${time}Z`),
};

/** SQLite (the demo ERP): dates are text 'YYYY-MM-DD 00:00:00', compared as text. */
export const sqliteDialect: SqlDialect = {
  trim: (db, column) => db.raw('trim(??)', [column]),
  daysBetween: (db, from, to) => db.raw('CAST(ROUND(julianday(?) - julianday(?)) AS INTEGER)', [to, from]),
  dateParam: (date) => `${date} 00:00:00`,
  dateTimeParam: (date, time) => `${date} ${time}`,
};

export function sqlDialect(db: Knex): SqlDialect {
  return dialectOf(db) === 'mssql' ? mssqlDialect : sqliteDialect;
}
