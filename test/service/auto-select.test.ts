/**
 * Which customers the cycle reminds itself (selectAutomatic), on plain data:
 * the leading step due today, automatic in the customer's current tier, no
 * suppression, room under the contact cap, a valid address.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../rules/defaults';
import { emptyPlan } from '../../rules/planning';
import type {
  ContactRecord, Customer, ExistingTask, IsoDate, NewTask, RuleSettings, Tier, TierDecision,
} from '../../rules/types';
import type { CompanyContext } from '../../service/context';
import { selectAutomatic, type AutoSource } from '../../service/cycle/auto-reminders';

const TODAY: IsoDate = '2026-11-03';
const DUE: IsoDate = '2026-11-06';

const rules: RuleSettings = {
  ...DEFAULT_RULES,
  cadence: {
    ...DEFAULT_RULES.cadence,
    A: DEFAULT_RULES.cadence.A.map((s) => (s.id === 'D-3' ? { ...s, automatic: true } : s)),
  },
};
const ctx = { config: { rules } } as unknown as CompanyContext;

function customer(code: string, email: string | null): Customer {
  return {
    code, name: `Cliente ${code}`, email, phone: null, mobile: null, sellerCode: null, createdOn: null, inactiveSince: null,
    creditLimit: null, foreignCurrencyClause: false, erpBalance: null,
  };
}

function tier(code: string, t: Tier): TierDecision {
  return { customerCode: code, tier: t, since: TODAY, previousTier: t, changed: false, computedTier: t, candidate: null, candidateSince: null } as TierDecision;
}

function newTask(code: string, t: Tier, stepId = 'D-3'): NewTask {
  const step = rules.cadence[t].find((s) => s.id === stepId)!;
  return {
    key: `${code}|${DUE}|${stepId}`, customerCode: code, episode: DUE, stepId, status: 'pendiente', dueOn: TODAY,
    channels: step.channels, template: step.template, role: step.role, stage: step.stage, tier: t, daysOverdue: 0,
    overdueBalance: 0, installments: [], brokenPromise: null,
  };
}

function source(parts: {
  customers: Customer[]; tiers: TierDecision[]; create?: NewTask[]; keep?: string[];
  tasks?: ExistingTask[]; contacts?: ContactRecord[]; suppressed?: AutoSource['plan']['suppressed'];
}): AutoSource {
  const plan = emptyPlan(TODAY);
  plan.tiers.push(...parts.tiers);
  plan.create.push(...(parts.create ?? []));
  plan.keep.push(...(parts.keep ?? []));
  plan.suppressed.push(...(parts.suppressed ?? []));
  const group = <T extends { customerCode: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of list) m.set(x.customerCode, [...(m.get(x.customerCode) ?? []), x]);
    return m;
  };
  return {
    asOf: TODAY, plan, customers: new Map(parts.customers.map((c) => [c.code, c])), sellers: new Map(),
    installmentsOf: new Map(), tasksOf: group(parts.tasks ?? []), contactsOf: group(parts.contacts ?? []), unappliedOf: new Map(),
  };
}

describe('selectAutomatic', () => {
  it('reminds a tier-A customer whose D-3 is due today, at its valid addresses; the collections contact wins', () => {
    const sel = selectAutomatic(ctx, source({
      customers: [customer('X', 'pagos@x.com.ar; mal@@x'), customer('Y', 'erp@y.com.ar')],
      tiers: [tier('X', 'A'), tier('Y', 'A')],
      create: [newTask('X', 'A'), newTask('Y', 'A')],
    }), (code) => (code === 'Y' ? 'cobranzas@y.com.ar' : null));
    expect(sel.due.map((d) => [d.customerCode, d.stepId, d.to])).toEqual([
      ['X', 'D-3', ['pagos@x.com.ar']], ['Y', 'D-3', ['cobranzas@y.com.ar']],
    ]);
    expect(sel.skipped).toEqual([]);
  });

  it('leaves to staff a step that is not automatic in the customer\'s current tier', () => {
    const sel = selectAutomatic(ctx, source({
      customers: [customer('B1', 'b@b.com.ar')], tiers: [tier('B1', 'B')], create: [newTask('B1', 'B')],
    }), () => null);
    expect(sel).toEqual({ due: [], skipped: [] });
  });

  it('skips, saying why: a suppressed customer, one without an address, one with invalid addresses', () => {
    const sel = selectAutomatic(ctx, source({
      customers: [customer('P', 'p@p.com.ar'), customer('N', null), customer('I', 'sin-arroba; otro@')],
      tiers: [tier('P', 'A'), tier('N', 'A'), tier('I', 'A')],
      create: [newTask('P', 'A'), newTask('N', 'A'), newTask('I', 'A')],
      suppressed: [{ customerCode: 'P', reason: 'promesa_vigente', detail: 'Promesa de pago para el 10/11/2026.' }],
    }), () => null);
    expect(sel.due).toEqual([]);
    expect(sel.skipped.map((s) => [s.customerCode, s.reason])).toEqual([
      ['P', 'Promesa de pago para el 10/11/2026.'],
      ['N', 'sin correo cargado: queda en el resumen del responsable'],
      ['I', 'sin un correo válido («sin-arroba», «otro@»): queda en el resumen del responsable'],
    ]);
  });

  it('respects the contact cap: a task kept from an earlier cycle plus staff contacts that filled the period', () => {
    const key = `K|${DUE}|D-3`;
    const task: ExistingTask = { id: 7, key, customerCode: 'K', episode: DUE, stepId: 'D-3', status: 'pendiente', dueOn: '2026-11-02', createdOn: '2026-11-02' };
    const contact = (id: number, on: IsoDate): ContactRecord => ({ id, customerCode: 'K', on, outcome: 'contactado', promiseDate: null, promiseAmount: null, taskId: null });
    const base = { customers: [customer('K', 'k@k.com.ar')], tiers: [tier('K', 'A')], keep: [key], tasks: [task] };
    // One staff contact: with the reminder itself that makes 2, the cap.
    expect(selectAutomatic(ctx, source({ ...base, contacts: [contact(1, '2026-11-02')] }), () => null).due.map((d) => d.customerCode)).toEqual(['K']);
    const capped = selectAutomatic(ctx, source({ ...base, contacts: [contact(1, '2026-11-02'), contact(2, TODAY)] }), () => null);
    expect(capped.due).toEqual([]);
    expect(capped.skipped.map((s) => s.reason)).toEqual(['tope de contactos: ya tuvo 2 en los últimos 7 días (tope: 2)']);
  });
});
