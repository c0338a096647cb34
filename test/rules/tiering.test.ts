import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../rules/defaults';
import { computeMetrics } from '../../rules/metrics';
import { decideTier, tierStateOf } from '../../rules/tiering';
import type { Customer, CustomerOverrides, OpenInstallment, PaymentBehaviour, TierState } from '../../rules/types';
import { addDays } from '../../rules/dates';
import { behaviour, behaviourFor, customer, installment } from './helpers';

const today = '2026-03-10';

function decide(opts: {
  b?: PaymentBehaviour | null; inst?: OpenInstallment[]; c?: Customer; previous?: TierState | null;
  overrides?: Partial<CustomerOverrides> | null; on?: string;
}) {
  const on = opts.on ?? today;
  const c = opts.c ?? customer();
  const metrics = computeMetrics(c, opts.inst ?? [], opts.b === undefined ? behaviourFor('A') : opts.b, on, DEFAULT_RULES);
  const overrides = opts.overrides
    ? { customerCode: c.code, fixedTier: null, doNotContact: false, dispute: false, legal: false, note: null, ...opts.overrides }
    : null;
  return decideTier({ metrics, overrides, previous: opts.previous ?? null, customer: c, today: on }, DEFAULT_RULES);
}

const state = (tier: 'A' | 'B' | 'C', since = '2025-06-01', candidate: 'A' | 'B' | null = null, candidateSince: string | null = null): TierState => ({
  customerCode: 'C001', tier, since, candidate, candidateSince,
});

describe('tier criteria', () => {
  it('A when every A limit holds, with the values in the reason', () => {
    const d = decide({ b: behaviour({ weightedDaysLate: 2.04, lateCount: 1, paymentCount: 24 }) });
    expect(d.tier).toBe('A');
    expect(d.rule).toBe('criterios');
    expect(d.reason).toBe(
      'Nivel A: cumple todos los criterios de A: atraso promedio ponderado 2,0 días (máximo para A: 7); '
      + '1 de 24 pagos con más de 15 días de atraso (máximo para A: 10 %); sin facturas vencidas.',
    );
  });

  it('B when an A limit breaks but every B limit holds', () => {
    const d = decide({ b: behaviour({ weightedDaysLate: 12, lateCount: 1 }) });
    expect(d.tier).toBe('B');
    expect(d.reason).toBe('Nivel B: atraso promedio ponderado 12,0 días (máximo para A: 7).');
  });

  it('C when a B limit breaks, naming every broken limit', () => {
    const d = decide({ b: behaviour({ paymentCount: 8, lateCount: 3, weightedDaysLate: 34.2 }) });
    expect(d.tier).toBe('C');
    expect(d.reason).toBe(
      'Nivel C: atraso promedio ponderado 34,2 días (máximo para B: 25).',
    );
    const worse = decide({ b: behaviour({ paymentCount: 8, lateCount: 4, weightedDaysLate: 34.2 }) });
    expect(worse.reason).toBe(
      'Nivel C: atraso promedio ponderado 34,2 días (máximo para B: 25); 4 de 8 pagos con más de 15 días de atraso (máximo para B: 40 %).',
    );
  });

  it('uses the oldest overdue installment', () => {
    expect(decide({ inst: [installment('2026-02-08', 1000)] }).tier).toBe('A'); // 30 days
    expect(decide({ inst: [installment('2026-02-07', 1000)] }).tier).toBe('B'); // 31 days
    const c = decide({ inst: [installment('2026-01-08', 1000)] }); // 61 days
    expect(c.tier).toBe('C');
    expect(c.reason).toContain('la factura vencida más antigua tiene 61 días de atraso (máximo para B: 60)');
  });

  it('uses overdue against credit only when there is a credit limit', () => {
    const inst = [installment('2026-03-01', 3000)];
    expect(decide({ inst }).tier).toBe('A');
    const limited = decide({ inst, c: customer({ creditLimit: 4000 }) }); // 75 % of the limit
    expect(limited.tier).toBe('B');
    expect(limited.reason).toBe(
      'Nivel B: deuda vencida de $ 3.000,00, 75 % del límite de crédito de $ 4.000,00 (máximo para A: 50 %).',
    );
    expect(decide({ inst, c: customer({ creditLimit: 2000 }) }).tier).toBe('C');
  });
});

describe('money limit', () => {
  it('applies maxOverdueBalance when set', () => {
    const settings = { ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, A: { ...DEFAULT_RULES.tiers.A, maxOverdueBalance: 100_000 } } };
    const c = customer();
    const metrics = computeMetrics(c, [installment('2026-03-01', 150_000)], behaviourFor('A'), today, settings);
    const d = decideTier({ metrics, overrides: null, previous: null, customer: c, today }, settings);
    expect(d.tier).toBe('B');
    expect(d.reason).toBe('Nivel B: deuda vencida de $ 150.000,00 (máximo para A: $ 100.000,00).');
  });
});

describe('the four inputs: payment history, debt, volume and relationship age', () => {
  it('money sent and not applied softens the tier: receipts on account covering the overdue debt keep A', () => {
    const c = customer();
    const inst = [installment('2026-01-05', 300_000), installment('2026-02-20', 100_000)]; // 64 and 18 days
    const plain = computeMetrics(c, inst, behaviourFor('A'), today, DEFAULT_RULES);
    expect(decideTier({ metrics: plain, overrides: null, previous: null, customer: c, today }, DEFAULT_RULES).tier).toBe('C');
    const covered = computeMetrics(c, inst, behaviourFor('A'), today, DEFAULT_RULES, { customerCode: 'C001', onAccount: 400_000, chequesInPortfolio: 0 });
    const d = decideTier({ metrics: covered, overrides: null, previous: null, customer: c, today }, DEFAULT_RULES);
    expect(d.tier).toBe('A');
    expect(d.reason).toContain('el dinero enviado sin aplicar ($ 400.000,00) cubre toda la deuda vencida ($ 400.000,00)');
    const part = computeMetrics(c, inst, behaviourFor('A'), today, DEFAULT_RULES, { customerCode: 'C001', onAccount: 0, chequesInPortfolio: 300_000 });
    const b = decideTier({ metrics: part, overrides: null, previous: null, customer: c, today }, DEFAULT_RULES);
    expect(b.tier).toBe('A');
    expect(b.reason).toContain('la factura vencida más antigua que no cubre el dinero enviado sin aplicar ($ 300.000,00) tiene 18 días de atraso (máximo para A: 30)');
  });

  it('a young customer whose uncovered debt is large against its invoicing falls one tier, with each input and weight in the reason', () => {
    const c = customer({ createdOn: '2025-09-01' }); // 190 days: C on age
    const inst = [installment('2026-03-01', 200_000)]; // 9 days, 40 % of 500.000 invoiced: C on volume
    const d = decide({ c, inst });
    expect(d.tier).toBe('B');
    expect(d.reason).toBe(
      'Nivel B: puntaje de comportamiento 40 de 100 (A hasta 34, B hasta 59); '
      + 'historial de pagos A (peso 60 %): atraso promedio ponderado 2,0 días (máximo para A: 7); 0 de 24 pagos con más de 15 días de atraso (máximo para A: 10 %); '
      + 'volumen C (peso 20 %): deuda vencida de $ 200.000,00, 40 % de lo facturado en el período ($ 500.000,00; A hasta 10 %, B hasta 30 %); '
      + 'antigüedad C (peso 20 %): 190 días de relación (A desde 730, B desde 365); cumple los límites de A.',
    );
    // An old relationship with the same debt, or the same customer with a small debt, stay A.
    expect(decide({ inst }).tier).toBe('A');
    expect(decide({ c, inst: [installment('2026-03-01', 20_000)] }).tier).toBe('A');
  });

  it('a long relationship and a large volume never lift a customer above its payment history', () => {
    const d = decide({ b: behaviour({ weightedDaysLate: 12, lateCount: 1 }) });
    expect(d.tier).toBe('B');
    expect(d.reason).toBe('Nivel B: atraso promedio ponderado 12,0 días (máximo para A: 7).');
  });

  it('weights come from the rules: with volume and age at 0 only the limits decide', () => {
    const c = customer({ createdOn: '2025-09-01' });
    const settings = { ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, weights: { history: 100, volume: 0, age: 0 } } };
    const metrics = computeMetrics(c, [installment('2026-03-01', 200_000)], behaviourFor('A'), today, settings);
    expect(decideTier({ metrics, overrides: null, previous: null, customer: c, today }, settings).tier).toBe('A');
  });
});

describe('new customers', () => {
  const young = customer({ createdOn: '2026-01-20' });

  it('get the configured tier with few payments and a young relationship', () => {
    const d = decide({ c: young, b: behaviour({ paymentCount: 1, weightedDaysLate: 40, lateCount: 1 }) });
    expect(d.tier).toBe('B');
    expect(d.rule).toBe('nuevo');
    expect(d.reason).toBe('Nivel B por ser cliente nuevo: 1 pago en el período (se requieren 3) y 49 días de relación (se requieren 90).');
  });

  it('without a creation date and without payments are new', () => {
    const d = decide({ c: customer({ createdOn: null }), b: null });
    expect(d.rule).toBe('nuevo');
    expect(d.reason).toContain('sin fecha de alta ni pagos registrados');
  });

  it('are not new with enough payments or an old relationship', () => {
    expect(decide({ c: young, b: behaviour({ paymentCount: 3 }) }).rule).toBe('criterios');
    expect(decide({ b: behaviour({ paymentCount: 1 }) }).rule).toBe('criterios');
    expect(decide({ c: customer({ createdOn: null }), b: behaviour({ paymentCount: 1 }) }).rule).toBe('criterios');
  });

  it('70 days late is not "new": C', () => {
    const d = decide({ c: young, b: null, inst: [installment('2025-12-30', 5000)] });
    expect(d.tier).toBe('C');
    expect(d.rule).toBe('criterios');
    expect(d.reason).toContain('cliente nuevo');
    expect(d.reason).toContain('70 días de atraso (máximo para B: 60)');
  });
});

describe('fixed tier and history', () => {
  it('a fixed tier overrides the criteria and the hold', () => {
    const d = decide({ b: behaviourFor('C'), overrides: { fixedTier: 'A' }, previous: state('C') });
    expect(d).toMatchObject({ tier: 'A', rule: 'fijo', computedTier: 'C', changed: true, since: today, previousTier: 'C' });
    expect(d.reason).toContain('Nivel A fijado manualmente por el personal (por criterios correspondería C)');
    const again = decide({ b: behaviourFor('C'), overrides: { fixedTier: 'A' }, previous: tierStateOf(d), on: '2026-03-11' });
    expect(again).toMatchObject({ tier: 'A', changed: false, since: today });
  });

  it('first decision is recorded as a change', () => {
    expect(decide({}).changed).toBe(true);
  });

  it('worsening is immediate and drops any candidate', () => {
    const d = decide({ b: behaviourFor('C'), previous: state('A', '2025-01-01', null, null) });
    expect(d).toMatchObject({ tier: 'C', previousTier: 'A', changed: true, rule: 'empeora', since: today, candidate: null });
    expect(d.reason).toMatch(/^Baja de A a C\. Nivel C: /);
  });

  it('improving waits for the hold period', () => {
    const d = decide({ previous: state('C') });
    expect(d).toMatchObject({ tier: 'C', computedTier: 'A', changed: false, rule: 'espera-mejora', candidate: 'A', candidateSince: today });
    expect(d.reason).toContain('Se mantiene en C: cumple los criterios de A desde el 10/03/2026 y sube el 09/05/2026 si los mantiene (espera de 60 días)');
    const day59 = decide({ previous: tierStateOf(d), on: addDays(today, 59) });
    expect(day59).toMatchObject({ tier: 'C', candidate: 'A', candidateSince: today });
    const day60 = decide({ previous: tierStateOf(day59), on: addDays(today, 60) });
    expect(day60).toMatchObject({ tier: 'A', changed: true, rule: 'mejora', candidate: null, previousTier: 'C' });
    expect(day60.reason).toMatch(/^Sube de C a A: cumple los criterios de A desde el 10\/03\/2026 \(60 días; espera requerida: 60\)/);
  });

  it('a candidate that stops qualifying is dropped', () => {
    const waiting = decide({ previous: state('C') });
    const relapse = decide({ b: behaviourFor('C'), previous: tierStateOf(waiting), on: addDays(today, 30) });
    expect(relapse).toMatchObject({ tier: 'C', candidate: null, candidateSince: null });
    const restart = decide({ previous: tierStateOf(relapse), on: addDays(today, 31) });
    expect(restart).toMatchObject({ tier: 'C', candidate: 'A', candidateSince: addDays(today, 31) });
  });

  it('C → A goes to the best tier that held the whole period', () => {
    const waiting = decide({ previous: state('C') }); // A qualifies from day 0
    const onlyB = decide({ b: behaviourFor('B'), previous: tierStateOf(waiting), on: addDays(today, 20) });
    expect(onlyB).toMatchObject({ tier: 'C', candidate: 'B', candidateSince: today });
    const backToA = decide({ previous: tierStateOf(onlyB), on: addDays(today, 60) });
    expect(backToA).toMatchObject({ tier: 'B', rule: 'mejora', candidate: 'A', candidateSince: addDays(today, 60) });
  });
});
