/**
 * The reads over the CADENCIA_* views: one SELECT each, set-based, every
 * value a bound parameter; payment history is aggregated in SQL.
 */
import type { Knex } from 'knex';
import { addDays } from '../../dialect/dates';
import { sqlKit } from '../../dialect/sql-kit';
import { behaviourPerCustomer, invoiceColumns, paymentColumns } from '../payment-behaviour-sql';
import { onlyCustomer } from '../customer-filter';
import type { ReadOptions } from '../profile';
import { ABSURD_AMOUNT, CLIENTES, CUOTAS, FIRST_REAL_DATE, PAGOS, SIN_APLICAR, VENDEDORES } from './schema';

/** (a) Installments still owing (plus rows to report as bad data), by customer and due date. */
export function openInstallmentsQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const customer = k.trimmed('q', 'CLIENTE');
  return db
    .from(`${CUOTAS.name} as q`)
    .select(
      k.as(customer, 'CLIENTE'),
      k.as(k.trimmed('q', 'TIPO'), 'TIPO'),
      k.as(k.trimmed('q', 'NUMERO'), 'NUMERO'),
      k.as(k.col('q', 'FECHA_EMISION'), 'FECHA_EMISION'),
      k.as(k.col('q', 'FECHA_VTO'), 'FECHA_VTO'),
      k.as(k.col('q', 'IMPORTE'), 'IMPORTE'),
      k.as(k.col('q', 'PENDIENTE'), 'PENDIENTE'),
    )
    .where((w) =>
      w
        .where('q.PENDIENTE', '>', opts.tolerance)
        .orWhereNull('q.FECHA_VTO')
        .orWhere('q.FECHA_VTO', '<', k.d.dateParam(FIRST_REAL_DATE))
        .orWhereNull('q.IMPORTE')
        .orWhere('q.IMPORTE', '<', 0)
        .orWhere('q.IMPORTE', '>', ABSURD_AMOUNT)
        .orWhereNull('q.CLIENTE')
        .orWhere(customer, '=', ''),
    )
    .modify(onlyCustomer(customer, opts.customer))
    .orderBy([
      { column: customer as unknown as string },
      { column: 'q.FECHA_VTO' },
      { column: k.trimmed('q', 'TIPO') as unknown as string },
      { column: k.trimmed('q', 'NUMERO') as unknown as string },
    ]);
}

/** (b) Customers; SELLER_FOUND tells an unknown seller code apart. */
export function customersQuery(db: Knex, customer?: string): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${CLIENTES.name} as c`)
    .leftJoin(`${VENDEDORES.name} as s`, function on() {
      this.on(db.raw('? = ?', [k.trimmed('s', 'CODIGO'), k.trimmed('c', 'VENDEDOR')]));
    })
    .select(
      k.as(k.trimmed('c', 'CODIGO'), 'CODIGO'),
      k.as(k.col('c', 'NOMBRE'), 'NOMBRE'),
      k.as(k.col('c', 'EMAIL'), 'EMAIL'),
      k.as(k.col('c', 'TELEFONO'), 'TELEFONO'),
      k.as(k.col('c', 'CELULAR'), 'CELULAR'),
      k.as(k.trimmed('c', 'VENDEDOR'), 'VENDEDOR'),
      k.as(k.col('s', 'CODIGO'), 'SELLER_FOUND'),
      k.as(k.col('c', 'FECHA_ALTA'), 'FECHA_ALTA'),
      k.as(k.col('c', 'INACTIVO_DESDE'), 'INACTIVO_DESDE'),
      k.as(k.col('c', 'LIMITE_CREDITO'), 'LIMITE_CREDITO'),
      k.as(k.col('c', 'MONEDA_EXTRANJERA'), 'MONEDA_EXTRANJERA'),
    )
    .modify(onlyCustomer(k.trimmed('c', 'CODIGO'), customer))
    .orderBy(k.trimmed('c', 'CODIGO') as unknown as string);
}

/** (c) Sellers. */
export function sellersQuery(db: Knex): Knex.QueryBuilder {
  const k = sqlKit(db);
  return db
    .from(`${VENDEDORES.name} as s`)
    .select(k.as(k.trimmed('s', 'CODIGO'), 'CODIGO'), k.as(k.col('s', 'NOMBRE'), 'NOMBRE'), k.as(k.col('s', 'EMAIL'), 'EMAIL'))
    .orderBy(k.trimmed('s', 'CODIGO') as unknown as string);
}

/**
 * (d) Payment behaviour per customer over the look-back window: payments from
 * CADENCIA_PAGOS (date paid against due date, amount-weighted) and the amount
 * of the installments in CADENCIA_CUOTAS issued in the window, one row per customer.
 */
export function paymentBehaviourQuery(db: Knex, opts: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const from = k.d.dateParam(addDays(opts.asOf, -opts.lookBackDays));
  const to = k.d.dateParam(opts.asOf);
  const payments = db
    .from(`${PAGOS.name} as p`)
    .select(...paymentColumns(db, k, {
      customer: k.trimmed('p', 'CLIENTE'), paid: k.col('p', 'IMPORTE'),
      dueOn: k.col('p', 'FECHA_VTO'), paidOn: k.col('p', 'FECHA_PAGO'),
    }))
    .where('p.FECHA_PAGO', '>=', from)
    .where('p.FECHA_PAGO', '<', k.d.dateParam(addDays(opts.asOf, 1)))
    .where('p.FECHA_VTO', '>=', k.d.dateParam(FIRST_REAL_DATE))
    .modify(onlyCustomer(k.trimmed('p', 'CLIENTE'), opts.customer));
  // An installment row the view repeats (a header joined twice) counts once:
  // CADENCIA_CUOTAS is read through SELECT DISTINCT over all its columns, keys
  // trimmed. CADENCIA_PAGOS carries no voucher key (two equal payments on one
  // day are two payments), so the view itself must not repeat rows.
  const distinctInstallments = db
    .from(`${CUOTAS.name} as g`)
    .distinct(
      ...(['CLIENTE', 'TIPO', 'NUMERO'] as const).map((c) => k.as(k.trimmed('g', c), c)),
      ...(['FECHA_EMISION', 'FECHA_VTO', 'IMPORTE', 'PENDIENTE'] as const).map((c) => k.as(k.col('g', c), c)),
    );
  const invoiced = db
    .from(distinctInstallments.as('f'))
    .select(...invoiceColumns(db, k, { customer: k.trimmed('f', 'CLIENTE'), amount: k.col('f', 'IMPORTE') }))
    .where('f.FECHA_EMISION', '>=', from)
    .where('f.FECHA_EMISION', '<=', to)
    .where('f.IMPORTE', '>=', 0)
    .where('f.IMPORTE', '<=', ABSURD_AMOUNT)
    .modify(onlyCustomer(k.trimmed('f', 'CLIENTE'), opts.customer));
  return behaviourPerCustomer(db, k, payments, invoiced, 'CLIENTE', opts.lateThresholdDays);
}

/** (e) Money on account and cheques in portfolio, summed per customer. */
export function unappliedMoneyQuery(db: Knex, opts?: ReadOptions): Knex.QueryBuilder {
  const k = sqlKit(db);
  const customer = k.trimmed('m', 'CLIENTE');
  return db
    .from(`${SIN_APLICAR.name} as m`)
    .select(
      k.as(customer, 'CLIENTE'),
      k.as(db.raw('SUM(COALESCE(?, 0))', [k.col('m', 'A_CUENTA')]), 'ON_ACCOUNT'),
      k.as(db.raw('SUM(COALESCE(?, 0))', [k.col('m', 'CHEQUES')]), 'CHEQUES'),
    )
    .modify(onlyCustomer(customer, opts?.customer))
    .groupBy(customer as unknown as string)
    .orderBy(customer as unknown as string);
}
