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
