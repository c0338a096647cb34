/**
 * Compares a row about to be written with the row stored, column by column,
 * normalising what the drivers return (dates as Date or text, decimals as
 * numbers or strings, bits as booleans or 0/1), so an unchanged value is never
 * rewritten.
 */
import { toIsoDate } from './dates';

export type ColumnKind = 'text' | 'date' | 'money' | 'int' | 'bool';

function normalise(value: unknown, kind: ColumnKind): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'date':
      return toIsoDate(value);
    case 'money':
      return Math.round(Number(value) * 100) / 100;
    case 'int':
      return Math.round(Number(value));
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 'true';
    default:
      return String(value);
  }
}

export function sameValue(a: unknown, b: unknown, kind: ColumnKind): boolean {
  return normalise(a, kind) === normalise(b, kind);
}

/** True when any listed column differs between the new row and the stored one. */
export function rowChanged(
  next: Record<string, unknown>, stored: Record<string, unknown>, kinds: Record<string, ColumnKind>,
): boolean {
  return Object.entries(kinds).some(([col, kind]) => !sameValue(next[col], stored[col], kind));
}
