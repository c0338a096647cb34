import { describe, expect, it } from 'vitest';
import { collectionEffectivenessIndex } from '../../rules/kpis/cei';
import { contactRate, promiseRate, type KpiTask } from '../../rules/kpis/contacts';
import { countbackPeriods, dsoCountback, salesPerPeriod } from '../../rules/kpis/dso';
import { promiseKeptRate } from '../../rules/kpis/promises';
import { contactedEpisodes, recoveryRate } from '../../rules/kpis/recovery';
import { rollRates } from '../../rules/kpis/roll-rate';
import { snapshotRows } from '../../rules/kpis/snapshot';
import { taskFlow } from '../../rules/kpis/tasks';
import { tierDistribution, tierMigrations } from '../../rules/kpis/tiers';
import type { MoneyFlow } from '../../rules/kpis/types';
import type { ContactRecord, OpenInstallment } from '../../rules/types';

const inst = (customerCode: string, dueOn: string, pending: number): OpenInstallment => ({
  customerCode, voucherType: 'FAC', voucherNumber: `${customerCode}-${dueOn}`, issuedOn: '2026-01-01', dueOn, amount: pending, pending,
});
const task = (id: number, customerCode: string, over: Partial<KpiTask> = {}): KpiTask => ({
  id, customerCode, episode: '2026-03-01', status: 'pendiente', dueOn: '2026-03-05', createdOn: '2026-03-05', closedOn: null, overdueBalance: 1000, ...over,
});
const contact = (id: number, customerCode: string, on: string, outcome: ContactRecord['outcome'], over: Partial<ContactRecord> = {}): ContactRecord => ({
  id, customerCode, on, outcome, promiseDate: null, promiseAmount: null, taskId: null, ...over,
});
const cobro = (customerCode: string, on: string, amount: number): MoneyFlow => ({ customerCode, on, kind: 'cobro', amount });
const venta = (customerCode: string, on: string, amount: number): MoneyFlow => ({ customerCode, on, kind: 'venta', amount });

describe('daily snapshot rows', () => {
  it('splits balances into buckets per company, seller and tier', () => {
    const rows = snapshotRows({
      asOf: '2026-03-31',
      installments: [
        inst('C1', '2026-04-10', 100), // not due → corriente
        inst('C1', '2026-03-31', 50), //  due today → corriente
        inst('C1', '2026-03-01', 200), // 30 days → 1-30
        inst('C2', '2026-01-30', 300), // 60 days → 31-60
        inst('C2', '2025-12-01', 400), // 120 days → mas-90
        inst('C3', '2026-03-30', 0.004), // paid (under tolerance)
      ],
      flows: [venta('C1', '2026-03-31', 70), venta('C2', '2026-03-02', 30), venta('C2', '2026-02-28', 999), cobro('C2', '2026-03-31', 25)],
      classifier: { sellerOf: (c) => (c === 'C1' ? '01' : '02'), tierOf: (c) => (c === 'C1' ? 'A' : null) },
      tolerance: 0.01,
    });
    const byKey = Object.fromEntries(rows.map((r) => [`${r.dimension}|${r.value}`, r]));
    expect(Object.keys(byKey).sort()).toEqual(['nivel|-', 'nivel|A', 'total|', 'vendedor|01', 'vendedor|02']);
    // total: corriente 100 + 50 = 150; 1-30 200; 31-60 300; 61-90 0; mas-90 400; total 1050; overdue 900
    expect(byKey['total|']?.aging).toEqual({ corriente: 150, '1-30': 200, '31-60': 300, '61-90': 0, 'mas-90': 400, total: 1050 });
    expect(byKey['total|']?.overdue).toBe(900);
    // invoiced: day 70; month 70 + 30 = 100 (the February sale is outside); collected 25 both
    expect(byKey['total|']).toMatchObject({ invoicedDay: 70, invoicedMonth: 100, collectedDay: 25, collectedMonth: 25, customers: 2, overdueCustomers: 2, installments: 5 });
    expect(byKey['vendedor|02']).toMatchObject({ overdue: 700, invoicedDay: 0, invoicedMonth: 30, customers: 1 });
    expect(byKey['nivel|A']?.aging.total).toBe(350);
  });
});

describe('DSO by countback', () => {
  it('walks back month by month until the receivable is explained', () => {
    const periods = countbackPeriods('2026-03-10', 3);
    expect(periods).toEqual([
      { from: '2026-03-01', to: '2026-03-10' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-01-01', to: '2026-01-31' },
    ]);
    const sales = salesPerPeriod(periods, [venta('X', '2026-03-05', 100), venta('X', '2026-02-14', 200), venta('X', '2026-01-20', 400), cobro('X', '2026-03-01', 999)]);
    expect(sales.map((s) => s.sales)).toEqual([100, 200, 400]);
    // receivable 250: March (10 days) uses 100 → 150 left; February 150/200 of 28 days = 21 → 10 + 21 = 31 days
    expect(dsoCountback(250, sales)).toEqual({ days: 31, complete: true });
    // receivable 80: 80/100 of March's 10 days = 8 days
    expect(dsoCountback(80, sales)).toEqual({ days: 8, complete: true });
    // receivable 1000 > 700 of history: 10 + 28 + 31 = 69 days, a lower bound
    expect(dsoCountback(1000, sales)).toEqual({ days: 69, complete: false });
    expect(dsoCountback(0, sales)).toEqual({ days: 0, complete: true });
  });
});

describe('CEI', () => {
  it('is collected over collectible, in percent', () => {
    // opening 1000 + sales 500 − closing 600 = 900 collected; collectible 1000 + 500 − current 300 = 1200 → 75 %
    expect(collectionEffectivenessIndex({ opening: 1000, creditSales: 500, closingTotal: 600, closingCurrent: 300 })).toBe(75);
    expect(collectionEffectivenessIndex({ opening: 0, creditSales: 0, closingTotal: 0, closingCurrent: 0 })).toBeNull();
    // The balance grew past the counted sales (a debit note): nothing collected, 0 % rather than a negative rate.
    expect(collectionEffectivenessIndex({ opening: 1000, creditSales: 100, closingTotal: 1300, closingCurrent: 200 })).toBe(0);
  });
});

describe('roll rates', () => {
  it('compare bucket k at the start with bucket k+1 at the end', () => {
    const start = { corriente: 1000, '1-30': 400, '31-60': 200, '61-90': 0, 'mas-90': 50, total: 1650 };
    const end = { corriente: 900, '1-30': 250, '31-60': 100, '61-90': 50, 'mas-90': 60, total: 1360 };
    // 250/1000 = 0.25; 100/400 = 0.25; 50/200 = 0.25; 61-90 start empty → null
    expect(rollRates(start, end).map((r) => r.rate)).toEqual([0.25, 0.25, 0.25, null]);
  });

  it('into the open >90 bucket count only its growth, and never pass 100 %', () => {
    // The demo's 623,6 %: >90 holds last month's >90 too. Growth 5.500 − 5.000 = 500 of 61–90's 1.000 → 50 %.
    const start = { corriente: 0, '1-30': 100, '31-60': 100, '61-90': 1000, 'mas-90': 5000, total: 6200 };
    const end = { corriente: 0, '1-30': 0, '31-60': 130, '61-90': 40, 'mas-90': 5500, total: 5670 };
    expect(rollRates(start, end).map((r) => r.rate)).toEqual([null, 1, 0.4, 0.5]);
    // >90 shrank (old debt collected): nothing is counted as rolled in.
    expect(rollRates(start, { ...end, 'mas-90': 4000 })[3]?.rate).toBe(0);
  });
});

describe('contact and promise rates', () => {
  const period = { from: '2026-03-01', to: '2026-03-31' };
  const tasks = [
    task(1, 'C1', { dueOn: '2026-03-05' }), // reached by task id
    task(2, 'C2', { dueOn: '2026-03-06' }), // reached by same customer after the due date
    task(3, 'C3', { dueOn: '2026-03-07' }), // only «sin_respuesta» → not reached
    task(4, 'C4', { dueOn: '2026-03-08', status: 'omitida' }), // skipped: not counted
    task(5, 'C5', { dueOn: '2026-04-02' }), // outside the period
  ];
  const contacts = [
    contact(1, 'C1', '2026-03-05', 'promesa', { taskId: 1, promiseDate: '2026-03-10', promiseAmount: 500 }),
    contact(2, 'C2', '2026-03-09', 'contactado'),
    contact(3, 'C3', '2026-03-07', 'sin_respuesta', { taskId: 3 }),
    contact(4, 'C2', '2026-03-20', 'promesa', { promiseDate: '2026-03-25', promiseAmount: 300 }),
    contact(5, 'C6', '2026-02-20', 'promesa', { promiseDate: '2026-02-25', promiseAmount: 100 }), // outside
  ];
  it('contact rate: reached tasks over tasks due', () => {
    // due and not skipped: 1, 2, 3 → 3; reached: 1 (task id), 2 (customer) → 2/3
    expect(contactRate(tasks, contacts, period)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
  });
  it('promise rate: promises over reaching contacts in the period', () => {
    // reaching contacts in March: #1 promesa, #2 contactado, #4 promesa → 2/3
    expect(promiseRate(contacts, period)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
  });
  it('a note reaches nobody; «dice que pagó» reaches the customer', () => {
    const noted = [...contacts, contact(6, 'C3', '2026-03-08', 'nota', { taskId: 3 })];
    expect(contactRate(tasks, noted, period)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(promiseRate(noted, period)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    const said = [...contacts, contact(6, 'C3', '2026-03-08', 'dice_que_pago', { taskId: 3 })];
    expect(contactRate(tasks, said, period)).toEqual({ numerator: 3, denominator: 3, rate: 1 });
  });
  it('promise kept: receipts from the contact through the promise date plus grace cover the amount', () => {
    const flows = [
      cobro('C1', '2026-03-08', 300), cobro('C1', '2026-03-12', 200), // 500 by 03-12 (10 + 2 grace) → kept
      cobro('C2', '2026-03-26', 100), cobro('C2', '2026-03-29', 200), // 100 by 03-27, 300 only on 03-29 → broken
    ];
    // promises falling due (date + 2) in March: #1 (03-12), #4 (03-27); #5 fell due in February
    expect(promiseKeptRate(contacts, flows, period, 2, 1)).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
  });
});

describe('recovery after the first contact', () => {
  it('shares of the overdue balance at first contact collected within 7, 30 and 60 days', () => {
    const tasks = [
      task(1, 'C1', { episode: '2026-01-01', createdOn: '2026-01-08', overdueBalance: 1000 }),
      task(2, 'C1', { episode: '2026-01-01', createdOn: '2026-02-01', overdueBalance: 1200 }),
      task(3, 'C2', { episode: '2026-01-05', createdOn: '2026-01-12', overdueBalance: 500 }),
      task(4, 'C3', { episode: '2026-01-20', createdOn: '2026-01-20', overdueBalance: 0 }), // pre-due: no episode
    ];
    const contacts = [
      contact(1, 'C1', '2026-01-10', 'sin_respuesta'),
      contact(2, 'C1', '2026-01-15', 'contactado'), // first reaching contact of C1: balance of task 1 (created 01-08) = 1000
      contact(3, 'C2', '2026-01-12', 'promesa', { taskId: 3 }), // C2: 500
    ];
    const episodes = contactedEpisodes(tasks, contacts);
    expect(episodes).toEqual([
      { customerCode: 'C2', episode: '2026-01-05', firstContactOn: '2026-01-12', overdueAtContact: 500 },
      { customerCode: 'C1', episode: '2026-01-01', firstContactOn: '2026-01-15', overdueAtContact: 1000 },
    ]);
    const flows = [
      cobro('C1', '2026-01-20', 200), // day 5 after contact
      cobro('C1', '2026-02-10', 300), // day 26
      cobro('C2', '2026-01-12', 600), // same day, more than owed → capped at 500
    ];
    const period = { from: '2026-01-01', to: '2026-01-31' };
    // 7 days: C1 200 + C2 min(600, 500) = 700 of 1500
    expect(recoveryRate(episodes, flows, period, 7, '2026-04-30')).toEqual({ numerator: 700, denominator: 1500, rate: 700 / 1500 });
    // 30 days: C1 200 + 300 = 500, C2 500 → 1000 of 1500
    expect(recoveryRate(episodes, flows, period, 30, '2026-04-30').rate).toBeCloseTo(1000 / 1500, 10);
    // as of 2026-02-20, 60 days have not passed for either episode → nothing matured
    expect(recoveryRate(episodes, flows, period, 60, '2026-02-20')).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('tiers and tasks', () => {
  it('counts the distribution and the migrations of the period', () => {
    expect(tierDistribution(['A', 'B', 'B', 'C', null, 'X'])).toEqual({ A: 1, B: 2, C: 1 });
    const m = tierMigrations([
      { customerCode: '1', on: '2026-03-02', from: 'A', to: 'B' }, // downgrade
      { customerCode: '2', on: '2026-03-03', from: 'C', to: 'A' }, // upgrade
      { customerCode: '3', on: '2026-03-04', from: null, to: 'B' }, // first classification
      { customerCode: '4', on: '2026-03-05', from: 'B', to: 'C' }, // downgrade
      { customerCode: '5', on: '2026-02-05', from: 'B', to: 'C' }, // outside
    ], { from: '2026-03-01', to: '2026-03-31' });
    expect(m).toEqual({ pairs: { 'A>B': 1, 'C>A': 1, '>B': 1, 'B>C': 1 }, upgrades: 1, downgrades: 2, firstClassifications: 1 });
  });
  it('tasks created, closed and mean days to close', () => {
    const f = taskFlow([
      task(1, 'A', { createdOn: '2026-03-02', status: 'cerrada', closedOn: '2026-03-06' }), // 4 days
      task(2, 'B', { createdOn: '2026-02-20', status: 'cerrada', closedOn: '2026-03-10' }), // 18 days, created before
      task(3, 'C', { createdOn: '2026-03-15' }), // open at the end
      task(4, 'D', { createdOn: '2026-03-16', status: 'omitida' }), // skipped
      task(5, 'E', { createdOn: '2026-04-01' }), // after the period
    ], { from: '2026-03-01', to: '2026-03-31' });
    // created in March (not skipped): 1, 3 → 2; closed in March: 1, 2 → mean (4 + 18) / 2 = 11
    expect(f).toEqual({ created: 2, skipped: 1, closed: 2, meanDaysToClose: 11, openAtEnd: 1 });
  });
});
