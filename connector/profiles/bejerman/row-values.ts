/**
 * Driver values → plain values, shared by the Bejerman and SQL-views row
 * mappers: trimmed text or null, finite numbers, cents, yes/no flags.
 */

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

export function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** 1, true, 'S', 'SI', 'T', 'TRUE' are yes; anything else (null included) is no. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  const s = text(value)?.toUpperCase();
  return s === 'S' || s === 'SI' || s === 'T' || s === 'TRUE' || s === '1';
}
