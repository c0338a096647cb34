/**
 * Generic set-based write statements built with knex, identical on SQLite and
 * SQL Server except for the lock hint that `lockedProbe` adds:
 * - a derived table of bound rows: (SELECT ? AS A, ? AS B UNION ALL SELECT ?, ?) AS v
 * - INSERT … SELECT … FROM v WHERE NOT EXISTS (same key in the table)
 * - UPDATE … SET … FROM v WHERE table.key = v.key
 * Callers keep each statement under PARAM_LIMIT bound values (see `rowsPerStatement`).
 */
import type { Knex } from 'knex';
import { lockedProbe, PARAM_LIMIT } from '../dialect/addon-sql';

export type Row = Record<string, unknown>;

/** How many rows of `columnCount` values fit in one statement. */
export function rowsPerStatement(columnCount: number): number {
  return Math.max(1, Math.floor(PARAM_LIMIT / Math.max(1, columnCount)));
}

/** `(SELECT ? AS c1, … UNION ALL SELECT ?, …) AS alias` with every value bound. */
export function valuesTable(db: Knex, columns: readonly string[], rows: readonly Row[], alias: string): Knex.Raw {
  if (rows.length === 0) throw new Error('valuesTable needs at least one row');
  const bindings: Knex.RawBinding[] = [];
  const selects = rows.map((row, i) => {
    const parts = columns.map((col) => {
      bindings.push((row[col] ?? null) as Knex.RawBinding);
      if (i === 0) {
        bindings.push(col);
        return '? as ??';
      }
      return '?';
    });
    return `select ${parts.join(', ')}`;
  });
  bindings.push(alias);
  return db.raw(`(${selects.join(' union all ')}) as ??`, bindings);
}

/**
 * INSERT INTO table (cols) SELECT v.cols FROM (rows) v WHERE NOT EXISTS
 * (SELECT 1 FROM table [WITH (UPDLOCK, HOLDLOCK)] WHERE table.key = v.key).
 */
export function insertMissing(
  db: Knex, table: string, key: string, columns: readonly string[], rows: readonly Row[],
): Knex.QueryBuilder {
  const placeholders = columns.map(() => '??').join(', ');
  return db
    .into(db.raw(`?? (${placeholders})`, [table, ...columns]))
    .insert(
      db
        .select(columns.map((c) => `v.${c}`))
        .from(valuesTable(db, columns, rows, 'v'))
        .whereNotExists(
          db.select(db.raw('1')).from(lockedProbe(db, table)).whereRaw('?? = ??', [`${table}.${key}`, `v.${key}`]),
        ),
    );
}

/** UPDATE table SET c = v.c, … FROM (rows) AS v WHERE table.key = v.key. */
export function updateFromValues(
  db: Knex, table: string, key: string, columns: readonly string[], rows: readonly Row[],
): Knex.Raw {
  const set = columns.filter((c) => c !== key);
  const derived = valuesTable(db, [key, ...set], rows, 'v');
  const assignments = set.map(() => '?? = ??').join(', ');
  const bindings: Knex.RawBinding[] = [table];
  for (const c of set) bindings.push(c, `v.${c}`);
  bindings.push(derived, `${table}.${key}`, `v.${key}`);
  return db.raw(`update ?? set ${assignments} from ? where ?? = ??`, bindings);
}
