/** The per-customer variant of every profile read (the web page of one customer). */
import type { Knex } from 'knex';

/**
 * Keeps only one customer's rows when a code is given; without a code the
 * statement is left exactly as it was. `customer` is the trimmed key
 * expression the query already selects or joins on, so padded CHAR codes
 * compare the same way the joins do.
 */
export function onlyCustomer(customer: Knex.Raw, code: string | undefined): (q: Knex.QueryBuilder) => void {
  return (q) => {
    if (code !== undefined) q.where(customer, '=', code.trim());
  };
}

/**
 * With a code, keeps only the rows whose `key` is among `keysOf(code)` (an
 * uncorrelated sub-SELECT, read once): a pre-filter for sub-queries that
 * aggregate a whole table by a key of the customer's documents, so one
 * customer's page does not sum every application in the ERP. The outer
 * query still joins on the full key, so the result is the same.
 */
export function keyAmong(
  key: Knex.Raw, code: string | undefined, keysOf: (code: string) => Knex.QueryBuilder,
): (q: Knex.QueryBuilder) => void {
  return (q) => {
    if (code !== undefined) q.whereIn(key as unknown as string, keysOf(code.trim()));
  };
}
