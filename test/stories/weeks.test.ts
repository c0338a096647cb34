/**
 * Two weeks of collections on the Tango and Bejerman demos, one cycle per
 * business day, with the test acting as staff and customers: promises (one
 * kept through a partial payment, one broken, one made on the due date), a
 * dispute, a receipt on account, a tier override and recorded contacts. Each
 * day it reads what staff receive — the digest entries, amounts, messages and
 * letters — and the ERP's alert line, with the amounts computed from the ERP
 * tables themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { addDays } from '../../rules/dates';
import type { IsoDate, Tier } from '../../rules/types';
import { readAndPlan } from '../../service/cycle/read-and-plan';
import { pesos } from '../e2e/helpers';
import { businessDays, DEMO_START, openStory, type Day, type Entry, type Story } from './story';

const d = (iso: IsoDate): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const sum = (xs: { pending: number }[]): number => Math.round(xs.reduce((s, x) => s + x.pending, 0) * 100) / 100;

function entryOf(day: Day, code: string): Entry | undefined {
  return day.entries.find((e) => e.code === code);
}

/** What must hold every day, for every entry. */
function checkDay(day: Day): void {
  const codes = day.entries.map((e) => e.code);
  // One entry per customer per day, across every assignee's digest.
  expect(new Set(codes).size, `${day.date}: ${codes.join(' ')}`).toBe(codes.length);
  for (const e of day.entries) {
    expect(e.text, `${day.date} ${e.code}`).not.toMatch(/Total (vencido|a vencer): \$ 0,00/);
    expect(e.text).not.toMatch(/^Total: \$ 0,00/m);
    // Contacts and letters list what staff recorded, never the generated steps.
    expect(e.text).not.toMatch(/Contactos registrados:.*(D[+-]\d|PROMESA-)/);
    expect(e.text).not.toMatch(/^- \d\d\/\d\d\/\d{4}: (D[+-]\d|PROMESA)/m);
    expect(e.text).not.toMatch(/undefined|NaN|\{\{/);
  }
}

describe.each(['tango', 'bejerman'] as const)('two weeks of collections on the %s demo', (erp) => {
  let story: Story;
  const days = new Map<IsoDate, Day>();
  let pre: Entry;
  let keeper: Entry;
  let breaker: Entry;
  let disputer: Entry;
  let onAccount: Entry;
  let reclass: Entry;
  let letter: Entry;
  let keeperPaid = 0;
  let onAccountAmount = 0;
  let onAccountOverdue = 0;
  let newTier: Tier;
  let preDue: IsoDate;
  const promised = addDays(DEMO_START, 8); // 10/11/2026
  const d1 = addDays(DEMO_START, 1);
  const d2 = addDays(DEMO_START, 2);
  const firstAfterGrace = '2026-11-16'; // promised 10/11 + 3 days of grace = 13/11 (Friday)
  const settled = '2026-11-19';
  const lastDay = '2026-11-30';
  let paidInstallments = 0;

  beforeAll(async () => {
    story = await openStory(erp);
    const { ctx } = story;
    const day0 = await story.run(DEMO_START);
    days.set(DEMO_START, day0);
    const unapplied = (await readAndPlan(ctx, { asOf: DEMO_START })).unappliedOf;
    const clean = (e: Entry) => !unapplied.has(e.code) && !/a vencer/.test(e.text);
    pre = day0.entries.find((e) => /Comprobantes a vencer/.test(e.text))!;
    letter = day0.entries.find((e) => /--- Carta ---/.test(e.text) && e.code !== pre.code)!;
    const pool = day0.entries.filter((e) => clean(e) && e.code !== letter.code);
    [keeper, breaker, disputer, onAccount, reclass] = pool as [Entry, Entry, Entry, Entry, Entry];
    expect([pre, letter, keeper, breaker, disputer, onAccount, reclass].every(Boolean)).toBe(true);
    preDue = /vence (\d\d)\/(\d\d)\/(\d{4})/.exec(pre.text)!.slice(1).reverse().join('-');

    // Day 1: two promises, a dispute, a receipt on account, a tier override, a contact.
    const keeperOldest = (await story.openInstallments(keeper.code, d1))[0]!;
    await recordContact(ctx.db, ctx.tables, {
      customerCode: keeper.code, on: d1, outcome: 'promesa', promiseDate: promised, promiseAmount: keeperOldest.pending, user: 'historia',
    });
    await recordContact(ctx.db, ctx.tables, {
      customerCode: breaker.code, on: d1, outcome: 'promesa', promiseDate: promised, promiseAmount: 50_000, user: 'historia',
    });
    // A promise recorded on the due date itself, for two days later, never paid.
    await recordContact(ctx.db, ctx.tables, {
      customerCode: pre.code, on: preDue, outcome: 'promesa', promiseDate: addDays(preDue, 2), promiseAmount: 1_000, user: 'historia',
    });
    await setCustomerFlags(ctx.db, ctx.tables, disputer.code, { dispute: true, note: 'Reclama una diferencia de precio' });
    onAccountOverdue = sum(await story.openInstallments(onAccount.code, d1));
    onAccountAmount = Math.round(onAccountOverdue / 3 * 100) / 100;
    await story.receiveOnAccount(onAccount.code, d1, onAccountAmount);
    newTier = reclass.tier === 'C' ? 'A' : 'C';
    await setCustomerFlags(ctx.db, ctx.tables, reclass.code, { fixedTier: newTier });
    await recordContact(ctx.db, ctx.tables, { customerCode: letter.code, on: d1, outcome: 'sin_respuesta', user: 'historia' });
    days.set(d1, await story.run(d1));
    await recordContact(ctx.db, ctx.tables, { customerCode: letter.code, on: d2, outcome: 'contactado', user: 'historia' });

    for (const day of businessDays(ctx, d2, lastDay)) {
      // The keeper pays the installment it promised, in full, before the promised date.
      if (day === '2026-11-06') keeperPaid = await story.payOldest(keeper.code, day);
      // The customer with money on account settles everything overdue.
      if (day === settled) paidInstallments = await story.payAll(onAccount.code, day);
      days.set(day, await story.run(day));
    }
  }, 240_000);

  afterAll(async () => {
    await story?.close();
  });

  it('every day: one entry per customer, no $ 0,00 totals, contacts in words and never task codes', () => {
    expect(days.size).toBeGreaterThanOrEqual(18);
    for (const day of days.values()) checkDay(day);
  });

  it('a pre-due reminder totals what falls due, in the digest and in the message', async () => {
    const due = /Comprobantes a vencer:\n((?: {2}.+\n)+?) {2}Total a vencer: (\$ [\d.,]+)/.exec(pre.text)!;
    const amounts = [...due[1]!.matchAll(/(\$ [\d.,]+)\n/g)].map((m) => m[1]);
    // «vence 10/11/2026  en 1 día», never «en 1 días» nor «en 0 días».
    for (const row of due[1]!.trimEnd().split('\n')) expect(row).toMatch(/ vence \d\d\/\d\d\/\d{4} {2}(hoy|en 1 día|en ([2-9]|\d{2,}) días) {2}\$ /);
    expect(amounts.length).toBeGreaterThan(0);
    expect(due[2]).not.toBe('$ 0,00');
    if (amounts.length === 1) expect(due[2]).toBe(amounts[0]);
    expect(pre.text).not.toContain('Comprobantes vencidos');
    expect(pre.text).toMatch(new RegExp(`^Total: ${due[2]!.replace(/[$.]/g, '\\$&')}$`, 'm'));
  });

  it('partial cover: money already sent is deducted and shown; a step still open says since when', () => {
    const day = days.get(d1)!;
    const e = entryOf(day, onAccount.code)!;
    expect(e).toBeDefined();
    expect(e.text).toContain(`Total vencido: ${pesos(onAccountOverdue)}`);
    expect(e.text).toContain(`Menos pagos recibidos a cuenta: ${pesos(onAccountAmount)}`);
    expect(e.text).toContain(`A reclamar: ${pesos(onAccountOverdue - onAccountAmount)}`);
    // The step shown yesterday is still open today, and says since when; so does the ERP's alert.
    expect(e.text).toContain(`pendiente desde el ${d(DEMO_START)}`);
    expect(day.alerts.get(onAccount.code)).toMatch(new RegExp(`próximo: D\\+\\d+ \\([^)]+\\) pendiente desde el ${d(DEMO_START)}`));
  });

  it('a customer who pays everything overdue leaves the digests the same day, its tasks closed as paid', async () => {
    expect(paidInstallments).toBeGreaterThan(0);
    expect(entryOf(days.get(addDays(settled, -1))!, onAccount.code)).toBeDefined();
    for (const [date, day] of days) if (date >= settled) expect(entryOf(day, onAccount.code), date).toBeUndefined();
    const open = await story.ctx.db(story.ctx.tables.tarea).where({ COD_CLIENT: onAccount.code, ESTADO: 'pendiente' });
    expect(open).toEqual([]);
    const paid = await story.ctx.db(story.ctx.tables.tarea).where({ COD_CLIENT: onAccount.code, MOTIVO_CIERRE: 'pagada' });
    expect(paid.length).toBeGreaterThan(0);
  });

  it('cheques in portfolio reduce what the demand letter claims (Tango keeps them in SBA14)', async () => {
    if (erp !== 'tango') return;
    const day0 = days.get(DEMO_START)!;
    const unapplied = (await readAndPlan(story.ctx, { asOf: DEMO_START })).unappliedOf;
    const withCheques = day0.entries.filter((e) => (unapplied.get(e.code)?.chequesInPortfolio ?? 0) > 0 && /--- Carta ---/.test(e.text));
    expect(withCheques.length).toBeGreaterThan(0);
    for (const e of withCheques) {
      const u = unapplied.get(e.code)!;
      const overdue = sum(await story.openInstallments(e.code, DEMO_START));
      const claimed = Math.max(0, overdue - u.chequesInPortfolio - u.onAccount);
      expect(e.text).toContain(`Total vencido: ${pesos(overdue)}`);
      expect(e.text).toContain(`Menos cheques en cartera: ${pesos(u.chequesInPortfolio)}`);
      expect(e.text).toContain(`A reclamar: ${pesos(claimed)}`);
      const carta = e.text.slice(e.text.indexOf('--- Carta ---'));
      expect(carta).toContain(`cheques en cartera por ${pesos(u.chequesInPortfolio)}`);
      expect(carta).toMatch(new RegExp(`(cancelar la suma de|el saldo a cancelar es de) ${pesos(claimed).replace(/[$.]/g, '\\$&')}`));
    }
  });

  it('a letter lists the contacts staff recorded, in words with their dates', () => {
    const e = entryOf(days.get(addDays(DEMO_START, 3))!, letter.code)!;
    expect(e).toBeDefined();
    expect(e.text).toContain(`Contactos registrados: ${d(d1)}: sin respuesta; ${d(d2)}: contactado`);
    const carta = e.text.slice(e.text.indexOf('--- Carta ---'));
    expect(carta).toMatch(new RegExp(`- ${d(d1)}: sin respuesta\\n- ${d(d2)}: contactado\\n`));
  });

  it('a promise pauses what is already open: listed apart, not contacted, until it expires', () => {
    for (const [date, day] of days) {
      if (date < d1 || date > addDays(promised, 3)) continue;
      for (const who of [keeper, breaker]) {
        expect(entryOf(day, who.code), `${date} ${who.code}`).toBeUndefined();
        const paused = day.digests.map((x) => x.text).join('\n');
        expect(paused).toMatch(new RegExp(
          `EN PAUSA — .+ \\(cód\\. ${who.code}\\), nivel [ABC]: no contactar hoy\\.\\n`
          + `Promesa de pago de \\$ [\\d.,]+ para el ${d(promised)}, vigente hasta el ${d(addDays(promised, 3))}\\. `
          + 'Pasos abiertos que esperan: D\\+\\d+',
        ));
      }
    }
  });

  it('a broken promise is followed up once it expires, with the promise in words', () => {
    const e = entryOf(days.get(firstAfterGrace)!, breaker.code)!;
    expect(e).toBeDefined();
    expect(e.text).toContain(`Promesa incumplida: iba a pagar $ 50.000,00 el ${d(promised)}.`);
    expect(e.text).toContain(`Contactos registrados: ${d(d1)}: promesa de pago de $ 50.000,00 para el ${d(promised)}`);
    if (/--- Teléfono/.test(e.text)) expect(e.text).toContain(`promesa de pago para el ${d(promised)} por $ 50.000,00 que no se cumplió`);
  });

  it('a promise kept through a partial payment is never reported broken', async () => {
    expect(keeperPaid).toBeGreaterThan(0);
    for (const day of days.values()) {
      const e = entryOf(day, keeper.code);
      if (e) expect(e.text, day.date).not.toContain('Promesa incumplida');
    }
    const followUps = await story.ctx.db(story.ctx.tables.tarea).where({ COD_CLIENT: keeper.code }).where('PASO', 'like', 'PROMESA-%');
    expect(followUps).toEqual([]);
  });

  it('a promise recorded on the due date counts for the overdue period, and is followed up once broken', () => {
    const end = addDays(preDue, 2 + 3);
    const after = [...days.keys()].filter((x) => x > end).sort();
    const e = after.map((x) => entryOf(days.get(x)!, pre.code)).find((x) => x && /Promesa incumplida/.test(x.text));
    expect(e?.text).toContain(`Promesa incumplida: iba a pagar $ 1.000,00 el ${d(addDays(preDue, 2))}.`);
  });

  it('a dispute takes the customer out of every digest; a tier override shows the next day', () => {
    for (const [date, day] of days) if (date >= d1) expect(entryOf(day, disputer.code), date).toBeUndefined();
    const e = entryOf(days.get(d1)!, reclass.code);
    expect(e?.tier).toBe(newTier);
  });
});
