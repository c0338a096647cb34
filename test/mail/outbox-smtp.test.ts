import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../service/mail/outbox';
import { enqueueMail, messageIdFor, outboxKey, toOutgoingMail, type OutgoingMail } from '../../service/mail/outbox-mail';
import { renderDigest } from '../../service/mail/render';
import { loadTemplates, type Templates } from '../../service/mail/templates';
import { createTransport, type MailTransport } from '../../service/mail/transport';
import { EXPECTED_ORDER, digestInput, item, positions } from './fixtures';
import { closedPort, openTestDb, silentServer, smtpConfig, startSmtp, type TestDb, type TestSmtp } from './helpers';

const T0 = new Date('2026-03-16T11:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let templates: Templates;
beforeAll(async () => {
  templates = await loadTemplates();
});

let env: TestDb;
let smtp: TestSmtp | null;
let transports: MailTransport[];
beforeEach(async () => {
  env = await openTestDb();
  smtp = null;
  transports = [];
});
afterEach(async () => {
  for (const tr of transports) tr.close();
  if (smtp) await smtp.close();
  await env.cleanup();
});

function transportOn(port: number): MailTransport {
  const tr = createTransport(smtpConfig(port));
  transports.push(tr);
  return tr;
}

async function digestMail(assignee = { name: 'Ana Cobradora', email: 'ana@acme.test' }, date = '2026-03-16'): Promise<OutgoingMail> {
  const input = { ...digestInput(), date, assignee: { ...assignee, role: 'cobrador' as const } };
  const rendered = await renderDigest(templates, input);
  return toOutgoingMail({ kind: 'resumen', date, to: assignee, mail: rendered, domain: 'acme.test' });
}

async function rows() {
  return (await env.db(env.t.correo).select('CLAVE', 'ESTADO', 'INTENTOS', 'PROXIMO_INTENTO', 'RESPUESTA', 'ENVIADO').orderBy('ID')).map((r) => ({ ...r }));
}

describe('outbox → real SMTP server', () => {
  it('delivers the digest with subject, priority order, es-AR amounts, both parts and the key-derived Message-ID', async () => {
    smtp = await startSmtp();
    const mail = await digestMail();
    expect(await enqueueMail(env.db, env.t, mail, T0)).toBe(true);

    const result = await drainOutbox(env.db, env.t, transportOn(smtp.port), { now: T0, maxAttempts: 5 });
    expect(result).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!.mail;
    expect(got.subject).toBe('Cobranzas 16/03/2026: 5 clientes para contactar — ACME Insumos S.A.');
    expect(got.messageId).toBe(messageIdFor(outboxKey('ana@acme.test', '2026-03-16', 'resumen'), 'acme.test'));
    expect(got.messageId).toMatch(/^<[0-9a-f]{32}@acme\.test>$/);
    expect(got.to && !Array.isArray(got.to) ? got.to.value[0] : null).toEqual({ name: 'Ana Cobradora', address: 'ana@acme.test' });
    expect(got.from?.value[0]).toEqual({ name: 'Cobranzas ACME', address: 'cobranzas@acme.test' });
    expect(got.replyTo?.value[0]?.address).toBe('administracion@acme.test');
    expect(typeof got.html).toBe('string');
    expect(got.text).toBeTruthy();
    for (const body of [got.text!, got.html as string]) {
      const pos = positions(body, EXPECTED_ORDER);
      expect(pos.every((p) => p >= 0)).toBe(true);
      expect([...pos].sort((a, b) => a - b)).toEqual(pos);
    }
    expect(got.text).toContain('$ 1.234.567,80');
    expect(got.text).toContain('$ 9.000.000,00');

    const [row] = await rows();
    expect(row).toMatchObject({ ESTADO: 'enviado', INTENTOS: 0, PROXIMO_INTENTO: null });
    expect(row!.RESPUESTA).toMatch(/^250/);
    expect(String(row!.ENVIADO)).toBe(T0.toISOString());
  });

  it('the same key queued twice sends exactly one mail, and draining again sends nothing more', async () => {
    smtp = await startSmtp();
    const mail = await digestMail();
    expect(await enqueueMail(env.db, env.t, mail, T0)).toBe(true);
    expect(await enqueueMail(env.db, env.t, { ...mail, subject: 'otro asunto' }, minutes(1))).toBe(false);
    const tr = transportOn(smtp.port);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 5 })).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(120), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(await enqueueMail(env.db, env.t, mail, minutes(121))).toBe(false);
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(240), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).not.toBe('otro asunto');
  });

  it('two senders draining at once never send the same row twice', async () => {
    smtp = await startSmtp();
    for (const who of ['a', 'b', 'c', 'd']) {
      await enqueueMail(env.db, env.t, await digestMail({ name: who, email: `${who}@acme.test` }), T0);
    }
    const [r1, r2] = await Promise.all([
      drainOutbox(env.db, env.t, transportOn(smtp.port), { now: T0, maxAttempts: 5 }),
      drainOutbox(env.db, env.t, transportOn(smtp.port), { now: T0, maxAttempts: 5 }),
    ]);
    expect(r1.sent + r2.sent).toBe(4);
    const recipients = smtp.received.flatMap((r) => r.rcptTo).sort();
    expect(recipients).toEqual(['a@acme.test', 'b@acme.test', 'c@acme.test', 'd@acme.test']);
  });

  it('an outage of hours never spends attempts: rows stay pending with the reason; once the server is up, all go out once', async () => {
    const port = await closedPort();
    const tr = transportOn(port);
    for (const who of ['a', 'b', 'c']) {
      await enqueueMail(env.db, env.t, await digestMail({ name: who, email: `${who}@acme.test` }), T0);
    }

    const first = await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 5 });
    expect(first).toMatchObject({ sent: 0, failed: 0, deferred: 3 });
    expect(first.serverDown).toMatch(/ECONNECTION|ECONNREFUSED/);
    let state = await rows();
    expect(state.map((r) => r.ESTADO)).toEqual(['pendiente', 'pendiente', 'pendiente']);
    expect(state.map((r) => r.INTENTOS)).toEqual([0, 0, 0]);
    expect(state.map((r) => r.PROXIMO_INTENTO)).toEqual(Array(3).fill(minutes(1).toISOString()));
    for (const r of state) expect(r.RESPUESTA).toMatch(/^Servidor de correo no disponible: .*ECONNREFUSED 127\.0\.0\.1/);

    // Before the retry time nothing is attempted.
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(0.5), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });

    // Three hours of outage, drained every 5 minutes as the service does: far more drains than maxAttempts.
    for (let m = 5; m <= 180; m += 5) {
      const r = await drainOutbox(env.db, env.t, tr, { now: minutes(m), maxAttempts: 5 });
      expect(r).toMatchObject({ sent: 0, failed: 0, deferred: 3 });
    }
    state = await rows();
    expect(state.map((r) => [r.ESTADO, r.INTENTOS])).toEqual(Array(3).fill(['pendiente', 0]));
    expect(state[0]!.PROXIMO_INTENTO).toBe(minutes(181).toISOString());

    smtp = await startSmtp(port);
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(180.5), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(185), maxAttempts: 5 })).toEqual({ sent: 3, failed: 0, deferred: 0 });
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(300), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(smtp.received.flatMap((r) => r.rcptTo).sort()).toEqual(['a@acme.test', 'b@acme.test', 'c@acme.test']);
    expect((await rows()).map((r) => [r.ESTADO, r.INTENTOS])).toEqual(Array(3).fill(['enviado', 0]));
  });

  it('a server that greets with 421 or never greets is an outage too: no attempt spent', async () => {
    smtp = await startSmtp();
    smtp.refuseGreeting = { code: 421, text: 'smtp.acme.test Servicio no disponible, intente más tarde' };
    await enqueueMail(env.db, env.t, await digestMail(), T0);
    const refused = await drainOutbox(env.db, env.t, transportOn(smtp.port), { now: T0, maxAttempts: 1 });
    expect(refused).toMatchObject({ sent: 0, failed: 0, deferred: 1 });
    expect(refused.serverDown).toContain('421 smtp.acme.test Servicio no disponible');
    expect((await rows())[0]).toMatchObject({ ESTADO: 'pendiente', INTENTOS: 0, PROXIMO_INTENTO: minutes(1).toISOString() });

    const hung = await silentServer();
    try {
      const tr = createTransport({ ...smtpConfig(hung.port), greetingTimeoutMs: 300 });
      transports.push(tr);
      const timedOut = await drainOutbox(env.db, env.t, tr, { now: minutes(1), maxAttempts: 1 });
      expect(timedOut).toMatchObject({ sent: 0, failed: 0, deferred: 1 });
      expect(timedOut.serverDown).toMatch(/ETIMEDOUT|Greeting never received/);
      expect((await rows())[0]).toMatchObject({ ESTADO: 'pendiente', INTENTOS: 0 });
    } finally {
      await hung.close();
    }

    smtp.refuseGreeting = null;
    expect(await drainOutbox(env.db, env.t, transportOn(smtp.port), { now: minutes(2), maxAttempts: 1 })).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect((await rows())[0]).toMatchObject({ ESTADO: 'enviado', INTENTOS: 0 });
  });

  it('a 5xx rejection fails that mail at once with the server answer; the other mails of the batch go out', async () => {
    smtp = await startSmtp();
    smtp.rejectRecipients.set('b@acme.test', { code: 550, text: '5.1.1 <b@acme.test>: Recipient address rejected: User unknown' });
    for (const who of ['a', 'b', 'c']) {
      await enqueueMail(env.db, env.t, await digestMail({ name: who, email: `${who}@acme.test` }), T0);
    }
    const tr = transportOn(smtp.port);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 5 })).toEqual({ sent: 2, failed: 1, deferred: 0 });
    const state = await rows();
    expect(state.map((r) => [r.ESTADO, r.INTENTOS])).toEqual([['enviado', 0], ['fallido', 1], ['enviado', 0]]);
    expect(state[1]!.PROXIMO_INTENTO).toBeNull();
    expect(state[1]!.RESPUESTA).toBe('Rechazado por el servidor (definitivo, no se reintenta): 550 5.1.1 <b@acme.test>: Recipient address rejected: User unknown');
    // Never retried, however long we wait.
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(120), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(smtp.received.flatMap((r) => r.rcptTo).sort()).toEqual(['a@acme.test', 'c@acme.test']);
  });

  it('a 4xx rejection is retried with exponential backoff capped at 60 minutes, then fails with the last answer', async () => {
    smtp = await startSmtp();
    smtp.rejectRecipients.set('ana@acme.test', { code: 452, text: '4.2.2 Mailbox full, try again later' });
    const tr = transportOn(smtp.port);
    await enqueueMail(env.db, env.t, await digestMail(), T0);
    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      expect(await drainOutbox(env.db, env.t, tr, { now, maxAttempts: 9 })).toEqual({ sent: 0, failed: 1, deferred: 0 });
      const [row] = await rows();
      if (row!.PROXIMO_INTENTO === null) break;
      const next = new Date(String(row!.PROXIMO_INTENTO));
      waits.push((next.getTime() - now.getTime()) / 60_000);
      now = next;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    const [row] = await rows();
    expect(row).toMatchObject({ ESTADO: 'fallido', INTENTOS: 9, PROXIMO_INTENTO: null });
    expect(row!.RESPUESTA).toBe('Rechazado por el servidor (temporal): 452 4.2.2 Mailbox full, try again later');
    expect(smtp.received).toHaveLength(0);
  });

  it('a 4xx that clears before maxAttempts delivers the mail once', async () => {
    smtp = await startSmtp();
    smtp.rejectRecipients.set('ana@acme.test', { code: 451, text: '4.7.1 Greylisted, please retry' });
    const tr = transportOn(smtp.port);
    await enqueueMail(env.db, env.t, await digestMail(), T0);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 3 })).toEqual({ sent: 0, failed: 1, deferred: 0 });
    expect((await rows())[0]).toMatchObject({ ESTADO: 'pendiente', INTENTOS: 1, PROXIMO_INTENTO: minutes(1).toISOString() });
    smtp.rejectRecipients.clear();
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(1), maxAttempts: 3 })).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect((await rows())[0]).toMatchObject({ ESTADO: 'enviado', INTENTOS: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('a row left in "enviando" by a killed sender goes back to pending after the claim expires', async () => {
    smtp = await startSmtp();
    await enqueueMail(env.db, env.t, await digestMail(), T0);
    await env.db(env.t.correo).update({ ESTADO: 'enviando', PROXIMO_INTENTO: minutes(10) });
    const tr = transportOn(smtp.port);
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(5), maxAttempts: 5 })).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(await drainOutbox(env.db, env.t, tr, { now: minutes(10), maxAttempts: 5 })).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('notBefore leaves rows for later', async () => {
    smtp = await startSmtp();
    await enqueueMail(env.db, env.t, await digestMail(), T0);
    const tr = transportOn(smtp.port);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 5, notBefore: () => false })).toEqual({ sent: 0, failed: 0, deferred: 1 });
    expect(smtp.received).toHaveLength(0);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 5, notBefore: (r) => r.TIPO === 'resumen' })).toEqual({ sent: 1, failed: 0, deferred: 0 });
  });

  it('hostile names arrive escaped in HTML and cannot add headers', async () => {
    smtp = await startSmtp();
    const hostile = '<script>alert(1)</script>\r\nBcc: x@y';
    const input = {
      ...digestInput(),
      company: { ...digestInput().company, name: `ACME\r\nBcc: x@y` },
      assignee: { name: `Ana\r\nBcc: x@y`, email: 'ana@acme.test', role: 'cobrador' as const },
      items: [item({ code: 'X1', name: hostile })],
    };
    const rendered = await renderDigest(templates, input);
    const mail = toOutgoingMail({ kind: 'resumen', date: input.date, to: input.assignee, mail: rendered, domain: 'acme.test' });
    await enqueueMail(env.db, env.t, mail, T0);
    await drainOutbox(env.db, env.t, transportOn(smtp.port), { now: T0, maxAttempts: 5 });

    expect(smtp.received).toHaveLength(1);
    const { mail: got, raw, rcptTo } = smtp.received[0]!;
    expect(rcptTo).toEqual(['ana@acme.test']);
    expect(got.headers.has('bcc')).toBe(false);
    expect(got.bcc).toBeUndefined();
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(got.subject).toBe('Cobranzas 16/03/2026: 1 cliente para contactar — ACME Bcc: x@y');
    expect(got.subject).not.toMatch(/[\r\n]/);
    expect(got.html).not.toContain('<script>alert(1)</script>');
    expect(got.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(got.text).toContain('<script>alert(1)</script> Bcc: x@y');
  });
});

describe('dry-run transport', () => {
  it('writes .eml and .html files that mailparser reads back', async () => {
    const folder = join(env.dir, 'simulacion');
    const tr = createTransport({ kind: 'dry-run', folder, from: { name: 'Cobranzas ACME', email: 'cobranzas@acme.test' } });
    transports.push(tr);
    const mail = await digestMail();
    await enqueueMail(env.db, env.t, mail, T0);
    expect(await drainOutbox(env.db, env.t, tr, { now: T0, maxAttempts: 3 })).toEqual({ sent: 1, failed: 0, deferred: 0 });

    expect(readdirSync(folder).sort()).toEqual(['ana@acme.test_2026-03-16_resumen.eml', 'ana@acme.test_2026-03-16_resumen.html']);
    const parsed = await simpleParser(readFileSync(join(folder, 'ana@acme.test_2026-03-16_resumen.eml')));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.text).toContain('$ 1.234.567,80');
    expect(parsed.html).toBe(mail.html);
    expect(readFileSync(join(folder, 'ana@acme.test_2026-03-16_resumen.html'), 'utf8')).toBe(mail.html);
    expect((await rows())[0]!.RESPUESTA).toMatch(/^simulado: .*\.eml$/);
  });
});
