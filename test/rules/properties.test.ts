/** Invariants of the planner and of tiering over generated customers, installments and dates (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../../rules/dates';
import { DEFAULT_RULES } from '../../rules/defaults';
import { computeMetrics } from '../../rules/metrics';
import { planCustomer, taskKey, type CustomerInput } from '../../rules/planning';
import { decideTier, isBetterTier, tierStateOf } from '../../rules/tiering';
import type {
  ContactRecord, ExistingTask, IsoDate, OpenInstallment, RuleSettings, Tier, TierState,
} from '../../rules/types';
import { applyPlan, behaviour, calendar, ctx, customer, openTasks } from './helpers';

const BASE = '2026-01-01';
const dayArb = fc.integer({ min: 0, max: 400 }).map((n) => addDays(BASE, n));
const money = fc.integer({ min: 1, max: 2_000_000 }).map((c) => c / 100);

const settingsArb: fc.Arbitrary<RuleSettings> = fc.record({
  maxContacts: fc.integer({ min: 0, max: 3 }),
  periodDays: fc.integer({ min: 1, max: 10 }),
  minOverdueToAct: fc.constantFrom(0, 500, 5000),
}).map(({ maxContacts, periodDays, minOverdueToAct }) => ({
  ...DEFAULT_RULES,
  caps: { ...DEFAULT_RULES.caps, maxContacts, periodDays },
  amounts: { ...DEFAULT_RULES.amounts, minOverdueToAct },
}));

function installmentsArb(today: IsoDate): fc.Arbitrary<OpenInstallment[]> {
  return fc.array(fc.record({ offset: fc.integer({ min: -150, max: 40 }), pending: money }), { maxLength: 6 })
    .map((list) => list.map(({ offset, pending }, i) => ({
      customerCode: 'C001', voucherType: 'FAC', voucherNumber: `A0001-${i}`,
      issuedOn: addDays(today, offset - 30), dueOn: addDays(today, offset), amount: pending, pending,
    })));
}

function contactsArb(today: IsoDate): fc.Arbitrary<ContactRecord[]> {
  return fc.array(fc.record({
    ago: fc.integer({ min: 0, max: 60 }),
    outcome: fc.constantFrom('contactado', 'promesa', 'disputa', 'contacto_erroneo', 'sin_respuesta') as fc.Arbitrary<ContactRecord['outcome']>,
    promiseIn: fc.integer({ min: -10, max: 20 }),
  }), { maxLength: 3 }).map((list) => list.map(({ ago, outcome, promiseIn }, i) => ({
    id: i + 1, customerCode: 'C001', on: addDays(today, -ago), outcome,
    promiseDate: outcome === 'promesa' ? addDays(today, promiseIn) : null,
    promiseAmount: outcome === 'promesa' ? 1000 : null, taskId: null,
  })));
}

function tasksArb(today: IsoDate): fc.Arbitrary<ExistingTask[]> {
  return fc.array(fc.record({
    stepId: fc.constantFrom('D-3', 'D-5', 'D+7', 'D+30', 'D+60', 'D+90', 'PROMESA-1'),
    episodeAgo: fc.integer({ min: -10, max: 150 }),
    createdAgo: fc.integer({ min: 0, max: 20 }),
    status: fc.constantFrom('pendiente', 'cerrada', 'omitida') as fc.Arbitrary<ExistingTask['status']>,
  }), { maxLength: 4 }).map((list) => {
    const seen = new Set<string>();
    return list.flatMap(({ stepId, episodeAgo, createdAgo, status }, i) => {
      const episode = addDays(today, -episodeAgo);
      const key = taskKey('C001', episode, stepId);
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ id: i + 1, key, customerCode: 'C001', episode, stepId, status, dueOn: addDays(today, -createdAgo), createdOn: addDays(today, -createdAgo) }];
    });
  });
}

const tierStateArb: fc.Arbitrary<TierState | null> = fc.option(fc.record({
  tier: fc.constantFrom<Tier>('A', 'B', 'C'),
  ago: fc.integer({ min: 0, max: 300 }),
}).map(({ tier, ago }) => ({ customerCode: 'C001', tier, since: addDays(BASE, -ago), candidate: null, candidateSince: null })));

const scenarioArb = dayArb.chain((today) => fc.record({
  today: fc.constant(today),
  settings: settingsArb,
  installments: installmentsArb(today),
  contacts: contactsArb(today),
  tasks: tasksArb(today),
  tierState: tierStateArb,
  currentEpisode: fc.option(fc.integer({ min: 1, max: 150 }).map((n) => addDays(today, -n))),
  createdOn: fc.option(fc.integer({ min: 0, max: 3000 }).map((n) => addDays(today, -n))),
  history: fc.option(fc.record({
    paymentCount: fc.integer({ min: 1, max: 40 }),
    weightedDaysLate: fc.integer({ min: 0, max: 600 }).map((n) => n / 10),
    lateShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })),
  flags: fc.option(fc.record({
    fixedTier: fc.option(fc.constantFrom<Tier>('A', 'B', 'C')),
    doNotContact: fc.boolean(), dispute: fc.boolean(), legal: fc.boolean(),
  }), { freq: 4 }),
  unapplied: fc.option(fc.record({ onAccount: money, chequesInPortfolio: money }), { freq: 3 }),
}));

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(s: Scenario): CustomerInput {
  return {
    customer: customer({ createdOn: s.createdOn }),
    installments: s.installments,
    behaviour: s.history
      ? behaviour({ paymentCount: s.history.paymentCount, weightedDaysLate: s.history.weightedDaysLate, lateCount: Math.round(s.history.lateShare * s.history.paymentCount) })
      : null,
    unapplied: s.unapplied ? { customerCode: 'C001', ...s.unapplied } : null,
    overrides: s.flags ? { customerCode: 'C001', note: null, ...s.flags } : null,
    tierState: s.tierState,
    tasks: s.tasks,
    contacts: s.contacts,
    currentEpisode: s.currentEpisode,
  };
}

describe('planner invariants', () => {
  it('planning twice over the same state creates and closes nothing new', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const state = toInput(s);
      const first = planCustomer(state, ctx(s.today, s.settings));
      const after = applyPlan(state.tasks, first, s.today);
      const second = planCustomer(
        { ...state, tasks: after.tasks, tierState: after.tierState, currentEpisode: after.currentEpisode },
        ctx(s.today, s.settings),
      );
      expect(second.create).toEqual([]);
      expect(second.close).toEqual([]);
      expect(second.keep.sort()).toEqual(openTasks(after.tasks).map((t) => t.key).sort());
      expect(second.alert).toEqual(first.alert);
    }), { numRuns: 400 });
  });

  it('a paid customer has no open task after planning, and no alert', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const state = { ...toInput(s), installments: [] };
      const plan = planCustomer(state, ctx(s.today, s.settings));
      expect(plan.create).toEqual([]);
      expect(openTasks(applyPlan(state.tasks, plan, s.today).tasks)).toEqual([]);
      expect(plan.close.every((c) => c.reason === 'pagada')).toBe(true);
      expect(plan.alert?.suppressedBy ?? null).toBeNull();
    }), { numRuns: 300 });
  });

  it('every open task is either kept or closed, and created tasks fall on business days from today on', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const state = toInput(s);
      const plan = planCustomer(state, ctx(s.today, s.settings));
      for (const t of plan.create) {
        expect(calendar.isBusinessDay(t.dueOn)).toBe(true);
        expect(t.dueOn >= s.today).toBe(true);
        expect(t.key).toBe(taskKey('C001', t.episode, t.stepId));
      }
      const open = openTasks(state.tasks).map((t) => t.key).sort();
      expect([...plan.keep, ...plan.close.map((c) => c.key)].sort()).toEqual(open);
      expect(new Set(plan.create.map((t) => t.key)).size).toBe(plan.create.length);
      for (const t of plan.create) expect(state.tasks.some((x) => x.key === t.key)).toBe(false);
    }), { numRuns: 400 });
  });

  it('over a run of daily cycles, contacts never exceed the cap in any period', () => {
    const runArb = fc.record({
      start: dayArb,
      settings: settingsArb.filter((x) => x.caps.maxContacts > 0),
      dues: fc.array(fc.record({ offset: fc.integer({ min: -100, max: 60 }), pending: money, paidAfter: fc.option(fc.integer({ min: 0, max: 60 })) }), { minLength: 1, maxLength: 6 }),
      promiseDay: fc.option(fc.integer({ min: 0, max: 40 })),
      tier: fc.constantFrom<Tier>('A', 'B', 'C'),
    });
    fc.assert(fc.property(runArb, (r) => {
      let tasks: ExistingTask[] = [];
      let tierState: TierState | null = null;
      let currentEpisode: IsoDate | null = null;
      const contacts: ContactRecord[] = [];
      for (let day = 0; day < 60; day++) {
        const today = addDays(r.start, day);
        if (r.promiseDay === day) {
          contacts.push({ id: 1, customerCode: 'C001', on: today, outcome: 'promesa', promiseDate: addDays(today, 5), promiseAmount: null, taskId: null });
        }
        const installments = r.dues
          .filter((d) => d.paidAfter === null || day < d.paidAfter)
          .map((d, i) => ({
            customerCode: 'C001', voucherType: 'FAC', voucherNumber: `N${i}`, issuedOn: r.start,
            dueOn: addDays(r.start, d.offset), amount: d.pending, pending: d.pending,
          }));
        const hist = r.tier === 'A' ? { weightedDaysLate: 1, lateCount: 0 } : r.tier === 'B' ? { weightedDaysLate: 15, lateCount: 5 } : { weightedDaysLate: 40, lateCount: 15 };
        const plan = planCustomer({
          customer: customer(), installments, behaviour: behaviour(hist), unapplied: null, overrides: null,
          tierState, tasks, contacts, currentEpisode,
        }, ctx(today, r.settings));
        for (const t of plan.create) expect(calendar.isBusinessDay(t.dueOn)).toBe(true);
        const next = applyPlan(tasks, plan, today);
        ({ tasks, tierState, currentEpisode } = next);
        if (installments.length === 0) expect(openTasks(tasks)).toEqual([]);
      }
      const { maxContacts, periodDays } = r.settings.caps;
      const counted = tasks.filter((t) => t.status !== 'omitida');
      // Whenever the planner created a contact task, the period ending that day stays within the cap
      // (staff contacts recorded later are staff's own doing and are not checked here).
      for (let day = 0; day < 60; day++) {
        const end = addDays(r.start, day);
        if (!counted.some((t) => t.createdOn === end)) continue;
        const inWindow = counted.filter((t) => t.createdOn <= end && daysBetween(t.createdOn, end) < periodDays).length
          + contacts.filter((c) => c.on <= end && daysBetween(c.on, end) < periodDays).length;
        expect(inWindow).toBeLessThanOrEqual(maxContacts);
      }
    }), { numRuns: 150 });
  });
});

describe('tiering invariants', () => {
  it('an improving tier never skips its hold period (daily cycles)', () => {
    const levels = { A: { weightedDaysLate: 1, lateCount: 0 }, B: { weightedDaysLate: 15, lateCount: 5 }, C: { weightedDaysLate: 40, lateCount: 15 } };
    const runArb = fc.record({
      start: dayArb,
      hold: fc.integer({ min: 0, max: 20 }),
      days: fc.array(fc.constantFrom<Tier>('A', 'B', 'C'), { minLength: 1, maxLength: 120 }),
    });
    fc.assert(fc.property(runArb, ({ start, hold, days }) => {
      const settings: RuleSettings = { ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, improvementHoldDays: hold } };
      let previous: TierState | null = null;
      const computed: Tier[] = [];
      days.forEach((target, i) => {
        const today = addDays(start, i);
        const c = customer();
        const metrics = computeMetrics(c, [], behaviour(levels[target]), today, settings);
        const d = decideTier({ metrics, overrides: null, previous, customer: c, today }, settings);
        computed.push(d.computedTier);
        expect(d.computedTier).toBe(target);
        if (previous !== null && isBetterTier(d.tier, previous.tier)) {
          expect(d.rule).toBe('mejora');
          expect(i).toBeGreaterThanOrEqual(hold);
          // Every day of the hold period, the criteria pointed to this tier or better.
          for (let k = i - hold; k <= i; k++) expect(isBetterTier(d.tier, computed[k]!)).toBe(false);
        }
        if (previous !== null && isBetterTier(previous.tier, d.tier)) expect(d.tier).toBe(target); // worsening is immediate
        previous = tierStateOf(d);
      });
    }), { numRuns: 300 });
  });
});
