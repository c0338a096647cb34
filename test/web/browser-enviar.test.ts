/**
 * Issue 18 in a real browser: from a customer's page, «Enviar por correo»
 * shows exactly what will go out, «Confirmar y enviar» sends it through the
 * real SMTP server on 127.0.0.1 to the customer's address, with the statement
 * PDF, and the task leaves Hoy.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_START, smtpMail } from '../e2e/helpers';
import { startSmtp, type TestSmtp } from '../mail/helpers';
import { problemsOf, shot, suiteBrowser } from './browser';
import { openWebCompany, type WebCompany } from './helpers';
import { signedInPage, visible } from './story';

const ROSSI = '000032'; // the collector's customer, step D+30, cobranzas@rossi.com.ar in the ERP

describe('«Enviar por correo» in chromium', () => {
  const b = suiteBrowser();
  let w: WebCompany;
  let smtp: TestSmtp;
  let sending: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    await b.open();
    smtp = await startSmtp();
    w = await openWebCompany({
      tag: 'web-browser-enviar',
      asOf: DEMO_START,
      configure: (config) => ({ ...config, mail: smtpMail(config, smtp.port) }),
      server: { mailQueued: () => { sending = w.send(w.day.now); } },
    });
    await w.cycle(DEMO_START);
    await w.send(w.day.now); // the staff digests go out first
    smtp.received.splice(0);
  }, 300_000);
  afterAll(async () => {
    await b.close();
    await w?.close();
    await smtp?.close();
  });

  it('previews, sends once to the customer with the statement, and the customer leaves Hoy', async () => {
    const collector = w.config.staff.collector;
    const page = await signedInPage(b, w, collector.email, 1280);
    await page.goto(`${w.url}/cliente/${ROSSI}`);
    await page.getByRole('link', { name: 'Enviar por correo' }).first().click();
    await page.waitForURL((u) => u.pathname === `/cliente/${ROSSI}/enviar`);
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('cobranzas@rossi.com.ar');
    expect(preview).toMatch(/estado-de-cuenta-000032-2026-11-02\.pdf/);
    await shot(page, 'enviar-vista-previa');
    expect(smtp.received).toHaveLength(0); // the preview sent nothing
    await page.getByRole('button', { name: 'Confirmar y enviar' }).click();
    await page.waitForURL((u) => u.pathname === '/hoy');
    await visible(page.getByText(/Correo enviado a cobranzas@rossi\.com\.ar/));
    expect(await page.locator(`article[data-cliente="${ROSSI}"]`).count()).toBe(0);
    await sending;
    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0]!.raw);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('cobranzas@rossi.com.ar');
    expect(mail.attachments.map((a) => a.filename)).toEqual(['estado-de-cuenta-000032-2026-11-02.pdf']);
    expect(mail.text).toContain('Rossi Hnos. SA');
    expect(problemsOf(page)).toEqual([]);
    await page.context().close();
  });
});
