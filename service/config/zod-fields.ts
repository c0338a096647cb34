/**
 * The bridge between the value parsers and zod: every INI value arrives as a
 * string (or is absent) and leaves typed, or becomes a zod issue whose path is
 * [section, key] so it can be traced back to its line.
 */
import { z } from 'zod';
import { Invalid, type Parser } from './value-parsers';

export const MISSING = 'falta; es obligatoria';
const EMPTY = 'está vacía; es obligatoria';

function run<T>(parse: Parser<T>, raw: string, ctx: z.RefinementCtx): T {
  const v = parse(raw);
  if (v instanceof Invalid) {
    ctx.addIssue({ code: 'custom', message: v.message });
    return z.NEVER;
  }
  return v;
}

/** A key that must be present and not empty. */
export function required<T>(parse: Parser<T>) {
  return z.string({ error: () => MISSING }).transform((raw, ctx): T => {
    if (raw.trim() === '') {
      ctx.addIssue({ code: 'custom', message: EMPTY });
      return z.NEVER;
    }
    return run(parse, raw, ctx);
  });
}

/** A key that may be absent or empty, then taking `fallback`. */
export function optional<T, D>(parse: Parser<T>, fallback: D) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | D => (raw === undefined || raw.trim() === '' ? fallback : run(parse, raw, ctx)));
}

/** Passwords and tokens: taken as written, and never echoed in any message. */
export const secret = z
  .string()
  .optional()
  .transform((raw): string | null => (raw === undefined || raw === '' ? null : raw));

/** Adds "missing" issues for keys a setting makes necessary (e.g. servidor when motor = sqlserver). */
export function requireKeys(
  ctx: z.RefinementCtx,
  values: Record<string, unknown>,
  keys: readonly string[],
  because: string,
): void {
  for (const key of keys) {
    if (values[key] === null || values[key] === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${MISSING} con ${because}` });
    }
  }
}
