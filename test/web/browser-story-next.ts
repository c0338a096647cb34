/**
 * The rest of issue 16's browser story, run by browser-story.test.ts (this
 * file has its own server and browser): a promise recorded through
 * «Registrar resultado» takes the customer off Hoy, the next digest shows it
 * paused, and when the date passes unpaid it comes back; a supervisor
 * reassigns on Supervisión and the new owner sees it; a cobrador gets 404 for
 * another person's customer pages and POSTs; a form without its CSRF token is
 * refused and records nothing.
 *
 * Selectors follow the forms (labels, Spanish button text): the outcome radios
 * «Promesa de pago», «Fecha prometida», «Importe prometido», button
 * «Registrar»; on Supervisión the search «Cliente (código)» → «Ver marcas y
 * reasignar», the select «Reasignar las tareas pendientes de <code> a»,
 * button «Reasignar».
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import type { IsoDate } from '../../rules/types';
import { DEMO_START } from '../e2e/helpers';
import { problemsOf, shot, suiteBrowser } from './browser';
import { openWebCompany, type WebCompany } from './helpers';
import { digestOf, expectFitsPhone, expectHoyAsDigest, morning, signedInPage, signInByLink, signInLinkOf, visible } from './story';

/** dd/mm/aaaa as staff read it. */
function ar(day: IsoDate): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** A date input: type="date" takes AAAA-MM-DD whatever the locale shows; a text input takes dd/mm/aaaa. */
async function fillDate(page: Page, label: string, day: IsoDate): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill((await input.getAttribute('type')) === 'date' ? day : ar(day));
}

/**
 * From Hoy: the customer's «Registrar resultado» → «Promesa de pago», date, amount → «Registrar».
 * Ends back on Hoy with «Resultado registrado.».
 */
export async function recordPromiseInBrowser(page: Page, base: string, code: string, promiseDate: IsoDate, amount: string): Promise<void> {
  await page.goto(`${base}/hoy`);
  await page.locator(`article[data-cliente="${code}"]`).getByRole('link', { name: 'Registrar resultado' }).click();
  await page.waitForURL((u) => u.pathname === `/cliente/${code}/resultado`);
  await visible(page.getByRole('heading', { name: new RegExp(`^Registrar resultado · .*\\(${code}\\)$`) }));
  await page.getByRole('radio', { name: 'Promesa de pago', exact: true }).check();
  await fillDate(page, 'Fecha prometida', promiseDate);
  await page.getByLabel('Importe prometido', { exact: true }).fill(amount);
  await page.getByRole('button', { name: 'Registrar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/hoy');
  expect((await page.getByRole('status').innerText()).trim()).toBe('Resultado registrado.');
}

/** Supervisión: look the customer up, pick the new person, «Reasignar». */
async function reassignInBrowser(page: Page, base: string, code: string, toEmail: string): Promise<void> {
  await page.goto(`${base}/supervisor`);
  await page.getByLabel('Cliente (código)', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Ver marcas y reasignar' }).click();
  const panel = page.locator('#panel-cliente');
  await visible(panel);
  await panel.getByLabel(`Reasignar las tareas pendientes de ${code} a`).selectOption(toEmail);
  await panel.getByRole('button', { name: 'Reasignar', exact: true }).click();
  expect((await page.getByRole('status').innerText()).trim()).toBe('Tarea reasignada.');
}

/** The status of a form POST sent by the browser itself (its cookies), with the given fields. */
async function postAs(page: Page, url: string, form: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await page.request.post(url, { form, maxRedirects: 0 });
  return { status: res.status(), text: await res.text() };
}

export function restOfStory(): void {
  describe('issue 16 in chromium: outcomes, supervision and access (pages of web-resultado, web-super, Cliente)', () => {
    const b = suiteBrowser();
    let w: WebCompany;
    const day1 = DEMO_START;

    beforeAll(async () => {
      await b.open();
      w = await openWebCompany({ tag: 'web-browser-next', asOf: day1 });
      await morning(w, day1);
    }, 60_000);

    afterAll(async () => {
      await b.close();
      await w?.close();
    });

    it('a promise recorded on «Registrar resultado» takes the customer off Hoy; the next digest has it paused; unpaid, it comes back', async () => {
      const collector = w.config.staff.collector;
      const digest = await digestOf(w, collector.email, day1);
      const promiser = digest.contact.find((c) => c.tier !== 'C') ?? digest.contact[0]!;
      const page = await b.newPage({ width: 375 });
      await signInByLink(page, signInLinkOf(w, digest), collector.email);
      await page.goto(`${w.url}/cliente/${promiser.code}/resultado`);
      await expectFitsPhone(page);
      await shot(page, 'resultado');
      await recordPromiseInBrowser(page, w.url, promiser.code, addDays(day1, 4), '300.000,00');
      expect(await page.locator(`article[data-cliente="${promiser.code}"]`).count()).toBe(0);
      expect(await page.locator(`tr[data-cliente="${promiser.code}"]`).innerText()).toContain('promesa de pago vigente');

      const day2 = addDays(day1, 1);
      await morning(w, day2);
      const next = await digestOf(w, collector.email, day2);
      expect(next.paused.map((c) => c.code)).toEqual([promiser.code]);
      expect(next.text).toContain(`Promesa de pago de $ 300.000,00 para el ${ar(addDays(day1, 4))}`);
      await signInByLink(page, signInLinkOf(w, next), collector.email);
      await expectHoyAsDigest(page, next);

      const broken = addDays(day1, 8);
      await morning(w, broken);
      const later = await digestOf(w, collector.email, broken);
      expect(later.text).toContain(`Promesa incumplida: iba a pagar $ 300.000,00 el ${ar(addDays(day1, 4))}.`);
      await signInByLink(page, signInLinkOf(w, later), collector.email);
      await expectHoyAsDigest(page, later);
      expect(await page.locator(`article[data-cliente="${promiser.code}"]`).count()).toBe(1);
      expect(problemsOf(page)).toEqual([]);
      await page.context().close();
    });

    it('the supervisor reassigns a customer: the new owner sees it on Hoy, the old one no longer; the next digest follows', async () => {
      const { collector, supervisor } = w.config.staff;
      const day = w.day.asOf;
      const from = await digestOf(w, collector.email, day);
      const moved = from.contact[from.contact.length - 1]!;
      // The seller with a digest today (not the collector, not the supervisor) gets it.
      const folder = w.config.mail.folder!;
      const seller = Object.values(w.config.staff.sellers)
        .find((s) => readdirSyncSafe(folder).includes(`${s.email.toLowerCase()}_${day}_resumen.eml`))!;
      expect(seller).toBeDefined();

      const boss = await signedInPage(b, w, supervisor.email, 1280);
      await reassignInBrowser(boss, w.url, moved.code, seller.email.toLowerCase());
      await shot(boss, 'supervision');
      expect(problemsOf(boss)).toEqual([]);

      const newOwner = await signedInPage(b, w, seller.email, 375);
      await newOwner.goto(`${w.url}/hoy`);
      expect(await newOwner.locator(`article[data-cliente="${moved.code}"]`).count()).toBe(1);
      const oldOwner = await signedInPage(b, w, collector.email, 375);
      await oldOwner.goto(`${w.url}/hoy`);
      expect(await oldOwner.locator(`article[data-cliente="${moved.code}"]`).count()).toBe(0);

      const next = addDays(day, 1);
      await morning(w, next);
      const theirs = await digestOf(w, seller.email, next);
      expect(theirs.contact.map((c) => c.code)).toContain(moved.code);
      // A new morning: yesterday's sessions (12 hours) have ended.
      const tomorrow = await signedInPage(b, w, seller.email, 375);
      await tomorrow.goto(`${w.url}/hoy`);
      await expectHoyAsDigest(tomorrow, theirs);
      for (const p of [boss, newOwner, oldOwner, tomorrow]) await p.context().close();
    });

    it("a cobrador can neither read nor change another person's customer: pages and POSTs answer 404", async () => {
      const { collector, supervisor } = w.config.staff;
      const mine = await digestOf(w, collector.email, w.day.asOf);
      const others = await digestOf(w, supervisor.email, w.day.asOf);
      const foreign = others.contact.find((c) => !mine.contact.some((m) => m.code === c.code))!;
      expect(foreign).toBeDefined();
      const page = await signedInPage(b, w, collector.email, 375);
      const own = await page.goto(`${w.url}/cliente/${mine.contact[0]!.code}/resultado`);
      expect(own?.status()).toBe(200);
      const ownPage = await page.goto(`${w.url}/cliente/${mine.contact[0]!.code}`);
      expect(ownPage?.status()).toBe(200);
      for (const path of [`/cliente/${foreign.code}`, `/cliente/${foreign.code}/resultado`, `/cliente/${foreign.code}/estado-de-cuenta.pdf`]) {
        const res = await page.goto(`${w.url}${path}`);
        expect(res?.status(), path).toBe(404);
        await visible(page.getByRole('heading', { name: 'No encontrado' }));
      }
      // A valid token from one of her own forms: the refusal is about the customer, not the form.
      await page.goto(`${w.url}/cliente/${mine.contact[0]!.code}/resultado`);
      const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;
      const post = await postAs(page, `${w.url}/cliente/${foreign.code}/resultado`, { _csrf: csrf, resultado: 'contactado', tarea: 'auto' });
      expect(post.status).toBe(404);
      const reassign = await postAs(page, `${w.url}/supervisor/reasignar`, { _csrf: csrf, cliente: foreign.code, a: collector.email.toLowerCase() });
      expect(reassign.status).toBe(404);
      await page.context().close();
    });

    it('«Registrar» without the CSRF token is refused (403) and nothing is recorded', async () => {
      const collector = w.config.staff.collector;
      const code = (await digestOf(w, collector.email, w.day.asOf)).contact[0]!.code;
      const before = await contacts(w, code);
      const page = await signedInPage(b, w, collector.email, 375);
      await page.goto(`${w.url}/cliente/${code}/resultado`);
      await page.getByRole('radio', { name: 'Contactado', exact: true }).check();
      await page.evaluate(`document.querySelectorAll('main form input[name="_csrf"]').forEach((e) => e.remove())`);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${w.url}/cliente/${code}/resultado` && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Registrar', exact: true }).click(),
      ]);
      expect(res.status()).toBe(403);
      await visible(page.getByRole('heading', { name: 'Formulario vencido' }));
      expect(await contacts(w, code)).toBe(before);
      await page.context().close();
    });
  });
}

async function contacts(w: WebCompany, code: string): Promise<number> {
  const rows = (await w.ctx.db(w.ctx.tables.contacto).where({ COD_CLIENT: code }).count({ n: '*' })) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

function readdirSyncSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
