/**
 * The Tango reads as knex query builders: one SELECT each, set-based, every
 * value a bound parameter. Dialect differences come from connector/dialect.
 *
 * Locking: each read is a single SELECT under the connection's default
 * READ COMMITTED isolation (no NOLOCK: dirty reads could show half-posted
 * receipts). The cycle consumes the rows as they arrive, so shared locks are
 * held only while the scan passes; with READ_COMMITTED_SNAPSHOT enabled on the
 * database (recommended to the DBA) the reads take no shared row locks at all.
 */
import type { Knex } from 'knex';
import { addDays } from '../../dialect/dates';
import { sqlKit } from '../../dialect/sql-kit';
import { behaviourPerCustomer, invoiceColumns, paymentColumns } from '../payment-behaviour-sql';
import { keyAmong, onlyCustomer } from '../customer-filter';
import type { ReadOptions } from '../profile';
import { ABSURD_AMOUNT, CODES, FIRST_REAL_DATE, GVA07, GVA12, GVA14, GVA15, GVA23, GVA46, SBA14 } from './schema';

type Raw = Knex.Raw;

/** The (trimmed) numbers of one customer's vouchers in GVA12: the per-customer pre-filter of GVA07. */
function voucherNumbersOf(db: Knex, customer: string): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db.from(`${GVA12.table} as hc`).select(k.trimmed('hc', GVA12.number)).where(k.trimmed('hc', GVA12.customer), '=', customer);
}

/** Signed sum of applications per installment key (trimmed type, number, due date). */
function applicationsPerInstallment(db: Knex, customer?: string): Knex.QueryBuilder {
  const k = sqlKit(db);
  const signed = db.raw(
    'SUM(CASE WHEN ? <> ? AND ? = ? THEN ? ELSE -? END)',
    [
      k.trimmed('a', GVA07.appliedType), CODES.receipt,
      k.col('t', GVA15.kind), CODES.debitKind,
      k.col('a', GVA07.amount), k.col('a', GVA07.amount),
    ],
  );
  return db
    .from(`${GVA07.table} as a`)
    .leftJoin(`${GVA15.table} as t`, function on() {
      this.on(k.eq(k.trimmed('t', GVA15.code), k.trimmed('a', GVA07.appliedType)));
    })
    .select(
      k.as(k.trimmed('a', GVA07.type), 'K_TYPE'),
      k.as(k.trimmed('a', GVA07.number), 'K_NUMBER'),
      k.as(k.col('a', GVA07.dueOn), 'K_DUE'),
      k.as(signed, 'APPLIED'),
    )
    .modify(keyAmong(k.trimmed('a', GVA07.number), customer, (c) => voucherNumbersOf(db, c)))
    .groupByRaw('?', [k.list(k.trimmed('a', GVA07.type), k.trimmed('a', GVA07.number), k.col('a', GVA07.dueOn))]);
}

/**
 * GVA12 as the per-customer aggregates read it (payment behaviour, money on
 * account, the KPI money flows): a derived table with one row per distinct
 * header over every GVA12 column cadencia reads, keys trimmed, under the
 * table's own column names. Winner rule for a header stored twice (a failed
 * import, a hand-made copy; issue 15): exact duplicates count once, so a
 * voucher's amount, its payments and its money on account are summed as if
 * the copy were not there. Two headers of one voucher that differ in any of
 * these columns are not exact duplicates and both count. Plain SELECT
 * DISTINCT, the same on SQLite and SQL Server. The open-installments read
 * keeps the raw join: there the copy is reported ("Cuota repetida") and
 * counted once by the cycle.
 *
 * `narrow` adds conditions (or joins) on `g` before the DISTINCT, for reads that
 * need few headers (a month of sales, the vouchers of a month's receipts):
 * filtering the rows of a distinct set is the same as taking the distinct set
 * of the filtered rows, as long as the conditions only read the distinct columns.
 */
export function distinctHeaders(db: Knex, narrow?: (q: Knex.QueryBuilder) => void): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${GVA12.table} as g`)
    .modify((q) => narrow?.(q))
    .distinct(
      k.as(k.trimmed('g', GVA12.type), GVA12.type),
      k.as(k.trimmed('g', GVA12.number), GVA12.number),
      k.as(k.trimmed('g', GVA12.customer), GVA12.customer),
      k.as(k.col('g', GVA12.issuedOn), GVA12.issuedOn),
      k.as(k.col('g', GVA12.amount), GVA12.amount),
      k.as(k.col('g', GVA12.status), GVA12.status),
    );
}

/**
 * (a) Installments of pending vouchers with what they still owe, ordered by
 * customer and due date. Rows the mapper must reject as bad data (no due date,
 * no amount, negative or absurd amount, empty customer) come through too so they can be
 * reported; everything else at or under the tolerance stays in the database.
 */
export function openInstallmentsQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const pending = db.raw('? + COALESCE(?, 0)', [k.col('v', GVA46.amount), k.col('p', 'APPLIED')]);
  const customer = k.trimmed('h', GVA12.customer);
  return db
    .from(`${GVA46.table} as v`)
    .join(`${GVA12.table} as h`, function on() {
      this.on(k.eq(k.trimmed('h', GVA12.type), k.trimmed('v', GVA46.type)))
        .andOn(k.eq(k.trimmed('h', GVA12.number), k.trimmed('v', GVA46.number)));
    })
    .leftJoin(applicationsPerInstallment(db, opts.customer).as('p'), function on() {
      this.on(k.eq(k.col('p', 'K_TYPE'), k.trimmed('v', GVA46.type)))
        .andOn(k.eq(k.col('p', 'K_NUMBER'), k.trimmed('v', GVA46.number)))
        .andOn(k.eq(k.col('p', 'K_DUE'), k.col('v', GVA46.dueOn)));
    })
    .select(
      k.as(customer, 'COD_CLIENT'),
      k.as(k.trimmed('v', GVA46.type), 'T_COMP'),
      k.as(k.trimmed('v', GVA46.number), 'N_COMP'),
      k.as(k.col('h', GVA12.issuedOn), 'FECHA_EMIS'),
      k.as(k.col('v', GVA46.dueOn), 'FECHA_VTO'),
      k.as(k.col('v', GVA46.amount), 'IMPORTE_VT'),
      k.as(pending, 'PENDIENTE'),
    )
    .where(`h.${GVA12.status}`, CODES.headerPending)
    .where((w) => w.whereNull(`v.${GVA46.status}`).orWhere(`v.${GVA46.status}`, '<>', CODES.installmentPaid))
    .where((w) =>
      w
        .where(pending, '>', opts.tolerance)
        .orWhereNull(`v.${GVA46.dueOn}`)
        .orWhere(`v.${GVA46.dueOn}`, '<', k.d.dateParam(FIRST_REAL_DATE))
        .orWhereNull(`v.${GVA46.amount}`)
        .orWhere(`v.${GVA46.amount}`, '<', 0)
        .orWhere(`v.${GVA46.amount}`, '>', ABSURD_AMOUNT)
        .orWhereNull(`h.${GVA12.customer}`)
        .orWhere(customer, '=', ''),
    )
    .modify(onlyCustomer(customer, opts.customer))
    .orderBy([
      { column: customer as unknown as string },
      { column: `v.${GVA46.dueOn}` },
      { column: k.trimmed('v', GVA46.type) as unknown as string },
      { column: k.trimmed('v', GVA46.number) as unknown as string },
    ]);
}

/** (b) Customers with contact data and seller; SELLER_FOUND tells an unknown seller code apart. */
export function customersQuery(db: Knex, customer?: string): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${GVA14.table} as c`)
    .leftJoin(`${GVA23.table} as s`, function on() {
      this.on(k.eq(k.trimmed('s', GVA23.code), k.trimmed('c', GVA14.seller)));
    })
    .select(
      k.as(k.trimmed('c', GVA14.code), 'COD_CLIENT'),
      k.as(k.col('c', GVA14.name), 'RAZON_SOCI'),
      k.as(k.col('c', GVA14.email), 'E_MAIL'),
      k.as(k.col('c', GVA14.phone), 'TELEFONO_1'),
      k.as(k.col('c', GVA14.mobile), 'TELEFONO_MOVIL'),
      k.as(k.trimmed('c', GVA14.seller), 'COD_VENDED'),
      k.as(k.col('s', GVA23.code), 'SELLER_FOUND'),
      k.as(k.col('c', GVA14.createdOn), 'FECHA_ALTA'),
      k.as(k.col('c', GVA14.inactiveSince), 'FECHA_INHA'),
      k.as(k.col('c', GVA14.creditLimit), 'CUPO_CREDI'),
      k.as(k.col('c', GVA14.balance), 'SALDO_CC'),
      k.as(k.col('c', GVA14.foreignCurrencyClause), 'CLAUSULA'),
    )
    .modify(onlyCustomer(k.trimmed('c', GVA14.code), customer))
    .orderBy(k.trimmed('c', GVA14.code) as unknown as string);
}

/** (c) Sellers. */
export function sellersQuery(db: Knex): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${GVA23.table} as s`)
    .select(
      k.as(k.trimmed('s', GVA23.code), 'COD_VENDED'),
      k.as(k.col('s', GVA23.name), 'NOMBRE_VEN'),
      k.as(k.col('s', GVA23.email), 'E_MAIL'),
    )
    .orderBy(k.trimmed('s', GVA23.code) as unknown as string);
}

/**
 * (d) Payment behaviour per customer over the look-back window: receipt
 * applications (date paid against due date, amount-weighted) and the amount
 * invoiced, one row per customer. Headers are read through distinctHeaders:
 * a header stored twice neither doubles its invoice nor its payments.
 */
export function paymentBehaviourQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(addDays(opts.asOf, -opts.lookBackDays));
  const to = k.d.dateParam(opts.asOf);
  const payments = db
    .from(`${GVA07.table} as a`)
    .join(distinctHeaders(db).as('h'), function on() {
      this.on(k.eq(k.trimmed('h', GVA12.type), k.trimmed('a', GVA07.type)))
        .andOn(k.eq(k.trimmed('h', GVA12.number), k.trimmed('a', GVA07.number)));
    })
    .select(...paymentColumns(db, k, {
      customer: k.trimmed('h', GVA12.customer), paid: k.col('a', GVA07.amount),
      dueOn: k.col('a', GVA07.dueOn), paidOn: k.col('a', GVA07.appliedOn),
    }))
    .where(k.trimmed('a', GVA07.appliedType), '=', CODES.receipt)
    .where(`a.${GVA07.appliedOn}`, '>=', from)
    .where(`a.${GVA07.appliedOn}`, '<=', to)
    .where(`a.${GVA07.dueOn}`, '>=', k.d.dateParam(FIRST_REAL_DATE))
    .modify(onlyCustomer(k.trimmed('h', GVA12.customer), opts.customer))
    .modify(keyAmong(k.trimmed('a', GVA07.number), opts.customer, (c) => voucherNumbersOf(db, c)));
  const invoices = db
    .from(distinctHeaders(db).as('f'))
    .select(...invoiceColumns(db, k, { customer: k.trimmed('f', GVA12.customer), amount: k.col('f', GVA12.amount) }))
    .where(k.trimmed('f', GVA12.type), '=', CODES.invoice)
    .where(`f.${GVA12.issuedOn}`, '>=', from)
    .where(`f.${GVA12.issuedOn}`, '<=', to)
    .where(`f.${GVA12.amount}`, '>=', 0)
    .where(`f.${GVA12.amount}`, '<=', ABSURD_AMOUNT)
    .modify(onlyCustomer(k.trimmed('f', GVA12.customer), opts.customer));
  return behaviourPerCustomer(db, k, payments, invoices, 'COD_CLIENT', opts.lateThresholdDays);
}

/**
 * (e) Money a customer sent that is not applied yet: receipts (and credit
 * notes) whose amount exceeds what they applied in GVA07, plus cheques in
 * portfolio (SBA14). Receipts and notes are read through distinctHeaders:
 * one stored twice counts once.
 */
export function unappliedMoneyQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const appliedPerVoucher = db
    .from(`${GVA07.table} as a`)
    .select(
      k.as(k.trimmed('a', GVA07.appliedType), 'K_TYPE'),
      k.as(k.trimmed('a', GVA07.appliedNumber), 'K_NUMBER'),
      k.as(db.raw('SUM(?)', [k.col('a', GVA07.amount)]), 'APPLIED'),
    )
    .modify(keyAmong(k.trimmed('a', GVA07.appliedNumber), opts.customer, (c) => voucherNumbersOf(db, c)))
    .groupByRaw('?', [k.list(k.trimmed('a', GVA07.appliedType), k.trimmed('a', GVA07.appliedNumber))]);
  const remainder = db.raw('? - COALESCE(?, 0)', [k.col('r', GVA12.amount), k.col('x', 'APPLIED')]);
  const onAccount = db
    .from(distinctHeaders(db).as('r'))
    .leftJoin(`${GVA15.table} as t`, function on() {
      this.on(k.eq(k.trimmed('t', GVA15.code), k.trimmed('r', GVA12.type)));
    })
    .leftJoin(appliedPerVoucher.as('x'), function on() {
      this.on(k.eq(k.col('x', 'K_TYPE'), k.trimmed('r', GVA12.type)))
        .andOn(k.eq(k.col('x', 'K_NUMBER'), k.trimmed('r', GVA12.number)));
    })
    .select(
      k.as(k.trimmed('r', GVA12.customer), 'CUST'),
      k.as(remainder, 'ON_ACCOUNT'),
      k.as(db.raw('0'), 'CHEQUES'),
    )
    .where((w) => w.where(k.trimmed('r', GVA12.type), '=', CODES.receipt).orWhere(`t.${GVA15.kind}`, CODES.creditKind))
    .where(remainder, '>', opts.tolerance)
    .modify(onlyCustomer(k.trimmed('r', GVA12.customer), opts.customer));
  const cheques = db
    .from(`${SBA14.table} as q`)
    .select(
      k.as(k.trimmed('q', SBA14.customer), 'CUST'),
      k.as(db.raw('0'), 'ON_ACCOUNT'),
      k.as(k.col('q', SBA14.amount), 'CHEQUES'),
    )
    .where(`q.${SBA14.status}`, CODES.chequeInPortfolio)
    .modify(onlyCustomer(k.trimmed('q', SBA14.customer), opts.customer));
  const u = (c: string): Raw => k.col('u', c);
  return db
    .from(onAccount.unionAll(cheques).as('u'))
    .select(
      k.as(u('CUST'), 'COD_CLIENT'),
      k.as(db.raw('SUM(?)', [u('ON_ACCOUNT')]), 'ON_ACCOUNT'),
      k.as(db.raw('SUM(?)', [u('CHEQUES')]), 'CHEQUES'),
    )
    .groupBy(u('CUST') as unknown as string)
    .orderBy(u('CUST') as unknown as string);
}
