/**
 * Steps of issue 16's browser story, shared by the browser suites: read a
 * person's digest from the .eml file the cycle wrote (mail in folder mode),
 * read Hoy as the page shows it, and compare them; sign in by a one-time link
 * with a click on «Ingresar» (or with a session cookie); run a day's cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { IsoDate } from '../../rules/types';
import { documentWidth, shot, type TestBrowser } from './browser';
import type { WebCompany } from './helpers';

export interface DigestCustomer {
  code: string;
  name: string;
  tier: string;
}

export interface Digest {
  text: string;
  /** «Hoy tenés N clientes para contactar». */
  count: number;
  /** The numbered entries, in the digest's order. */
  contact: DigestCustomer[];
  /** «EN PAUSA — …» entries. */
  paused: DigestCustomer[];
}

/** The digest a person got for a day, read from the .eml file the cycle wrote to the mail folder. */
export async function digestOf(w: WebCompany, email: string, day: IsoDate): Promise<Digest> {
  const folder = w.config.mail.folder;
  if (!folder) throw new Error('La configuración de demostración debería guardar los correos en una carpeta');
  const file = readdirSync(folder).find((f) => f === `${email.toLowerCase()}_${day}_resumen.eml`);
  if (!file) throw new Error(`No hay resumen de ${email} del ${day} en ${folder}: ${readdirSync(folder).join(', ')}`);
  const mail = await simpleParser(readFileSync(join(folder, file)));
  const text = mail.text ?? '';
  const contact = [...text.matchAll(/^\d+\. (.+) \(cód\. (\S+)\) — NIVEL ([ABC])$/gm)].map((m) => ({ name: m[1]!, code: m[2]!, tier: m[3]! }));
  const paused = [...text.matchAll(/^EN PAUSA — (.+) \(cód\. (\S+)\), nivel ([ABC]): no contactar hoy\.$/gm)]
    .map((m) => ({ name: m[1]!, code: m[2]!, tier: m[3]! }));
  const count = /Hoy tenés (\d+) clientes? para contactar/.exec(text);
  return { text, count: count ? Number(count[1]) : 0, contact, paused };
}

/** The newest mail of a kind ('resumen', 'enlace', …) written for a person to the mail folder. */
export async function mailTo(w: WebCompany, email: string, kind: string): Promise<{ subject: string; text: string }> {
  const folder = w.config.mail.folder;
  if (!folder) throw new Error('La configuración de demostración debería guardar los correos en una carpeta');
  const files = readdirSync(folder).filter((f) => f.startsWith(`${email.toLowerCase()}_`) && f.includes(`_${kind}`) && f.endsWith('.eml'))
    .map((f) => ({ f, at: statSync(join(folder, f)).mtimeMs })).sort((a, b) => b.at - a.at);
  if (files.length === 0) throw new Error(`No hay correo «${kind}» para ${email} en ${folder}: ${readdirSync(folder).join(', ')}`);
  const mail = await simpleParser(readFileSync(join(folder, files[0]!.f)));
  return { subject: mail.subject ?? '', text: mail.text ?? '' };
}

/**
 * The one-time sign-in link a digest carries, resolved against the test
 * server (the cycle writes [web] url_publica, not the test server's port).
 */
export function signInLinkOf(w: WebCompany, digest: Digest): string {
  const m = /\/e\/[A-Za-z0-9_-]+(\?\S*)?/.exec(digest.text);
  if (!m) throw new Error('El resumen no trae enlace de ingreso');
  return new URL(m[0], w.url).toString();
}

/** What Hoy shows: the cards (customers to contact) and the «En espera» rows, in page order. */
export async function hoyOf(page: Page): Promise<{ count: string; contact: DigestCustomer[]; paused: { code: string; name: string }[] }> {
  const contact: DigestCustomer[] = [];
  for (const card of await page.locator('article[data-cliente]').all()) {
    contact.push({
      code: (await card.getAttribute('data-cliente')) ?? '',
      name: (await card.locator('h3 a').innerText()).trim(),
      tier: (await card.locator('.nivel').innerText()).trim(),
    });
  }
  const paused: { code: string; name: string }[] = [];
  for (const row of await page.locator('tr[data-cliente]').all()) {
    paused.push({ code: (await row.getAttribute('data-cliente')) ?? '', name: (await row.locator('td a').innerText()).trim() });
  }
  const count = contact.length > 0 ? (await page.locator('main p.dato').first().innerText()).trim() : '';
  return { count, contact, paused };
}

/** Hoy lists exactly what the digest listed: same customers, order and tiers; the paused ones apart. */
export async function expectHoyAsDigest(page: Page, digest: Digest): Promise<void> {
  expect(new URL(page.url()).pathname, 'la página debería ser Hoy').toBe('/hoy');
  const hoy = await hoyOf(page);
  expect(hoy.contact).toEqual(digest.contact);
  expect(hoy.paused).toEqual(digest.paused.map(({ code, name }) => ({ code, name })));
  if (digest.count > 0) {
    expect(hoy.count).toBe(`${digest.count} ${digest.count === 1 ? 'cliente para contactar' : 'clientes para contactar'}, de mayor a menor prioridad.`);
  } else {
    await visible(page.getByText('No tiene clientes para contactar hoy.'));
  }
}

/** Waits until the element is shown (fails after the page's timeout). */
export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/** At 375 px nothing scrolls sideways. */
export async function expectFitsPhone(page: Page): Promise<void> {
  expect(page.viewportSize()?.width).toBe(375);
  expect(await documentWidth(page)).toBeLessThanOrEqual(375);
}

/** Opens a one-time link, checks the confirmation page and clicks «Ingresar»; ends on Hoy. */
export async function signInByLink(page: Page, link: string, email: string, photo?: string): Promise<void> {
  const shown = await page.goto(link);
  expect(shown?.status()).toBe(200);
  await visible(page.getByRole('heading', { name: 'Ingresar' }));
  expect(await page.locator('main').innerText()).toContain(`Enlace de ingreso para ${email.toLowerCase()}.`);
  if (photo) await shot(page, photo);
  await page.getByRole('button', { name: 'Ingresar', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/hoy');
}

/** Runs the cycle of a day, sends its mail to the folder, and moves the worklist's «today» there. */
export async function morning(w: WebCompany, day: IsoDate): Promise<void> {
  w.day.asOf = day;
  w.day.now = new Date(`${day}T11:30:00Z`);
  await w.cycle(day);
  const sent = await w.send(w.day.now);
  expect(sent.failed).toBe(0);
}

/** A page already signed in as `email` (a session cookie, no sign-in pages: for the people the story does not follow). */
export async function signedInPage(
  b: Pick<TestBrowser, 'newPage'>, w: WebCompany, email: string, width: number,
): Promise<Page> {
  const page = await b.newPage({ width });
  const [name, value] = (await w.sessionFor(email)).split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: w.url }]);
  return page;
}
