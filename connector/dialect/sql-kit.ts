/** Small knex helpers bound to one instance, shared by every profile's queries. */
import type { Knex } from 'knex';
import { sqlDialect } from './sql-dialect';

type Raw = Knex.Raw;

export function sqlKit(db: Knex) {
  const d = sqlDialect(db);
  /** A qualified column, `alias.name`. */
  const col = (alias: string, name: string): Raw => db.raw('??', [`${alias}.${name}`]);
  /** The column trimmed (keys are fixed-width and often space-padded). */
  const trimmed = (alias: string, name: string): Raw => d.trim(db, `${alias}.${name}`);
  const as = (expr: Raw, alias: string): Raw => db.raw('? as ??', [expr, alias]);
  const eq = (a: Raw, b: Raw): Raw => db.raw('? = ?', [a, b]);
  const days = (from: Raw, to: Raw): Raw => d.daysBetween(db, from, to);
  const list = (...items: Raw[]): Raw => db.raw(items.map(() => '?').join(', '), items);
  return { d, col, trimmed, as, eq, days, list };
}

export type SqlKit = ReturnType<typeof sqlKit>;
