/**
 * «Enviar por correo» over real HTTP, on the demo company (a cycle on
 * DEMO_START), sending through a real SMTP server on 127.0.0.1: the preview
 * shows exactly what goes out and sends nothing; the POST sends one mail to
 * the customer's address (Reply-To, bounces and the statement PDF as the
 * Cliente page's), records the contact by e-mail and closes the task; a
 * second POST sends nothing; an invalid address is reported and not tried;
 * a collector cannot send for another's customer; the collections contact
 * and the opt-out from the Cliente page.
 */
import { pdfText } from './pdf-text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCustomerReminder, isProblem, queueCustomerReminder } from '../../service/customer-mail/send';
import { DEMO_START, smtpMail } from '../e2e/helpers';
import { startSmtp, type TestSmtp } from '../mail/helpers';
import { decode, pageMessage, pageSubject } from './digest-text';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

type Row = Record<string, unknown>;

let w: WebCompany;
let smtp: TestSmtp;
let collector: WebClient;
let supervisor: WebClient;
/** The drain the server asked for after queueing (mailQueued). */
let sending: Promise<unknown> = Promise.resolve();
let drains = 0;

const ROSSI = '000032'; // Laura Gómez's customer, step D+30, cobranzas@rossi.com.ar in the ERP
const ETCHEGARAY = 'C42'; // Laura Gómez's customer, info@etchegaray.com.ar
const OTHERS = '000033'; // María Fernández's customer

beforeAll(async () => {
  smtp = await startSmtp();
  w = await openWebCompany({
    tag: 'web-enviar',
    asOf: DEMO_START,
    configure: (config) => ({ ...config, mail: smtpMail(config, smtp.port) }),
    server: {
      mailQueued: () => {
        drains += 1;
        sending = w.send(w.day.now);
      },
    },
  });
  // Tango keeps several addresses in one field, some wrong, some twice.
  await w.ctx.db('GVA14').where('COD_CLIENT', ROSSI).update({ E_MAIL: ' cobranzas@rossi.com.ar; pagos rossi@; COBRANZAS@rossi.com.ar ' });
  await w.cycle(DEMO_START);
  // The staff digests of the day go out first: from here on the server only receives mails to customers.
  await w.send(w.day.now);
  smtp.received.splice(0);
  collector = new WebClient(w.url);
  collector.setCookieHeader(await w.sessionFor(w.config.staff.collector.email));
  supervisor = new WebClient(w.url);
  supervisor.setCookieHeader(await w.sessionFor(w.config.staff.supervisor.email));
}, 300_000);
afterAll(async () => {
  await w?.close();
  await smtp?.close();
});


function byId(html: string, id: string): string {
  const m = new RegExp(`<(?:dd|div) [^>]*id="${id}"[^>]*>([\\s\\S]*?)</(?:dd|div)>`).exec(html);
  expect(m, `elemento ${id}`).not.toBeNull();
  return decode(m![1]!.replace(/<[^>]+>/g, '')).trim();
}

const customerMails = async () => (await w.ctx.db(w.ctx.tables.correo).where('TIPO', 'cliente').orderBy('ID')) as Row[];
const contactsOf = async (code: string) => (await w.ctx.db(w.ctx.tables.contacto).where('COD_CLIENT', code)) as Row[];

describe('Enviar por correo', () => {
  it('the preview shows recipient, invalid address, subject, body and attachment as the Cliente page has them, and sends nothing', async () => {
    const page = await collector.get(`/cliente/${ROSSI}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/cliente/${ROSSI}/enviar">Enviar por correo</a>`);
    const subject = pageSubject(page.text);
    expect(subject).toBeTruthy();
    const body = pageMessage(page.text, 'email');

    const preview = await collector.get(`/cliente/${ROSSI}/enviar`);
    expect(preview.status).toBe(200);
    expect(byId(preview.text, 'para')).toBe('cobranzas@rossi.com.ar');
    expect(byId(preview.text, 'invalidos')).toBe('«pagos rossi@» (no es una dirección de correo válida)');
    expect(byId(preview.text, 'asunto')).toBe(subject);
    expect(byId(preview.text, 'cuerpo')).toBe(body);
    const claimed = /<tr class="fuerte"><th scope="row">A reclamar<\/th><td class="num importe">([^<]+)<\/td>/.exec(page.text)![1]!;
    expect(byId(preview.text, 'adjunto')).toBe(`estado-de-cuenta-${ROSSI}-${DEMO_START}.pdf (estado de cuenta; a reclamar ${decode(claimed)})`);
    expect(preview.text).toContain(`href="/cliente/${ROSSI}/estado-de-cuenta.pdf"`);
    expect(textOf(preview.text)).toContain('las respuestas y los rebotes llegan a cobranzas@distribuidora-ejemplo.com.ar');
    expect(preview.text).toContain('>Confirmar y enviar</button>');

    // A GET changes nothing.
    expect(await customerMails()).toHaveLength(0);
    expect(await contactsOf(ROSSI)).toHaveLength(0);
    expect(drains).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('POST sends one mail to the customer with Reply-To and the statement PDF, records the contact by e-mail and closes the task', async () => {
    const preview = await collector.get(`/cliente/${ROSSI}/enviar`);
    const subject = byId(preview.text, 'asunto');
    const body = byId(preview.text, 'cuerpo');
    const claimed = /a reclamar (\$ [\d.]+,\d\d)\)$/.exec(byId(preview.text, 'adjunto'))![1]!;
    const task = (await w.ctx.db(w.ctx.tables.tarea).where({ COD_CLIENT: ROSSI, ESTADO: 'pendiente' }).first()) as Row;

    const res = await collector.post(`/cliente/${ROSSI}/enviar`, { _csrf: csrfOf(preview.text) });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/hoy?hecho=correo');
    expect(drains).toBe(1);
    await sending;

    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.rcptTo).toEqual(['cobranzas@rossi.com.ar']);
    expect(got.mailFrom).toBe('cobranzas@distribuidora-ejemplo.com.ar');
    expect(got.mail.from?.value[0]?.address).toBe('cobranzas@distribuidora-ejemplo.com.ar');
    expect(got.mail.replyTo?.value[0]?.address).toBe('cobranzas@distribuidora-ejemplo.com.ar');
    expect(got.mail.subject).toBe(subject);
    expect(String(got.mail.text).trim()).toBe(body);
    const pdfs = got.mail.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual([`estado-de-cuenta-${ROSSI}-${DEMO_START}.pdf`]);
    const text = await pdfText(pdfs[0]!.content);
    const name = String(((await w.ctx.db('GVA14').where('COD_CLIENT', ROSSI).first('RAZON_SOCI')) as Row).RAZON_SOCI).trim();
    expect(text).toContain(name);
    const hoy = await collector.get('/hoy?hecho=correo');
    expect(textOf(hoy.text)).toContain(`Correo enviado a cobranzas@rossi.com.ar (${name}).`);
    expect(text).toContain(`Saldo a reclamar ${claimed}`);
    // The task is done: the customer left the collector's list (and page).
    expect((await collector.get(`/cliente/${ROSSI}`)).status).toBe(404);

    const contacts = await contactsOf(ROSSI);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      RESULTADO: 'contactado', CANAL: 'email', USUARIO: w.config.staff.collector.email.toLowerCase(), TAREA_ID: Number(task.ID),
    });
    const closed = (await w.ctx.db(w.ctx.tables.tarea).where('ID', Number(task.ID)).first()) as Row;
    expect(closed).toMatchObject({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: w.config.staff.collector.email.toLowerCase() });
    const audits = (await w.ctx.db(w.ctx.tables.auditoria).where({ COD_CLIENT: ROSSI }).orderBy('ID')) as Row[];
    expect(audits.map((a) => a.ACCION)).toEqual(['correo_cliente', 'tarea_hecha']);
  });

  it('a second POST the same day queues nothing, records nothing and sends nothing', async () => {
    const page = await supervisor.get(`/cliente/${ROSSI}`);
    const res = await supervisor.post(`/cliente/${ROSSI}/enviar`, { _csrf: csrfOf(page.text) });
    expect(res.status).toBe(409);
    // The step's task is done: nothing is due for the customer any more today.
    expect(textOf(res.text)).toMatch(/No se envió el correo .+ no tiene hoy un paso pendiente: no hay recordatorio para mandar\./);
    await sending;
    expect(await customerMails()).toHaveLength(1);
    expect(await contactsOf(ROSSI)).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('queueCustomerReminder twice the same day for the same step queues and records once (the automatic sender\'s way: user null)', async () => {
    const r = await composeCustomerReminder(w.ctx, '000007', DEMO_START);
    if (isProblem(r)) throw new Error(r.problem);
    expect(r.to).toEqual(['cobranzas@acostaana.com.ar', 'tesoreria@acostaana.com.ar']);
    const first = await queueCustomerReminder(w.ctx, r, { user: null, now: w.day.now, markDone: false });
    const again = await queueCustomerReminder(w.ctx, r, { user: null, now: w.day.now, markDone: false });
    expect(first).toMatchObject({ queued: true, key: `cliente|000007|${r.stepId}|${DEMO_START}` });
    expect(again).toEqual({ queued: false, contactId: null, key: first.key });
    const rows = (await w.ctx.db(w.ctx.tables.correo).where('CLAVE', first.key)) as Row[];
    expect(rows.map((m) => m.DESTINATARIO)).toEqual(['cobranzas@acostaana.com.ar, tesoreria@acostaana.com.ar']);
    expect(await w.ctx.db(w.ctx.tables.correoAdjunto).where('CORREO_CLAVE', first.key).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect((await contactsOf('000007')).map((c) => [c.USUARIO, c.CANAL])).toEqual([['automatico', 'email']]);
    expect((await w.ctx.db(w.ctx.tables.tarea).where({ COD_CLIENT: '000007', ESTADO: 'pendiente' })).length).toBeGreaterThan(0);
  });

  it('a collector cannot see nor send for another collector\'s customer (404)', async () => {
    const mine = await collector.get(`/cliente/${ETCHEGARAY}`);
    expect((await collector.get(`/cliente/${OTHERS}/enviar`)).status).toBe(404);
    expect((await collector.post(`/cliente/${OTHERS}/enviar`, { _csrf: csrfOf(mine.text) })).status).toBe(404);
    expect((await collector.post(`/cliente/${OTHERS}/email`, { _csrf: csrfOf(mine.text), email: 'x@y.com' })).status).toBe(404);
    expect((await collector.post(`/cliente/${OTHERS}/excluir`, { _csrf: csrfOf(mine.text), motivo: 'x' })).status).toBe(404);
    expect(await contactsOf(OTHERS)).toHaveLength(0);
    expect(await customerMails()).toHaveLength(2);
  });

  it('a customer without e-mail: the preview says so and nothing can be sent', async () => {
    const res = await supervisor.get('/cliente/000002/enviar');
    expect(res.status).toBe(409);
    expect(textOf(res.text)).toContain('no tiene correo: cárguelo en el ERP o como contacto de cobranza.');
    expect(res.text).not.toContain('Confirmar y enviar');
  });

  it('the collections contact replaces the ERP e-mail; the opt-out needs a reason and stops the reminders', async () => {
    const page = await collector.get(`/cliente/${ETCHEGARAY}`);
    expect(textOf(page.text)).toContain('Los recordatorios van a: info@etchegaray.com.ar (correo del ERP).');
    const bad = await collector.post(`/cliente/${ETCHEGARAY}/email`, { _csrf: csrfOf(page.text), email: 'pagos@etchegaray; x' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('No son direcciones de correo válidas: «pagos@etchegaray», «x».');
    const ok = await collector.post(`/cliente/${ETCHEGARAY}/email`, { _csrf: csrfOf(page.text), email: ' pagos@etchegaray.com.ar ' });
    expect(ok.location).toBe(`/cliente/${ETCHEGARAY}?hecho=email`);
    const after = await collector.get(`/cliente/${ETCHEGARAY}?hecho=email`);
    expect(textOf(after.text)).toContain('Correo del cliente actualizado.');
    expect(textOf(after.text)).toContain('Los recordatorios van a: pagos@etchegaray.com.ar (contacto de cobranza).');
    expect(byId((await collector.get(`/cliente/${ETCHEGARAY}/enviar`)).text, 'para')).toBe('pagos@etchegaray.com.ar');

    const noReason = await collector.post(`/cliente/${ETCHEGARAY}/excluir`, { _csrf: csrfOf(page.text), motivo: '  ' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain('Motivo: escriba por qué el cliente no debe recibir más avisos.');
    const out = await collector.post(`/cliente/${ETCHEGARAY}/excluir`, { _csrf: csrfOf(page.text), motivo: 'Pidió no recibir correos' });
    expect(out.location).toBe(`/cliente/${ETCHEGARAY}?hecho=excluido`);
    const flags = (await w.ctx.db(w.ctx.tables.cliente).where('COD_CLIENT', ETCHEGARAY).first()) as Row;
    expect(Boolean(Number(flags.NO_CONTACTAR))).toBe(true);
    const audits = (await w.ctx.db(w.ctx.tables.auditoria).where({ COD_CLIENT: ETCHEGARAY }).orderBy('ID')) as Row[];
    expect(audits.map((a) => [a.ACCION, a.USUARIO, a.MOTIVO])).toEqual([
      ['email_cobranza', w.config.staff.collector.email.toLowerCase(), null],
      ['marca_no_contactar', w.config.staff.collector.email.toLowerCase(), 'Pidió no recibir correos'],
    ]);
    const refused = await collector.get(`/cliente/${ETCHEGARAY}/enviar`);
    expect(refused.status).toBe(409);
    expect(textOf(refused.text)).toContain('está marcado «no contactar»: no se le manda ningún recordatorio.');
    expect(smtp.received).toHaveLength(1);
  });
});
