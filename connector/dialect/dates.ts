/**
 * Turns what the drivers return for a DATETIME column into an IsoDate:
 * tedious gives a JS Date (UTC, see connection.ts), SQLite gives text
 * 'YYYY-MM-DD 00:00:00'. Tango's "no date" (1800-01-01, anything before 1900)
 * becomes null, and so does anything unreadable.
 */
import type { IsoDate } from '../../rules/types';

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
/** Dates before this year are Tango's placeholder for "no date". */
const FIRST_REAL_YEAR = 1900;

export function toIsoDate(value: unknown): IsoDate | null {
  let iso: string | null = null;
  if (value instanceof Date) {
    iso = Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  } else if (typeof value === 'string') {
    const m = ISO_PREFIX.exec(value.trim());
    iso = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  }
  if (iso === null) return null;
  return Number(iso.slice(0, 4)) < FIRST_REAL_YEAR ? null : iso;
}

export { addDays } from '../../rules/dates';
