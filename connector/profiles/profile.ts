/**
 * What every ERP profile (Tango, Bejerman, SQL views) offers the cycle: a
 * handful of set-based reads that return the snapshot's plain data. Table and
 * column names live inside each profile; nothing outside it knows them.
 */
import type { Knex } from 'knex';
import type { Period } from '../../rules/kpis/types';
import type {
  Customer, IsoDate, OpenInstallment, PaymentBehaviour, Seller, UnappliedMoney,
} from '../../rules/types';
import type { ViewSources } from '../addon/views';

export interface ReadOptions {
  /** The day the cycle plans for; history and "overdue" are measured against it. */
  asOf: IsoDate;
  /** Days of payment history to read for tiering. */
  lookBackDays: number;
  /** A payment more than this many days late counts as late. */
  lateThresholdDays: number;
  /** At or under this, a pending amount counts as paid. */
  tolerance: number;
  /**
   * Read only this customer (its code as the profile returns it, trimmed):
   * the web page of one customer. Absent: every customer.
   */
  customer?: string;
}

/** A row the profile could not use: skipped, counted and reported, never fatal. */
export interface RowIssue {
  /** ERP table (or view) the row came from. */
  table: string;
  /** The row's key as staff would look it up, e.g. 'FAC 0001-00001234 vto 2026-03-10'. */
  key: string;
  /** What is wrong, in Spanish. */
  problem: string;
}

export type IssueSink = (issue: RowIssue) => void;

/** A statement as it would be sent, for review (snapshot tests, `db sql`, sql/ docs). */
export interface StatementPreview {
  name: string;
  sql: string;
  bindings: readonly unknown[];
}

/**
 * What the add-on objects (views, grants, KPI flows) need from the ERP: each
 * profile names its own tables, so a Bejerman or views database never gets an
 * object that joins Tango's tables.
 */
export interface ProfileAddon {
  /** ERP tables (or views) and columns the add-on's report views join to. */
  readonly views: ViewSources;
  /** Every ERP table or view the service reads: the permission script grants SELECT on these only. */
  readonly readTables: readonly string[];
  /**
   * The money that moved per customer and day (KPIs): one SELECT with the
   * columns COD_CLIENT, FECHA, TIPO ('venta' | 'cobro') and IMPORTE.
   */
  moneyFlows(db: Knex, period: Period): Knex.QueryBuilder;
}

export interface ErpProfile {
  readonly name: string;
  /** The ERP names behind the add-on's views, grants and KPI flows. */
  readonly addon: ProfileAddon;
  sellers(db: Knex, onIssue: IssueSink): Promise<Seller[]>;
  /** Every customer, or only the one with this code (`customer`, trimmed). */
  customers(db: Knex, onIssue: IssueSink, customer?: string): AsyncIterable<Customer>;
  /** Open installments, ordered by customer code, then due date. */
  openInstallments(db: Knex, opts: ReadOptions, onIssue: IssueSink): AsyncIterable<OpenInstallment>;
  paymentBehaviour(db: Knex, opts: ReadOptions, onIssue: IssueSink): AsyncIterable<PaymentBehaviour>;
  unappliedMoney(db: Knex, opts: ReadOptions, onIssue: IssueSink): AsyncIterable<UnappliedMoney>;
  /** The statements the reads send, compiled for the given knex (use mssqlCompiler() for T-SQL). */
  statements(db: Knex, opts: ReadOptions): StatementPreview[];
}
