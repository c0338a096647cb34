/** Builders for rule tests: plain data with sensible defaults, and a tiny "writer" that applies a plan. */
import { createCalendar } from '../../rules/calendar';
import { DEFAULT_CALENDAR, DEFAULT_RULES } from '../../rules/defaults';
import type { CustomerInput, CustomerPlan, PlanContext } from '../../rules/planning';
import type {
  ContactRecord, Customer, ExistingTask, IsoDate, OpenInstallment, PaymentBehaviour, RuleSettings, TierState,
} from '../../rules/types';
import { tierStateOf } from '../../rules/tiering';

export const calendar = createCalendar(DEFAULT_CALENDAR);

export function ctx(today: IsoDate, settings: RuleSettings = DEFAULT_RULES): PlanContext {
  return { today, settings, calendar };
}

export function customer(over: Partial<Customer> = {}): Customer {
  return {
    code: 'C001',
    name: 'Ferretería El Tornillo SRL',
    email: 'pagos@eltornillo.com.ar',
    phone: null,
    mobile: null,
    sellerCode: 'V01',
    createdOn: '2015-04-01',
    inactiveSince: null,
    creditLimit: null,
    foreignCurrencyClause: false,
    erpBalance: null,
    ...over,
  };
}

let voucher = 0;
export function installment(dueOn: IsoDate, pending: number, over: Partial<OpenInstallment> = {}): OpenInstallment {
  voucher += 1;
  return {
    customerCode: 'C001',
    voucherType: 'FAC',
    voucherNumber: `A0001-${String(voucher).padStart(8, '0')}`,
    issuedOn: dueOn,
    dueOn,
    amount: pending,
    pending,
    ...over,
  };
}

/** A history of `paymentCount` payments with the given weighted days late and late count. */
export function behaviour(over: Partial<PaymentBehaviour> = {}): PaymentBehaviour {
  return {
    customerCode: 'C001',
    paymentCount: 24,
    paidAmount: 480_000,
    weightedDaysLate: 2,
    lateCount: 0,
    maxDaysLate: 6,
    lastPaymentOn: '2026-02-20',
    invoicedAmount: 500_000,
    ...over,
  };
}

/** Payment behaviour that puts an established customer in the given tier under DEFAULT_RULES. */
export function behaviourFor(tier: 'A' | 'B' | 'C'): PaymentBehaviour {
  if (tier === 'A') return behaviour({ weightedDaysLate: 2, lateCount: 0 });
  if (tier === 'B') return behaviour({ weightedDaysLate: 15, lateCount: 5 });
  return behaviour({ weightedDaysLate: 34.2, lateCount: 12 });
}

export function promise(id: number, on: IsoDate, promiseDate: IsoDate, amount: number | null = null): ContactRecord {
  return { id, customerCode: 'C001', on, outcome: 'promesa', promiseDate, promiseAmount: amount, taskId: null };
}

export function contact(id: number, on: IsoDate, outcome: ContactRecord['outcome'], taskId: number | null = null): ContactRecord {
  return { id, customerCode: 'C001', on, outcome, promiseDate: null, promiseAmount: null, taskId };
}

export function input(over: Partial<CustomerInput> = {}): CustomerInput {
  return {
    customer: customer(),
    installments: [],
    behaviour: behaviourFor('A'),
    unapplied: null,
    overrides: null,
    tierState: null,
    tasks: [],
    contacts: [],
    currentEpisode: null,
    ...over,
  };
}

/**
 * What the write side would do with a customer plan: insert the new tasks
 * (with ids, created today), close the closed ones; returns the tasks as the
 * next cycle would read them, plus the remembered tier state and episode.
 */
export function applyPlan(
  tasks: readonly ExistingTask[],
  plan: CustomerPlan,
  today: IsoDate,
): { tasks: ExistingTask[]; tierState: TierState; currentEpisode: IsoDate | null } {
  const closed = new Set(plan.close.map((c) => c.taskId));
  let nextId = Math.max(0, ...tasks.map((t) => t.id)) + 1;
  const after: ExistingTask[] = tasks.map((t) => (closed.has(t.id) ? { ...t, status: 'cerrada' } : t));
  for (const n of plan.create) {
    after.push({
      id: nextId++, key: n.key, customerCode: n.customerCode, episode: n.episode, stepId: n.stepId,
      status: n.status, dueOn: n.dueOn, createdOn: today,
    });
  }
  return { tasks: after, tierState: tierStateOf(plan.tier), currentEpisode: plan.alert?.episode ?? null };
}

export function openTasks(tasks: readonly ExistingTask[]): ExistingTask[] {
  return tasks.filter((t) => t.status === 'pendiente');
}
