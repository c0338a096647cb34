/**
 * Plain data of the collection KPIs: the groups a figure is broken down by,
 * the daily snapshot row stored in `${prefix}KPI_DIA`, money flows read from
 * the ERP, and ratios that keep their numerator and denominator.
 */
import type { Aging } from '../aging';
import type { IsoDate } from '../types';

/** How figures are broken down: the whole company, per seller, per risk tier. */
export type KpiDimension = 'total' | 'vendedor' | 'nivel';
export const KPI_DIMENSIONS: readonly KpiDimension[] = ['total', 'vendedor', 'nivel'];

/** One group of a dimension. `value` is '' for 'total', the seller code or the tier otherwise. */
export interface KpiGroup {
  dimension: KpiDimension;
  value: string;
}

/** Value used for customers without a seller or without a tier yet. */
export const NO_GROUP_VALUE = '-';

export const TOTAL_GROUP: KpiGroup = { dimension: 'total', value: '' };

export function groupKey(g: KpiGroup): string {
  return `${g.dimension}|${g.value}`;
}

/** Where each customer belongs: the groups its figures add to. */
export interface CustomerClassifier {
  sellerOf(customerCode: string): string | null;
  tierOf(customerCode: string): string | null;
}

/** total, vendedor:<seller>, nivel:<tier> for one customer. */
export function groupsOf(code: string, c: CustomerClassifier): KpiGroup[] {
  return [
    TOTAL_GROUP,
    { dimension: 'vendedor', value: c.sellerOf(code) || NO_GROUP_VALUE },
    { dimension: 'nivel', value: c.tierOf(code) || NO_GROUP_VALUE },
  ];
}

/** One row of `${prefix}KPI_DIA`: the receivables of one group at the end of one day. */
export interface KpiSnapshotRow {
  date: IsoDate;
  dimension: KpiDimension;
  value: string;
  /** Pending amounts per aging bucket and their total (the receivable balance). */
  aging: Aging;
  /** Everything past due (aging.total − aging.corriente). */
  overdue: number;
  /** Credit sales (invoices) issued that day and from the 1st of the month to that day. */
  invoicedDay: number;
  invoicedMonth: number;
  /** Receipts applied to installments that day and month to date. */
  collectedDay: number;
  collectedMonth: number;
  /** Customers with an open balance, and those with something overdue. */
  customers: number;
  overdueCustomers: number;
  /** Open installments counted. */
  installments: number;
}

/** Money that moved for one customer on one day, from the ERP: credit sales or receipts. */
export interface MoneyFlow {
  customerCode: string;
  on: IsoDate;
  kind: 'venta' | 'cobro';
  amount: number;
}

/** A closed date range, both ends included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** A rate that keeps what it was computed from; `rate` is null when the denominator is zero. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

export function inPeriod(d: IsoDate, p: Period): boolean {
  return d >= p.from && d <= p.to;
}
