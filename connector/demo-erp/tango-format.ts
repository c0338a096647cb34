/**
 * How Tango writes values: dates as DATETIME at midnight (text in SQLite),
 * 1800-01-01 for "no date", voucher numbers as letter + point of sale +
 * number ('A000100001234', 13 characters in a VARCHAR(14), sometimes
 * space-padded to ' A000100001234').
 */
import type { IsoDate } from '../../rules/types';

const DAY_MS = 86_400_000;
export const NO_DATE = '1800-01-01 00:00:00';

/** Days since 1970-01-01 of an IsoDate. */
export function dayNumber(date: IsoDate): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

const isoCache = new Map<number, IsoDate>();
export function isoOfDay(day: number): IsoDate {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 20_000) isoCache.set(day, iso);
  }
  return iso;
}

export function tangoDate(date: IsoDate): string {
  return `${date} 00:00:00`;
}

export function tangoDay(day: number): string {
  return tangoDate(isoOfDay(day));
}

export function voucherNumber(letter: string, pointOfSale: number, n: number): string {
  return `${letter}${String(pointOfSale).padStart(4, '0')}${String(n).padStart(8, '0')}`;
}

/** The same number as some Tango versions and imports store it: left-padded to the column width. */
export function padded(value: string, width: number): string {
  return value.padStart(width, ' ');
}

export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
