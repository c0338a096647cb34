/**
 * Every SQL profile has the same shape: five set-based SELECTs (what differs
 * per ERP: tables, columns, pending-amount semantics) streamed through five row
 * mappers (what a row means, and which rows are bad). This assembles a profile
 * from those ten pieces, so a profile folder holds only what is its own.
 */
import type { Knex } from 'knex';
import type { Customer, OpenInstallment, PaymentBehaviour, Seller, UnappliedMoney } from '../../rules/types';
import type { ErpProfile, IssueSink, ProfileAddon, ReadOptions, StatementPreview } from './profile';

export type Row = Record<string, unknown>;

export interface ProfileQueries {
  sellers(db: Knex): Knex.QueryBuilder;
  customers(db: Knex, customer?: string): Knex.QueryBuilder;
  openInstallments(db: Knex, opts: ReadOptions): Knex.QueryBuilder;
  paymentBehaviour(db: Knex, opts: ReadOptions): Knex.QueryBuilder;
  unappliedMoney(db: Knex, opts: ReadOptions): Knex.QueryBuilder;
}

/** Row mappers: null skips a row (after reporting it through onIssue when it is bad). */
export interface ProfileRows {
  seller(row: Row): Seller;
  customer(row: Row, onIssue: IssueSink): Customer | null;
  openInstallment(row: Row, tolerance: number, onIssue: IssueSink): OpenInstallment | null;
  paymentBehaviour(row: Row, onIssue: IssueSink): PaymentBehaviour | null;
  unappliedMoney(row: Row, tolerance: number, onIssue: IssueSink): UnappliedMoney | null;
}

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

export function queryProfile(name: string, q: ProfileQueries, rows: ProfileRows, addon: ProfileAddon): ErpProfile {
  return {
    name,
    addon,
    async sellers(db) {
      return ((await q.sellers(db)) as Row[]).map(rows.seller).filter((s) => s.code !== '');
    },
    customers: (db, onIssue, customer) => mapStream(q.customers(db, customer), (row) => rows.customer(row, onIssue)),
    openInstallments: (db, opts, onIssue) =>
      mapStream(q.openInstallments(db, opts), (row) => rows.openInstallment(row, opts.tolerance, onIssue)),
    paymentBehaviour: (db, opts, onIssue) =>
      mapStream(q.paymentBehaviour(db, opts), (row) => rows.paymentBehaviour(row, onIssue)),
    unappliedMoney: (db, opts, onIssue) =>
      mapStream(q.unappliedMoney(db, opts), (row) => rows.unappliedMoney(row, opts.tolerance, onIssue)),
    statements: (db, opts) => [
      preview('vendedores', q.sellers(db)),
      preview('clientes', q.customers(db, opts.customer)),
      preview('cuotas_pendientes', q.openInstallments(db, opts)),
      preview('comportamiento_pago', q.paymentBehaviour(db, opts)),
      preview('dinero_sin_aplicar', q.unappliedMoney(db, opts)),
    ],
  };
}
