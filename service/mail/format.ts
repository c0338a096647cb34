/**
 * es-AR formatting for mails: money "$ 1.234,56" and dates dd/mm/aaaa come
 * from rules/format.ts (one format across the product); the few extras the
 * templates need live here.
 */
export { formatDate, formatMoney } from '../../rules/format';

/** '1 cliente' / '3 clientes'. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${Math.abs(n) === 1 ? one : many}`;
}
