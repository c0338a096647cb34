/**
 * Issue "mail" 5–8 (and "service" 10): the day's digests of the demo company
 * through a real SMTP server on 127.0.0.1, parsed back with mailparser.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { messageIdFor, outboxKey } from '../../service/mail/outbox-mail';
import { publicUrlOf } from '../../service/web/public-url';
import { checkLink } from '../../service/web/store';
import {
  closedPort, count, DEMO_START, morningOf, openDemoCompany, pesos, smtpMail, startSmtp, type Company, type TestSmtp,
} from './helpers';

let company: Company | null = null;
let smtp: TestSmtp | null = null;
afterEach(async () => {
  await company?.close();
  await smtp?.close();
  company = null;
  smtp = null;
});

type Row = Record<string, unknown>;
const DOMAIN = 'distribuidora-ejemplo.com.ar';
const COMPANY_NAME = 'Distribuidora Ejemplo S.A.';

async function smtpCompany(tag: string, port: number, prepare?: (c: Company) => Promise<void>): Promise<Company> {
  const c = await openDemoCompany({ tag, configure: (config) => ({ ...config, mail: smtpMail(config, port) }) });
  await prepare?.(c);
  return c;
}

/** What the day's digests must hold, from COB_TAREA: assignee e-mail → pending tasks due by `day`. */
async function expectedDigests(c: Company, day: string): Promise<Map<string, Row[]>> {
  const tasks = (await c.ctx.db(c.ctx.tables.tarea).where({ ESTADO: 'pendiente' }).where('FECHA', '<=', day).orderBy('ID')) as Row[];
  const out = new Map<string, Row[]>();
  for (const t of tasks) {
    const email = String(t.RESPONSABLE_EMAIL).toLowerCase();
    out.set(email, [...(out.get(email) ?? []), t]);
  }
  return out;
}

function digestsOf(server: TestSmtp) {
  return server.received.filter((r) => r.mail.subject?.startsWith('Cobranzas '));
}

function headerBlock(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  return end >= 0 ? raw.slice(0, end) : raw;
}

describe('digests over real SMTP', () => {
  it('one digest per assignee, right subject and recipient, HTML and text parts, ERP names, es-AR amounts, key-derived Message-ID', async () => {
    smtp = await startSmtp();
    company = await smtpCompany('smtp', smtp.port);
    const { ctx } = company;
    const summary = await company.cycle(DEMO_START);
    const expected = await expectedDigests(company, DEMO_START);
    expect(expected.size).toBeGreaterThan(1);

    const result = await company.send(morningOf(DEMO_START, '08:31'));
    expect(result).toMatchObject({ failed: 0, deferred: 0, sent: summary.counts.mailsQueued });
    const digests = digestsOf(smtp);
    expect(digests.map((d) => d.rcptTo[0]).sort()).toEqual([...expected.keys()].sort());

    const names = new Map(((await ctx.db('GVA14').select('COD_CLIENT', 'RAZON_SOCI')) as Row[]).map((r) => [String(r.COD_CLIENT).trim(), String(r.RAZON_SOCI).trim()]));
    const alerts = new Map(((await ctx.db(ctx.tables.alerta).select()) as Row[]).map((a) => [String(a.COD_CLIENT).trim(), a]));
    for (const d of digests) {
      const email = d.rcptTo[0]!;
      const tasks = expected.get(email)!;
      expect(d.rcptTo).toHaveLength(1);
      const to = d.mail.to && !Array.isArray(d.mail.to) ? d.mail.to.value : [];
      expect(to.map((a) => a.address?.toLowerCase())).toEqual([email]);
      expect(to[0]!.name).toBe(String(tasks[0]!.RESPONSABLE));
      const n = tasks.length;
      expect(d.mail.subject).toBe(`Cobranzas 02/11/2026: ${n} ${n === 1 ? 'cliente' : 'clientes'} para contactar — ${COMPANY_NAME}`);
      expect(d.mail.messageId).toBe(messageIdFor(outboxKey(email, DEMO_START, 'resumen'), DOMAIN));
      expect(typeof d.mail.html).toBe('string');
      expect((d.mail.html as string).length).toBeGreaterThan(500);
      const text = d.mail.text ?? '';
      // The worklist: a one-time sign-in link for this person, and each customer linked to its page.
      const web = publicUrlOf(company.config.web);
      const signIn = new RegExp(`Tu lista de trabajo, con un enlace para entrar \\(vale 12 horas y sirve una sola vez\\): (${web.replace(/[.]/g, '\\.')}/e/[A-Za-z0-9_-]{40,})\\?volver=/hoy`).exec(text);
      expect(signIn).not.toBeNull();
      expect(await checkLink(ctx.db, ctx.tables, signIn![1]!.slice(signIn![1]!.lastIndexOf('/') + 1), morningOf(DEMO_START, '09:00'))).toEqual({ ok: true, email });
      expect((d.mail.html as string).replace(/&#x3D;/g, '=')).toContain(`href="${signIn![1]!}?volver=/hoy"`);
      for (const t of tasks) {
        const code = String(t.COD_CLIENT).trim();
        expect(text).toContain(`${names.get(code)} (cód. ${code})`);
        expect(text).toContain(`Ficha del cliente: ${web}/cliente/${code}`);
        expect(d.mail.html as string).toContain(`href="${web}/cliente/${code}"`);
        if (t.ETAPA !== 'preventiva') expect(text).toContain(`Total vencido: ${pesos(Number(alerts.get(code)!.SALDO_VENCIDO))}`);
      }
    }
    // Every pending digest row went out and is marked so.
    expect(await count(ctx, ctx.tables.correo, { ESTADO: 'enviado' })).toBe(smtp.received.length);
    expect(await count(ctx, ctx.tables.correo)).toBe(smtp.received.length);
  });

  it('cycle + send three times in a day: exactly one digest per assignee', async () => {
    smtp = await startSmtp();
    company = await smtpCompany('smtp3', smtp.port);
    for (const hhmm of ['08:30', '10:30', '12:30']) {
      await company.cycle(DEMO_START, morningOf(DEMO_START, hhmm));
      await company.send(morningOf(DEMO_START, hhmm));
    }
    const expected = await expectedDigests(company, DEMO_START);
    const digests = digestsOf(smtp);
    expect(digests.map((d) => d.rcptTo[0]).sort()).toEqual([...expected.keys()].sort());
    const ids = smtp.received.map((r) => r.mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('with SMTP down cycles complete and mails wait; once up and past the backoff, all go out once', async () => {
    const port = await closedPort();
    company = await smtpCompany('smtpdown', port);
    const { ctx } = company;
    const t0 = morningOf(DEMO_START, '08:30');
    const first = await company.cycle(DEMO_START, t0);
    const queued = first.counts.mailsQueued;
    expect(queued).toBeGreaterThan(1);
    const down = await company.send(t0);
    expect(down).toMatchObject({ sent: 0, failed: 0, deferred: queued });
    expect(down.serverDown).toMatch(/ECONNREFUSED/);

    // A later cycle the same day still completes; the queue holds the same mails.
    const t1 = new Date(t0.getTime() + 30_000);
    const again = await company.cycle(DEMO_START, t1);
    expect(again.counts.mailsQueued).toBe(0);
    expect(await count(ctx, ctx.tables.correo, { ESTADO: 'pendiente' })).toBe(queued);
    const runs = (await ctx.db(ctx.tables.ejecucion).select('ESTADO')) as Row[];
    expect(runs.map((r) => r.ESTADO)).toEqual(['ok', 'ok']);

    // The server comes up on that port; before the backoff nothing is tried, after it all go out.
    smtp = await startSmtp(port);
    expect(await company.send(t1)).toEqual({ sent: 0, failed: 0, deferred: 0 });
    expect(smtp.received).toHaveLength(0);
    const later = new Date(t0.getTime() + 61_000);
    expect(await company.send(later)).toEqual({ sent: queued, failed: 0, deferred: 0 });
    expect(await company.send(new Date(later.getTime() + 3_600_000))).toEqual({ sent: 0, failed: 0, deferred: 0 });
    const keys = (await ctx.db(ctx.tables.correo).select('MESSAGE_ID', 'ESTADO')) as Row[];
    expect(keys.every((k) => k.ESTADO === 'enviado')).toBe(true);
    expect(smtp.received.map((r) => r.mail.messageId).sort()).toEqual(keys.map((k) => String(k.MESSAGE_ID)).sort());
  });

  it('a customer name with <script> and a CRLF + Bcc header arrives escaped and cannot add a recipient or header', async () => {
    smtp = await startSmtp();
    const evil = 'Malicioso <script>alert(1)</script> S.A.\r\nBcc: intruso@example.com';
    company = await smtpCompany('smtpevil', smtp.port);
    const { ctx } = company;
    // A customer the first cycle contacts about its overdue debt.
    const chased = await ctx.db(ctx.tables.tarea).select('COD_CLIENT').limit(1);
    expect(chased).toEqual([]); // nothing written yet
    await company.cycle(DEMO_START);
    const task = (await ctx.db(ctx.tables.tarea).where({ ESTADO: 'pendiente' }).where('FECHA', '<=', DEMO_START).first()) as Row;
    const code = String(task.COD_CLIENT).trim();
    // Rename it in the ERP and start the day over (fresh add-on state, same ERP data).
    await ctx.db('GVA14').whereRaw('trim(COD_CLIENT) = ?', [code]).update({ RAZON_SOCI: evil });
    for (const table of [ctx.tables.correo, ctx.tables.tarea, ctx.tables.alerta, ctx.tables.nivelHist, ctx.tables.cliente]) {
      await ctx.db(table).delete();
    }
    await company.cycle(DEMO_START);
    await company.send(morningOf(DEMO_START, '08:31'));

    const mail = smtp.received.find((r) => r.rcptTo[0] === String(task.RESPONSABLE_EMAIL).toLowerCase());
    expect(mail).toBeDefined();
    for (const r of smtp.received) {
      expect(r.rcptTo).toHaveLength(1);
      expect(r.rcptTo).not.toContain('intruso@example.com');
      expect(r.mail.bcc).toBeUndefined();
      expect(headerBlock(r.raw)).not.toMatch(/^bcc:/im);
      expect(headerBlock(r.raw)).not.toMatch(/intruso/i);
    }
    const html = mail!.mail.html as string;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(mail!.mail.text).toContain('Malicioso <script>alert(1)</script> S.A.');
  });
});
