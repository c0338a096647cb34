/**
 * One demo customer's vouchers over time, as Bejerman records them: a
 * CabVenta row per installment carrying its running balance, credit notes
 * and receipts as their own rows (whatever is left on account stays in their
 * balance, negative), voided invoices, and the ground truth of what each
 * installment still owes (DEMO_VERDAD).
 */
import { debitNoteChance, leavesMoneyOnAccount, paymentPlan, type Behaviour } from '../demo-erp/behaviours';
import type { Random } from '../demo-erp/random';
import { cents, isoOfDay } from '../demo-erp/tango-format';
import { bejermanDay, bejermanStamp, shownNumber, voucherId, type VoucherId } from './bejerman-format';
import type { Sinks } from './sinks';

export const HISTORY_DAYS = 540;
const PAID_EPSILON = 0.005;

export interface Counters {
  invoice: number;
  creditNote: number;
  debitNote: number;
  receipt: number;
}

export interface HistoryContext {
  r: Random;
  asOf: number;
  sinks: Sinks;
  counters: Counters;
}

export interface CustomerSpec {
  code: string;
  /** How CabVenta stores the code (sometimes space-padded). */
  storedCode: () => string;
  behaviour: Behaviour;
  sellerCode: string;
  createdOn: number;
  inactiveSince: number | null;
  quota: number;
  foreignCurrency: boolean;
  forceAdvance: boolean;
}

export interface HistoryResult {
  installments: number;
  onAccount: number;
}

interface Debt {
  type: 'FC' | 'ND';
  id: VoucherId;
  part: number;
  issue: number;
  due: number;
  base: number;
}

export function writeCustomerHistory(ctx: HistoryContext, c: CustomerSpec): HistoryResult {
  const { r, asOf, sinks, counters } = ctx;
  const start =
    c.behaviour === 'nunca_paga' ? Math.max(c.createdOn, asOf - 200) : Math.max(c.createdOn, asOf - HISTORY_DAYS);
  const end = Math.max(start, (c.inactiveSince ?? asOf) - 1);
  const clause = c.foreignCurrency ? 1 : 0;
  const payments = new Map<number, number>(); // day → amount paid that day
  let onAccount = 0;
  let installments = 0;

  const row = (
    type: string, id: VoucherId, part: number, issue: number, due: number | null, amount: number, balance: number,
    modified: number, voided = 0,
  ): void => {
    sinks.cabventa.add([
      'V', type, id.letter, id.pointOfSale, id.number, part, c.storedCode(), bejermanDay(issue),
      due === null ? null : bejermanDay(due), amount, balance, c.sellerCode, voided, bejermanStamp(modified, r.int(480, 719)),
      type === 'FC' || type === 'ND' ? clause : 0,
    ]);
  };

  const settle = (d: Debt, creditNote: { day: number; amount: number } | null): void => {
    const events: { day: number; amount: number; kind: 'nc' | 'pay' }[] = [];
    if (creditNote && creditNote.day <= asOf) events.push({ day: creditNote.day, amount: creditNote.amount, kind: 'nc' });
    let owed = d.base - (creditNote && creditNote.day <= asOf ? creditNote.amount : 0);
    let paid = 0;
    for (const p of paymentPlan(c.behaviour, r)) {
      const day = Math.max(d.issue, d.due + p.delay);
      if (day > asOf) break;
      const due = cents(d.base - (creditNote && creditNote.day <= day ? creditNote.amount : 0) - paid);
      const amount = cents(due * p.fraction * p.over);
      if (amount <= 0) continue;
      paid = cents(paid + amount);
      events.push({ day, amount, kind: 'pay' });
      payments.set(day, cents((payments.get(day) ?? 0) + amount));
    }
    owed = cents(owed - paid);
    // Bejerman's balance never goes below zero: an over-payment stays on account in the receipt.
    const balance = Math.max(0, owed);
    if (owed < 0) onAccount = cents(onAccount - owed);
    const lastChange = events.reduce((m, e) => Math.max(m, e.day), d.issue);
    const isPaid = balance <= PAID_EPSILON;
    row(d.type, d.id, d.part, d.issue, d.due, d.base, balance, lastChange);
    sinks.verdad.add([
      d.type, shownNumber(d.id), isoOfDay(d.due), c.code, d.base, balance, isoOfDay(d.issue),
      isPaid ? isoOfDay(lastChange) : null,
    ]);
    installments += 1;
  };

  for (let made = 0; made < c.quota; ) {
    const parts = Math.min(c.quota - made, r.weighted([[1, 5], [2, 3], [3, 2]] as const));
    const issue = r.int(start, end);
    const id = voucherId('A', 1, ++counters.invoice);
    const total = r.amount(15_000, 2_500_000);
    let left = total;
    for (let j = 1; j <= parts; j++) {
      const base = j === parts ? cents(left) : cents(total / parts);
      left = cents(left - base);
      const due = parts === 1 ? issue + r.pick([0, 15, 30, 30, 60]) : issue + 30 * j;
      let creditNote: { day: number; amount: number } | null = null;
      if (r.chance(0.04)) {
        creditNote = { day: issue + r.int(3, 20), amount: cents(base * r.between(0.05, 0.3)) };
        if (creditNote.day <= asOf) {
          const nc = voucherId('A', 1, ++counters.creditNote);
          row('NC', nc, 1, creditNote.day, creditNote.day, -creditNote.amount, 0, creditNote.day);
        }
      }
      settle({ type: 'FC', id, part: j, issue, due, base }, creditNote);
      if (due + 10 <= asOf && r.chance(debitNoteChance(c.behaviour))) {
        const ndIssue = due + r.int(10, 40);
        if (ndIssue <= asOf) {
          const nd = voucherId('A', 1, ++counters.debitNote);
          settle({ type: 'ND', id: nd, part: 1, issue: ndIssue, due: ndIssue + 10, base: cents(base * r.between(0.01, 0.05)) }, null);
        }
      }
      made += 1;
    }
    // A voided invoice keeps its balance in CabVenta: only cve_Anulado tells it apart.
    if (r.chance(0.04)) {
      const voided = voucherId('A', 1, ++counters.invoice);
      const amount = r.amount(10_000, 500_000);
      row('FC', voided, 1, issue, issue + 30, amount, amount, issue + 1, 1);
    }
  }

  // Receipts: one per payment day; an advance or rounding up stays on account (negative balance).
  const mayLeaveExtra = leavesMoneyOnAccount(c.behaviour);
  const receipt = (day: number, applied: number, extra: number): void => {
    const id = voucherId('X', 2, ++counters.receipt);
    const left = cents(extra);
    row('RC', id, 1, day, day, -cents(applied + extra), -left, day);
  };
  let overpaid = onAccount; // over-payments already counted: put them in the receipts' balance
  for (const day of [...payments.keys()].sort((a, b) => a - b)) {
    const extra = mayLeaveExtra && r.chance(0.04) ? r.amount(5_000, 80_000) : 0;
    const fromOver = overpaid > 0 ? overpaid : 0;
    overpaid = 0;
    onAccount = cents(onAccount + extra);
    receipt(day, cents((payments.get(day) ?? 0) - fromOver), cents(extra + fromOver));
  }
  if (overpaid > 0) receipt(asOf - 1, 0, overpaid);
  if (mayLeaveExtra && (c.forceAdvance || r.chance(0.15))) {
    const extra = r.amount(10_000, 150_000);
    onAccount = cents(onAccount + extra);
    receipt(asOf - r.int(1, 10), 0, extra);
  }
  return { installments, onAccount };
}
