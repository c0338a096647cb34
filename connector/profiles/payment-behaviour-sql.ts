/**
 * The payment-behaviour read every profile makes, once: each profile supplies
 * its payments (one row per payment of an installment) and its invoices in the
 * window as rows of the same six columns, and this groups them per customer
 * into the aliases the row mappers read (PAYMENTS, PAID, PAID_X_LATE,
 * LATE_COUNT, MAX_LATE, LAST_PAID_ON, INVOICED).
 */
import type { Knex } from 'knex';
import type { SqlKit } from '../dialect/sql-kit';

type Raw = Knex.Raw;

/** Columns of a payment row: customer, amount paid, due date and payment date. */
export function paymentColumns(db: Knex, k: SqlKit, p: { customer: Raw; paid: Raw; dueOn: Raw; paidOn: Raw }): Raw[] {
  const daysLate = k.days(p.dueOn, p.paidOn);
  return [
    k.as(p.customer, 'CUST'),
    k.as(db.raw('1'), 'IS_PAYMENT'),
    k.as(p.paid, 'PAID'),
    k.as(db.raw('CASE WHEN ? > 0 THEN ? ELSE 0 END', [daysLate, daysLate]), 'LATE'),
    k.as(p.paidOn, 'PAID_ON'),
    k.as(db.raw('0'), 'INVOICED'),
  ];
}

/** Columns of an invoice row: customer and amount invoiced. */
export function invoiceColumns(db: Knex, k: SqlKit, i: { customer: Raw; amount: Raw }): Raw[] {
  return [
    k.as(i.customer, 'CUST'),
    k.as(db.raw('0'), 'IS_PAYMENT'),
    k.as(db.raw('0'), 'PAID'),
    k.as(db.raw('0'), 'LATE'),
    k.as(db.raw('NULL'), 'PAID_ON'),
    k.as(i.amount, 'INVOICED'),
  ];
}

/** One row per customer (named `customerAlias`), ordered by customer. */
export function behaviourPerCustomer(
  db: Knex, k: SqlKit, payments: Knex.QueryBuilder, invoices: Knex.QueryBuilder,
  customerAlias: string, lateThresholdDays: number,
): Knex.QueryBuilder {
  const u = (c: string): Raw => k.col('u', c);
  return db
    .from(payments.unionAll(invoices).as('u'))
    .select(
      k.as(u('CUST'), customerAlias),
      k.as(db.raw('SUM(?)', [u('IS_PAYMENT')]), 'PAYMENTS'),
      k.as(db.raw('SUM(?)', [u('PAID')]), 'PAID'),
      k.as(db.raw('SUM(? * ?)', [u('PAID'), u('LATE')]), 'PAID_X_LATE'),
      k.as(db.raw('SUM(CASE WHEN ? = 1 AND ? > ? THEN 1 ELSE 0 END)', [u('IS_PAYMENT'), u('LATE'), lateThresholdDays]), 'LATE_COUNT'),
      k.as(db.raw('MAX(?)', [u('LATE')]), 'MAX_LATE'),
      k.as(db.raw('MAX(?)', [u('PAID_ON')]), 'LAST_PAID_ON'),
      k.as(db.raw('SUM(?)', [u('INVOICED')]), 'INVOICED'),
    )
    .groupBy(u('CUST') as unknown as string)
    .orderBy(u('CUST') as unknown as string);
}
