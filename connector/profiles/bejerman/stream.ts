/** Streaming and preview helpers shared by the Bejerman and SQL-views profiles. */
import type { Knex } from 'knex';
import type { StatementPreview } from '../profile';

export type Row = Record<string, unknown>;

export async function* mapStream<T>(query: Knex.QueryBuilder, map: (row: Row) => T | null): AsyncIterable<T> {
  for await (const row of query.stream() as AsyncIterable<Row>) {
    const value = map(row);
    if (value !== null) yield value;
  }
}

export function preview(name: string, query: Knex.QueryBuilder): StatementPreview {
  const native = query.toSQL().toNative();
  return { name, sql: native.sql, bindings: native.bindings };
}
