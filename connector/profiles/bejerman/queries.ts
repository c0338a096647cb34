/**
 * The Bejerman reads as knex query builders: one SELECT each, set-based, every
 * value a bound parameter. CabVenta keeps a running balance per installment,
 * so no applications have to be summed: pending is cve_SaldoMonLoc.
 *
 * Payment history is an approximation (Bejerman's applications are not read):
 * an invoice or debit-note installment whose balance reached zero counts as
 * one payment of its original amount on cve_FecMod, the row's last change.
 * Partial payments of installments still open are not counted, and a later
 * edit of a paid row moves its payment date.
 *
 * Locking: single SELECTs under READ COMMITTED, consumed as they stream (see
 * the Tango profile's notes; READ_COMMITTED_SNAPSHOT is recommended).
 */
import type { Knex } from 'knex';
import { addDays } from '../../dialect/dates';
import { sqlKit } from '../../dialect/sql-kit';
import { behaviourPerCustomer, invoiceColumns, paymentColumns } from '../payment-behaviour-sql';
import { onlyCustomer } from '../customer-filter';
import type { ReadOptions } from '../profile';
import { ABSURD_AMOUNT, CABVENTA as CV, CLIENTES, CODES, FIRST_REAL_DATE, TIPCOMP, VENDEDOR } from './schema';

/**
 * CabVenta as the per-customer aggregates read it (payment behaviour, money on
 * account, the KPI money flows): a derived table with one row per distinct
 * row over every CabVenta column those reads use, keys trimmed, under the
 * table's own column names. Winner rule for a row stored twice (a failed
 * import, a hand-made copy; issue 15): exact duplicates count once, so
 * amounts and counts are those without the copy. Rows that differ in any of
 * these columns (another installment number, balance or date) all count.
 * Plain SELECT DISTINCT, the same on SQLite and SQL Server.
 */
export function distinctSales(db: Knex): Knex.QueryBuilder {
  const k = sqlKit(db);
  const trimmed = [CV.type, CV.letter, CV.pointOfSale, CV.number, CV.customer];
  const raw = [CV.circuit, CV.installment, CV.issuedOn, CV.dueOn, CV.amount, CV.balance, CV.voided, CV.modifiedOn];
  return db
    .from(`${CV.table} as g`)
    .distinct(
      ...trimmed.map((c) => k.as(k.trimmed('g', c), c)),
      ...raw.map((c) => k.as(k.col('g', c), c)),
    );
}

/**
 * CabVenta `c` joined to its voucher type `t` (same code and circuit), without
 * voided rows. `rows: 'distinct'` reads CabVenta through distinctSales (the
 * aggregates); the open installments read every row, so a copy is reported
 * ("Cuota repetida") and counted once by the cycle.
 */
export function salesRows(db: Knex, kinds: readonly string[], rows: 'all' | 'distinct' = 'all'): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(rows === 'distinct' ? distinctSales(db).as('c') : `${CV.table} as c`)
    .join(`${TIPCOMP.table} as t`, function on() {
      this.on(k.eq(k.trimmed('t', TIPCOMP.code), k.trimmed('c', CV.type)))
        .andOn(k.eq(k.col('t', TIPCOMP.circuit), k.col('c', CV.circuit)));
    })
    .whereIn(`t.${TIPCOMP.kind}`, [...kinds])
    .where((w) => w.whereNull(`c.${CV.voided}`).orWhere(`c.${CV.voided}`, '<>', CODES.voided));
}

/**
 * (a) Open installments of invoices and debit notes with their balance,
 * ordered by customer and due date; rows the mapper must reject as bad data
 * come through too so they can be reported.
 */
export function openInstallmentsQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const customer = k.trimmed('c', CV.customer);
  return salesRows(db, CODES.debtKinds)
    .select(
      k.as(customer, 'CLIENTE'),
      k.as(k.trimmed('c', CV.type), 'TIPO'),
      k.as(k.trimmed('c', CV.letter), 'LETRA'),
      k.as(k.trimmed('c', CV.pointOfSale), 'PUNTO_VENTA'),
      k.as(k.trimmed('c', CV.number), 'NUMERO'),
      k.as(k.col('c', CV.installment), 'CUOTA'),
      k.as(k.col('c', CV.issuedOn), 'FECHA_EMISION'),
      k.as(k.col('c', CV.dueOn), 'FECHA_VTO'),
      k.as(k.col('c', CV.amount), 'IMPORTE'),
      k.as(k.col('c', CV.balance), 'SALDO'),
    )
    .where((w) =>
      w
        .where(`c.${CV.balance}`, '>', opts.tolerance)
        .orWhereNull(`c.${CV.dueOn}`)
        .orWhere(`c.${CV.dueOn}`, '<', k.d.dateParam(FIRST_REAL_DATE))
        .orWhereNull(`c.${CV.amount}`)
        .orWhere(`c.${CV.amount}`, '<', 0)
        .orWhere(`c.${CV.amount}`, '>', ABSURD_AMOUNT)
        .orWhereNull(`c.${CV.customer}`)
        .orWhere(customer, '=', ''),
    )
    .modify(onlyCustomer(customer, opts.customer))
    .orderBy([
      { column: customer as unknown as string },
      { column: `c.${CV.dueOn}` },
      { column: k.trimmed('c', CV.type) as unknown as string },
      { column: k.trimmed('c', CV.number) as unknown as string },
      { column: `c.${CV.installment}` },
    ]);
}

/**
 * (b) Customers with contact data and seller; SELLER_FOUND tells an unknown
 * seller code apart, CLAUSULA is set when an open voucher carries the
 * foreign-currency clause (Bejerman keeps it per voucher).
 */
export function customersQuery(db: Knex, customer?: string): Knex.QueryBuilder {
  const k = sqlKit(db);
  const clause = db
    .from(`${CV.table} as q`)
    .select(
      k.as(k.trimmed('q', CV.customer), 'K_CUST'),
      k.as(db.raw('MAX(CASE WHEN ? = 1 THEN 1 ELSE 0 END)', [k.col('q', CV.foreignCurrencyClause)]), 'CLAUSULA'),
    )
    .where(`q.${CV.balance}`, '>', 0)
    .where((w) => w.whereNull(`q.${CV.voided}`).orWhere(`q.${CV.voided}`, '<>', CODES.voided))
    .modify(onlyCustomer(k.trimmed('q', CV.customer), customer))
    .groupBy(k.trimmed('q', CV.customer) as unknown as string);
  return db
    .from(`${CLIENTES.table} as c`)
    .leftJoin(`${VENDEDOR.table} as s`, function on() {
      this.on(k.eq(k.trimmed('s', VENDEDOR.code), k.trimmed('c', CLIENTES.seller)));
    })
    .leftJoin(clause.as('x'), function on() {
      this.on(k.eq(k.col('x', 'K_CUST'), k.trimmed('c', CLIENTES.code)));
    })
    .select(
      k.as(k.trimmed('c', CLIENTES.code), 'CODIGO'),
      k.as(k.col('c', CLIENTES.name), 'NOMBRE'),
      k.as(k.col('c', CLIENTES.email), 'EMAIL'),
      k.as(k.col('c', CLIENTES.phone), 'TELEFONO'),
      k.as(k.col('c', CLIENTES.mobile), 'CELULAR'),
      k.as(k.trimmed('c', CLIENTES.seller), 'VENDEDOR'),
      k.as(k.col('s', VENDEDOR.code), 'SELLER_FOUND'),
      k.as(k.col('c', CLIENTES.createdOn), 'FECHA_ALTA'),
      k.as(k.col('c', CLIENTES.modifiedOn), 'FECHA_MOD'),
      k.as(k.col('c', CLIENTES.enabled), 'HABILITADO'),
      k.as(k.col('c', CLIENTES.creditLimit), 'LIMITE_CREDITO'),
      k.as(k.col('x', 'CLAUSULA'), 'CLAUSULA'),
    )
    .modify(onlyCustomer(k.trimmed('c', CLIENTES.code), customer))
    .orderBy(k.trimmed('c', CLIENTES.code) as unknown as string);
}

/** (c) Sellers. */
export function sellersQuery(db: Knex): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${VENDEDOR.table} as s`)
    .select(
      k.as(k.trimmed('s', VENDEDOR.code), 'CODIGO'),
      k.as(k.col('s', VENDEDOR.name), 'NOMBRE'),
      k.as(k.col('s', VENDEDOR.email), 'EMAIL'),
    )
    .orderBy(k.trimmed('s', VENDEDOR.code) as unknown as string);
}

/**
 * (d) Payment behaviour per customer over the look-back window: installments
 * paid off (balance at or under the tolerance), dated by cve_FecMod, and the
 * amount invoiced, one row per customer.
 */
export function paymentBehaviourQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(addDays(opts.asOf, -opts.lookBackDays));
  const to = k.d.dateParam(opts.asOf);
  const payments = salesRows(db, CODES.debtKinds, 'distinct')
    .select(...paymentColumns(db, k, {
      customer: k.trimmed('c', CV.customer), paid: k.col('c', CV.amount),
      dueOn: k.col('c', CV.dueOn), paidOn: k.col('c', CV.modifiedOn),
    }))
    .where(`c.${CV.balance}`, '<=', opts.tolerance)
    .where(`c.${CV.amount}`, '>', opts.tolerance)
    .where(`c.${CV.amount}`, '<=', ABSURD_AMOUNT)
    .where(`c.${CV.modifiedOn}`, '>=', from)
    // cve_FecMod carries the time of day: the whole cut-off day counts.
    .where(`c.${CV.modifiedOn}`, '<', k.d.dateParam(addDays(opts.asOf, 1)))
    .where(`c.${CV.dueOn}`, '>=', k.d.dateParam(FIRST_REAL_DATE))
    .modify(onlyCustomer(k.trimmed('c', CV.customer), opts.customer));
  const invoices = salesRows(db, [CODES.invoiceKind], 'distinct')
    .select(...invoiceColumns(db, k, { customer: k.trimmed('c', CV.customer), amount: k.col('c', CV.amount) }))
    .where(`c.${CV.issuedOn}`, '>=', from)
    .where(`c.${CV.issuedOn}`, '<=', to)
    .where(`c.${CV.amount}`, '>=', 0)
    .where(`c.${CV.amount}`, '<=', ABSURD_AMOUNT)
    .modify(onlyCustomer(k.trimmed('c', CV.customer), opts.customer));
  return behaviourPerCustomer(db, k, payments, invoices, 'CLIENTE', opts.lateThresholdDays);
}

/**
 * (e) Money on account: receipts and credit notes with a balance left. Their
 * sign convention varies between installations, so the balance is read with
 * ABS(). Cheques in portfolio live in Bejerman's treasury module, which this
 * profile does not read (reported as 0).
 */
export function unappliedMoneyQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const left = db.raw('ABS(?)', [k.col('c', CV.balance)]);
  return salesRows(db, CODES.creditKinds, 'distinct')
    .select(
      k.as(k.trimmed('c', CV.customer), 'CLIENTE'),
      k.as(db.raw('SUM(?)', [left]), 'ON_ACCOUNT'),
      k.as(db.raw('0'), 'CHEQUES'),
    )
    .where(left, '>', opts.tolerance)
    .modify(onlyCustomer(k.trimmed('c', CV.customer), opts.customer))
    .groupBy(k.trimmed('c', CV.customer) as unknown as string)
    .orderBy(k.trimmed('c', CV.customer) as unknown as string);
}
