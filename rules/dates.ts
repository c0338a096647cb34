/**
 * Arithmetic on calendar dates kept as plain 'YYYY-MM-DD' strings. Every
 * computation goes through UTC day numbers, so no local time zone or daylight
 * saving rule can shift a date.
 */
import type { IsoDate } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar date written as 'YYYY-MM-DD'. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Parsed day numbers. A cycle asks for the same few thousand dates hundreds of
 * thousands of times (every due date against today), so parsing once pays; the
 * cache is bounded and simply starts over when full.
 */
const dayNumbers = new Map<string, number>();
const DAY_CACHE_MAX = 50_000;

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function toDayNumber(d: IsoDate): number {
  const cached = dayNumbers.get(d);
  if (cached !== undefined) return cached;
  if (!isIsoDate(d)) throw new Error(`Fecha inválida: «${d}» (se espera AAAA-MM-DD).`);
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const n = Date.UTC(y, m - 1, day) / MS_PER_DAY;
  if (dayNumbers.size >= DAY_CACHE_MAX) dayNumbers.clear();
  dayNumbers.set(d, n);
  return n;
}

/** The ISO date of a day number (inverse of `toDayNumber`). */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(d: IsoDate): number {
  const js = new Date(toDayNumber(d) * MS_PER_DAY).getUTCDay();
  return js === 0 ? 7 : js;
}

export function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

/**
 * The same day `n` months later; when that month is shorter the last day of
 * the month is used (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  toDayNumber(d); // validates
  const monthIndex = y * 12 + (m - 1) + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(day, lastDay)) / MS_PER_DAY);
}

/** ISO dates compare correctly as strings; these helpers say so by name. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
