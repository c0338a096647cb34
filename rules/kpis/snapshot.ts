/**
 * Builds the daily KPI snapshot rows (one per group: total, each seller, each
 * tier) from the open installments and the day's money flows. It accumulates
 * as it goes, so a cycle can feed a stream of installments without keeping
 * them, and it is pure: the caller passes `asOf` and the data.
 */
import { agingBucket, agingOf, type Aging } from '../aging';
import { daysBetween } from '../dates';
import { roundCents } from '../format';
import type { IsoDate, OpenInstallment } from '../types';
import {
  groupKey, groupsOf, type CustomerClassifier, type KpiGroup, type KpiSnapshotRow, type MoneyFlow,
} from './types';

interface Acc {
  group: KpiGroup;
  aging: Aging;
  invoicedDay: number;
  invoicedMonth: number;
  collectedDay: number;
  collectedMonth: number;
  customers: Set<string>;
  overdueCustomers: Set<string>;
  installments: number;
}

export interface SnapshotBuilder {
  addInstallment(i: OpenInstallment): void;
  addFlow(f: MoneyFlow): void;
  rows(): KpiSnapshotRow[];
}

/** First day of the month of `d`. */
export function monthStart(d: IsoDate): IsoDate {
  return `${d.slice(0, 7)}-01`;
}

/**
 * `tolerance`: installments at or under it are paid and ignored (the
 * connector already drops them; this keeps the builder safe on its own).
 */
export function createSnapshotBuilder(asOf: IsoDate, classifier: CustomerClassifier, tolerance = 0): SnapshotBuilder {
  const accs = new Map<string, Acc>();
  const monthFrom = monthStart(asOf);
  const accsOf = (code: string): Acc[] =>
    groupsOf(code, classifier).map((group) => {
      const key = groupKey(group);
      let acc = accs.get(key);
      if (!acc) {
        acc = {
          group, aging: agingOf([], asOf), invoicedDay: 0, invoicedMonth: 0, collectedDay: 0, collectedMonth: 0,
          customers: new Set(), overdueCustomers: new Set(), installments: 0,
        };
        accs.set(key, acc);
      }
      return acc;
    });

  return {
    addInstallment(i) {
      if (i.pending <= tolerance) return;
      const bucket = agingBucket(daysBetween(i.dueOn, asOf));
      for (const acc of accsOf(i.customerCode)) {
        acc.aging[bucket] = roundCents(acc.aging[bucket] + i.pending);
        acc.aging.total = roundCents(acc.aging.total + i.pending);
        acc.customers.add(i.customerCode);
        if (bucket !== 'corriente') acc.overdueCustomers.add(i.customerCode);
        acc.installments += 1;
      }
    },
    addFlow(f) {
      if (f.on > asOf || f.on < monthFrom) return;
      for (const acc of accsOf(f.customerCode)) {
        if (f.kind === 'venta') {
          acc.invoicedMonth = roundCents(acc.invoicedMonth + f.amount);
          if (f.on === asOf) acc.invoicedDay = roundCents(acc.invoicedDay + f.amount);
        } else {
          acc.collectedMonth = roundCents(acc.collectedMonth + f.amount);
          if (f.on === asOf) acc.collectedDay = roundCents(acc.collectedDay + f.amount);
        }
      }
    },
    rows() {
      if (accs.size === 0) accsOf(''); // an empty company still gets its 'total' row
      const out: KpiSnapshotRow[] = [];
      for (const acc of accs.values()) {
        if (acc.group.dimension !== 'total' && acc.customers.size === 0 && acc.invoicedMonth === 0 && acc.collectedMonth === 0) continue;
        out.push({
          date: asOf,
          dimension: acc.group.dimension,
          value: acc.group.value,
          aging: { ...acc.aging },
          overdue: roundCents(acc.aging.total - acc.aging.corriente),
          invoicedDay: acc.invoicedDay,
          invoicedMonth: acc.invoicedMonth,
          collectedDay: acc.collectedDay,
          collectedMonth: acc.collectedMonth,
          customers: acc.customers.size,
          overdueCustomers: acc.overdueCustomers.size,
          installments: acc.installments,
        });
      }
      return out.sort((a, b) => (groupKey(a) < groupKey(b) ? -1 : groupKey(a) > groupKey(b) ? 1 : 0));
    },
  };
}

/** The snapshot rows of one day from arrays (tests, small companies). */
export function snapshotRows(input: {
  asOf: IsoDate;
  installments: Iterable<OpenInstallment>;
  flows?: Iterable<MoneyFlow>;
  classifier: CustomerClassifier;
  tolerance?: number;
}): KpiSnapshotRow[] {
  const b = createSnapshotBuilder(input.asOf, input.classifier, input.tolerance ?? 0);
  for (const i of input.installments) b.addInstallment(i);
  for (const f of input.flows ?? []) b.addFlow(f);
  return b.rows();
}
