/**
 * Driver values → plain values, shared by every profile's row mappers: trimmed
 * text or null, finite numbers, cents, yes/no flags; and the two aggregate rows
 * every profile's SQL returns with the same column aliases (payment behaviour,
 * unapplied money).
 */
import type { PaymentBehaviour, UnappliedMoney } from '../../rules/types';
import { toIsoDate } from '../dialect/dates';
import type { IssueSink, RowIssue } from './profile';

type Row = Record<string, unknown>;

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

/** The report for an aggregate row with no customer (the row is skipped). */
export const NO_CUSTOMER_PROBLEM = {
  payments: 'Pagos o facturas sin código de cliente: no se cuentan.',
  unapplied: 'Dinero sin aplicar sin código de cliente: no se cuenta.',
} as const;

/**
 * A payment-behaviour row (aliases PAYMENTS, PAID, PAID_X_LATE, LATE_COUNT,
 * MAX_LATE, LAST_PAID_ON, INVOICED) of the customer in `customerColumn`.
 */
export function paymentBehaviourRow(row: Row, customerColumn: string, missing: RowIssue, onIssue: IssueSink): PaymentBehaviour | null {
  const customerCode = text(row[customerColumn]);
  if (customerCode === null) {
    onIssue(missing);
    return null;
  }
  const paid = num(row.PAID) ?? 0;
  const paidTimesLate = num(row.PAID_X_LATE) ?? 0;
  return {
    customerCode,
    paymentCount: num(row.PAYMENTS) ?? 0,
    paidAmount: cents(paid),
    weightedDaysLate: paid > 0 ? Math.round((paidTimesLate / paid) * 100) / 100 : 0,
    lateCount: num(row.LATE_COUNT) ?? 0,
    maxDaysLate: num(row.MAX_LATE) ?? 0,
    lastPaymentOn: toIsoDate(row.LAST_PAID_ON),
    invoicedAmount: cents(num(row.INVOICED) ?? 0),
  };
}

/** An unapplied-money row (aliases ON_ACCOUNT, CHEQUES); null when it is not worth counting. */
export function unappliedMoneyRow(
  row: Row, customerColumn: string, missing: RowIssue, tolerance: number, onIssue: IssueSink,
): UnappliedMoney | null {
  const customerCode = text(row[customerColumn]);
  if (customerCode === null) {
    onIssue(missing);
    return null;
  }
  const onAccount = cents(num(row.ON_ACCOUNT) ?? 0);
  const chequesInPortfolio = cents(num(row.CHEQUES) ?? 0);
  if (onAccount + chequesInPortfolio <= tolerance) return null;
  return { customerCode, onAccount, chequesInPortfolio };
}
