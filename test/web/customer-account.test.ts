/**
 * The web page of one customer reads only that customer: on the SQLite demo
 * ERP, after two cycles a month apart and a recorded promise in between, the
 * per-customer read gives exactly what the full read gives (installments,
 * behaviour, money not applied, tier and plan), an unknown code gives null,
 * and the timeline reads as staff read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContact } from '../../connector/addon/staff-input';
import { groupByCustomer, loadInputs, readAndPlan, readOptions } from '../../service/cycle/read-and-plan';
import { explainTier } from '../../service/cycle/tier-explanation';
import { loadCustomerAccount } from '../../service/web/customer-account';
import type { IsoDate, OpenInstallment } from '../../rules/types';
import { DEMO_START, openDemoCompany, type Company } from '../e2e/helpers';

const LATER: IsoDate = '2026-12-02';
let company: Company;

beforeAll(async () => {
  company = await openDemoCompany({ tag: 'web-account' });
  await company.cycle(DEMO_START);
  await recordContact(company.ctx.db, company.ctx.tables, {
    customerCode: '000056', on: '2026-11-04', outcome: 'promesa', promiseDate: '2026-11-10', promiseAmount: 500_000,
    user: 'María Gómez',
  });
  await company.cycle(LATER);
}, 300_000);
afterAll(async () => company?.close());

/** The full read of the cycle: every customer's installments, inputs and plan. */
async function fullRead(asOf: IsoDate, codes: string[]) {
  const { ctx } = company;
  const inputs = await loadInputs(ctx, asOf);
  const installments = new Map<string, OpenInstallment[]>();
  for await (const [code, group] of groupByCustomer(ctx.profile.openInstallments(ctx.db, readOptions(ctx, asOf), inputs.onIssue), inputs.onIssue)) {
    installments.set(code, group.filter((i) => i.pending > ctx.config.rules.amounts.tolerance));
  }
  const cycle = await readAndPlan(ctx, { asOf, explain: new Set(codes) });
  return { inputs, installments, cycle };
}

describe('loadCustomerAccount on the demo ERP', () => {
  it('reads one customer exactly as the full read sees it', async () => {
    const { ctx } = company;
    const all = [...(await loadInputs(ctx, LATER)).customers.keys()].sort();
    const codes = all; // every demo customer: with and without debt, money on account, promises
    const full = await fullRead(LATER, codes);
    let withInstallments = 0;
    let withUnapplied = 0;
    for (const code of codes) {
      const account = await loadCustomerAccount(ctx, code, LATER);
      expect(account, code).not.toBeNull();
      expect(account!.customer).toEqual(full.inputs.customers.get(code));
      expect(account!.installments, code).toEqual(full.installments.get(code) ?? []);
      expect(account!.behaviour, code).toEqual(full.inputs.behaviourOf.get(code) ?? null);
      const u = full.inputs.unappliedOf.get(code);
      expect(account!.unapplied, code).toEqual({ onAccount: u?.onAccount ?? 0, chequesInPortfolio: u?.chequesInPortfolio ?? 0 });
      const plan = full.cycle.customerPlans.get(code)!;
      expect(account!.tier, code).toEqual(explainTier(plan.tier, ctx.config.rules.tiers, LATER));
      expect(account!.today.suppressedBy, code).toBe(plan.alert?.suppressedBy ?? null);
      expect(account!.today.nextStepId, code).toBe(plan.alert?.nextStepId ?? null);
      if (account!.installments.length > 0) withInstallments += 1;
      if (account!.unapplied.onAccount + account!.unapplied.chequesInPortfolio > 0) withUnapplied += 1;
    }
    expect(withInstallments).toBeGreaterThan(5);
    expect(withUnapplied).toBeGreaterThan(0);
  }, 300_000);

  it('gives null for a code the ERP does not have', async () => {
    expect(await loadCustomerAccount(company.ctx, 'NO-EXISTE', LATER)).toBeNull();
  });

  it('shows the tier explained and a timeline staff can read, newest first', async () => {
    const account = (await loadCustomerAccount(company.ctx, ' 000056 ', LATER))!;
    expect(account.customer.code).toBe('000056');
    expect(account.tier.scoreLine).toBe('puntaje de comportamiento 70 de 100: A hasta 34, B hasta 59');
    const promise = account.timeline.find((e) => e.kind === 'promesa');
    expect(promise).toEqual({ on: '2026-11-04', kind: 'promesa', text: 'Promesa de pago: $ 500.000,00 para el 10/11/2026', user: 'María Gómez' });
    const tiers = account.timeline.filter((e) => e.kind === 'nivel');
    expect(tiers.at(-1)).toMatchObject({ on: DEMO_START, kind: 'nivel' });
    expect(tiers.at(-1)!.text).toMatch(/^Primer cálculo del nivel\. Nivel C: /);
    const ons = account.timeline.map((e) => e.on);
    expect(ons).toEqual([...ons].sort().reverse());
    expect(account.timeline.slice(0, 3).map((e) => e.text)).toEqual([
      'Paso PROMESA-1 (Teléfono, cobrador): pendiente', // the broken promise's follow-up
      'Promesa de pago: $ 500.000,00 para el 10/11/2026',
      'Paso D+90 (Carta, Correo electrónico, supervisor): pendiente',
    ]);
    expect(account.timeline).toContainEqual({
      on: DEMO_START, kind: 'tarea', text: 'Paso D+7 (Teléfono, WhatsApp, cobrador): omitida (el atraso ya la había superado)', user: 'Laura Gómez',
    });
    // 000032 went from B to C on the second cycle: the change reads as the tier history stored it.
    const b = (await loadCustomerAccount(company.ctx, '000032', LATER))!;
    // Planned again the day of that cycle: C since then, by its criteria (the change is history now).
    expect(b.tier.headline).toBe('NIVEL C desde 02/12/2026 · regla: criterios');
    expect(b.timeline.filter((e) => e.kind === 'nivel')).toEqual([
      {
        on: LATER, kind: 'nivel',
        text: 'Baja de B a C. Nivel C: la factura vencida más antigua que no cubre el dinero enviado sin aplicar ($ 29.985,43) tiene 73 días de atraso (máximo para B: 60).',
      },
      {
        on: DEMO_START, kind: 'nivel',
        text: 'Primer cálculo del nivel. Nivel B: atraso promedio ponderado 12,1 días (máximo para A: 7); 4 de 11 pagos con más de 15 días de atraso (máximo para A: 10 %); la factura vencida más antigua que no cubre el dinero enviado sin aplicar ($ 29.985,43) tiene 43 días de atraso (máximo para A: 30).',
      },
    ]);
  }, 60_000);
});
