/**
 * One demo customer's vouchers over time, as Tango records them: invoices in
 * installments (GVA12 + GVA46), credit and debit notes and receipts applied to
 * installments (GVA07), cheques (SBA14), and the ground truth of what each
 * installment still owes as of the cut-off date (DEMO_VERDAD).
 */
import { debitNoteChance, leavesMoneyOnAccount, paymentPlan, type Behaviour } from './behaviours';
import type { Random } from './random';
import type { Sinks } from './sinks';
import { cents, isoOfDay, padded, tangoDay, voucherNumber } from './tango-format';

/** Days of history before the cut-off date. */
export const HISTORY_DAYS = 540;
const PAID_EPSILON = 0.005;

export interface Counters {
  invoice: number;
  creditNote: number;
  debitNote: number;
  receipt: number;
  cheque: number;
}

export interface HistoryContext {
  r: Random;
  asOf: number;
  sinks: Sinks;
  counters: Counters;
}

export interface CustomerSpec {
  code: string;
  /** How vouchers store the code (sometimes space-padded). */
  voucherCode: () => string;
  behaviour: Behaviour;
  sellerCode: string;
  createdOn: number;
  inactiveSince: number | null;
  quota: number;
  foreignCurrency: boolean;
  /** Force one advance payment on account (so small demos always have one). */
  forceAdvance: boolean;
}

export interface HistoryResult {
  installments: number;
  balance: number;
  onAccount: number;
  chequesInPortfolio: number;
}

interface PaymentEvent {
  day: number;
  number: string;
  due: number;
  amount: number;
}

/** Sometimes stores a voucher number left-padded to 14 characters. */
function maybePadded(r: Random, number: string): string {
  return r.chance(0.05) ? padded(number, 14) : number;
}

export function writeCustomerHistory(ctx: HistoryContext, c: CustomerSpec): HistoryResult {
  const { r, asOf, sinks, counters } = ctx;
  const start =
    c.behaviour === 'nunca_paga' ? Math.max(c.createdOn, asOf - 200) : Math.max(c.createdOn, asOf - HISTORY_DAYS);
  const end = Math.max(start, (c.inactiveSince ?? asOf) - 1);

  const invoices: { issue: number; parts: number }[] = [];
  for (let made = 0; made < c.quota; ) {
    const parts = Math.min(c.quota - made, r.weighted([[1, 5], [2, 3], [3, 2]] as const));
    invoices.push({ issue: r.int(start, end), parts });
    made += parts;
  }
  invoices.sort((a, b) => a.issue - b.issue);

  const payments: PaymentEvent[] = [];
  let installments = 0;
  let balance = 0;
  const cotiz = c.foreignCurrency ? r.amount(800, 1500) : 1;

  for (const inv of invoices) {
    const number = voucherNumber('A', 1, ++counters.invoice);
    const total = r.amount(15_000, 2_500_000);
    let left = total;
    let allPaid = true;
    for (let j = 1; j <= inv.parts; j++) {
      const base = j === inv.parts ? cents(left) : cents(total / inv.parts);
      left = cents(left - base);
      const due = inv.parts === 1 ? inv.issue + r.pick([0, 15, 30, 30, 60]) : inv.issue + 30 * j;
      const appNumber = maybePadded(r, number);

      let nc = 0;
      let ncDay = Infinity;
      if (r.chance(0.04)) {
        ncDay = inv.issue + r.int(3, 20);
        nc = cents(base * r.between(0.05, 0.3));
        if (ncDay <= asOf) {
          const ncNumber = voucherNumber('A', 1, ++counters.creditNote);
          sinks.gva12.add(['N/C', ncNumber, c.voucherCode(), tangoDay(ncDay), nc, 'CAN', c.sellerCode, 1, cotiz, 1]);
          sinks.gva07.add([c.code, 'FAC', appNumber, tangoDay(due), 'N/C', ncNumber, tangoDay(ncDay), nc]);
        }
      }

      const plan = paymentPlan(c.behaviour, r);
      let nd = 0;
      let ndDay = Infinity;
      if ((plan[0]?.delay ?? Infinity) > 10 && r.chance(debitNoteChance(c.behaviour))) {
        ndDay = due + r.int(10, 40);
        nd = cents(base * r.between(0.01, 0.05));
        if (ndDay <= asOf) {
          const ndNumber = voucherNumber('A', 1, ++counters.debitNote);
          sinks.gva12.add(['N/D', ndNumber, c.voucherCode(), tangoDay(ndDay), nd, 'CAN', c.sellerCode, 1, cotiz, 1]);
          sinks.gva07.add([c.code, 'FAC', appNumber, tangoDay(due), 'N/D', ndNumber, tangoDay(ndDay), nd]);
        }
      }

      let paid = 0;
      const owedOn = (day: number): number =>
        cents(base - (ncDay <= day ? nc : 0) + (ndDay <= day ? nd : 0) - paid);
      for (const p of plan) {
        const day = Math.max(inv.issue, due + p.delay);
        if (day > asOf) break;
        const amount = cents(owedOn(day) * p.fraction * p.over);
        if (amount <= 0) continue;
        paid = cents(paid + amount);
        payments.push({ day, number: appNumber, due, amount });
      }

      const pending = owedOn(asOf);
      const isPaid = pending <= PAID_EPSILON;
      // An over-applied installment sometimes keeps ESTADO_VTO 'PEN' (negative pending).
      const status = isPaid && !(pending < -PAID_EPSILON && r.chance(0.3)) ? 'PAG' : 'PEN';
      if (!isPaid) allPaid = false;
      sinks.gva46.add(['FAC', maybePadded(r, number), tangoDay(due), base, status]);
      sinks.verdad.add(['FAC', number, isoOfDay(due), c.code, pending]);
      installments += 1;
      balance = cents(balance + pending);
    }
    // Real Tango sometimes leaves a fully paid header 'PEN'.
    const headerStatus = allPaid && !r.chance(0.25) ? 'CAN' : 'PEN';
    sinks.gva12.add([
      'FAC', maybePadded(r, number), c.voucherCode(), tangoDay(inv.issue), total, headerStatus, c.sellerCode,
      c.foreignCurrency ? 0 : 1, cotiz, inv.parts === 1 ? 1 : 2,
    ]);
  }

  // Receipts: the customer's payments on the same day go in one receipt.
  payments.sort((a, b) => a.day - b.day);
  let onAccount = 0;
  let chequesInPortfolio = 0;
  const writeReceipt = (day: number, apps: PaymentEvent[], extra: number): void => {
    const recNumber = voucherNumber('X', 2, ++counters.receipt);
    const applied = cents(apps.reduce((s, a) => s + a.amount, 0));
    const total = cents(applied + extra);
    sinks.gva12.add(['REC', recNumber, c.voucherCode(), tangoDay(day), total, extra > 0 ? 'PEN' : 'CAN', c.sellerCode, 1, 1, 0]);
    for (const a of apps) {
      sinks.gva07.add([c.code, 'FAC', a.number, tangoDay(a.due), 'REC', recNumber, tangoDay(day), a.amount]);
    }
    onAccount = cents(onAccount + extra);
    if (r.chance(0.35)) {
      const chequeDay = day + r.int(0, 60);
      const status = chequeDay > asOf || r.chance(0.15) ? 'C' : 'D';
      const n = ++counters.cheque;
      sinks.sba14.add([
        n, String(10_000_000 + n * 7), r.pick(['007', '011', '014', '017', '072', '285']), c.code.padEnd(6, ' '),
        total, tangoDay(day - r.int(0, 5)), tangoDay(chequeDay), tangoDay(day), status, 'REC', recNumber,
      ]);
      if (status === 'C') chequesInPortfolio = cents(chequesInPortfolio + total);
    }
  };
  const mayLeaveExtra = leavesMoneyOnAccount(c.behaviour);
  for (let i = 0; i < payments.length; ) {
    const day = (payments[i] as PaymentEvent).day;
    const apps: PaymentEvent[] = [];
    while (i < payments.length && (payments[i] as PaymentEvent).day === day) apps.push(payments[i++] as PaymentEvent);
    writeReceipt(day, apps, mayLeaveExtra && r.chance(0.04) ? r.amount(5_000, 80_000) : 0);
  }
  if (mayLeaveExtra && (c.forceAdvance || r.chance(0.15))) {
    writeReceipt(asOf - r.int(1, 10), [], r.amount(10_000, 150_000));
  }
  return { installments, balance, onAccount, chequesInPortfolio };
}
