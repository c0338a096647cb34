/**
 * Turns what the drivers return for a DATETIME column into an IsoDate:
 * tedious gives a JS Date (UTC, see connection.ts), SQLite gives text
 * 'YYYY-MM-DD 00:00:00'. Tango's "no date" (1800-01-01, anything before 1900)
 * becomes null, and so does anything unreadable.
 *
 * Dates from the ERP and from staff are bounded: an impossible calendar date
 * (2026-02-30, month 13, which SQLite text columns can hold) or one after
 * LAST_REAL_DATE (9999-12-31, which SQL Server's date type accepts) is a
 * typing error. `toIsoDate` turns them into null so that no date arithmetic
 * downstream ever sees them; `invalidDate` tells them apart from "no date" so
 * the row can be skipped and reported by name.
 */
import { isIsoDate } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import type { IsoDate } from '../../rules/types';

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
/** Dates before this year are Tango's placeholder for "no date". */
const FIRST_REAL_YEAR = 1900;
/** Later dates are typing errors (9999-12-31, 2999 for 2029…), never real due dates or promises. */
export const LAST_REAL_DATE: IsoDate = '2099-12-31';

/** The value's 'YYYY-MM-DD' as written (not yet checked), or null when it has none. */
function isoText(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    // Years past 9999 print as '+010000-…': keep them recognisably wrong.
    return iso.startsWith('+') || iso.startsWith('-') ? iso.slice(0, 13) : iso.slice(0, 10);
  }
  if (typeof value === 'string') {
    const m = ISO_PREFIX.exec(value.trim());
    return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
  }
  return null;
}

function isPlaceholder(iso: string): boolean {
  return /^\d{4}-/.test(iso) && Number(iso.slice(0, 4)) < FIRST_REAL_YEAR;
}

export function toIsoDate(value: unknown): IsoDate | null {
  const iso = isoText(value);
  if (iso === null || isPlaceholder(iso)) return null;
  return isIsoDate(iso) && iso <= LAST_REAL_DATE ? iso : null;
}

/**
 * The date as written when it is present but not usable (impossible calendar
 * date, or after LAST_REAL_DATE); null when it is a real date, empty, or
 * Tango's "no date". Text that is not a date at all counts as invalid too.
 */
export function invalidDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  const iso = isoText(value);
  if (iso === null) return String(value).trim().slice(0, 30);
  if (isPlaceholder(iso)) return null;
  return isIsoDate(iso) && iso <= LAST_REAL_DATE ? null : iso;
}

/** The problem text for a bad date in a row, in Spanish, e.g. «Fecha de vencimiento inválida (…): se omite la cuota.». */
export function invalidDateProblem(what: string, written: string, consequence: string): string {
  const why = isIsoDate(written) ? `posterior al ${formatDate(LAST_REAL_DATE)}` : 'no existe en el calendario';
  return `${what} inválida («${written}», ${why}): ${consequence}`;
}

export { addDays } from '../../rules/dates';
