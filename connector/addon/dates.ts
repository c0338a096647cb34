/**
 * Normalises what the drivers return for DATE columns (a Date from tedious,
 * text from SQLite) to the domain's IsoDate 'YYYY-MM-DD'.
 */
import type { IsoDate } from '../../rules/types';

const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2})/;

export function toIsoDate(value: unknown): IsoDate | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // tedious runs with useUTC: a DATE comes back as UTC midnight of that day.
    return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const m = ISO_PREFIX.exec(value.trim());
    return m ? (m[1] as IsoDate) : null;
  }
  return null;
}

/** True for a well-formed calendar date 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
