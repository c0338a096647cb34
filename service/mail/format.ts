/**
 * es-AR formatting for mails: money "$ 1.234,56" and dates dd/mm/aaaa come
 * from rules/format.ts (one format across the product); the few extras the
 * templates need live here.
 */
export { formatDate, formatMoney } from '../../rules/format';

/** When an installment falls due, from the digest's day: 'hoy', 'en 1 día', 'en 5 días'. */
export function dueIn(days: number): string {
  return days <= 0 ? 'hoy' : `en ${plural(days, 'día', 'días')}`;
}

/** '1 cliente' / '3 clientes'. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${Math.abs(n) === 1 ? one : many}`;
}
