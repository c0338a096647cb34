/**
 * «Cliente» on a real T-SQL server (Tango demo copy, codes space-padded as
 * Tango stores them): after the first cycle, every customer of every digest
 * shows on its page the digest's messages word for word; a cobrador opens a
 * customer of theirs and gets 404 for another's (page and PDFs); the
 * statement PDF comes out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_START } from '../../service/cli/commands-demo';
import { type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { SESSION_COOKIE } from '../../service/web/server';
import { createSession } from '../../service/web/store';
import { morningOf } from '../e2e/helpers';
import { CHANNEL_ID, codesOf, digestMessages, pageMessage, pageSubject, sectionOf } from '../web/digest-text';
import { WebClient } from '../web/helpers';
import { openTsqlDemoCompany, type TsqlCompany } from './demo-company';

const LAURA = 'laura.gomez@distribuidora-ejemplo.com.ar';
const MARTIN = 'martin.suarez@distribuidora-ejemplo.com.ar';
const NOW = new Date(`${DEMO_START}T11:30:00Z`);

describe('Cliente on T-SQL', () => {
  let company: TsqlCompany;
  let ctx: CompanyContext;
  let url: string;
  const digests = new Map<string, string>();

  beforeAll(async () => {
    company = await openTsqlDemoCompany('webcliente', { web: { now: NOW, asOf: DEMO_START } });
    ({ ctx, url } = company);
    await runCycle(ctx, { asOf: DEMO_START, now: () => morningOf(DEMO_START) });
    const rows = (await ctx.db(ctx.tables.correo).where({ FECHA: DEMO_START, TIPO: 'resumen' })
      .select('DESTINATARIO', 'CUERPO_TEXTO')) as { DESTINATARIO: string; CUERPO_TEXTO: string }[];
    for (const r of rows) digests.set(/<([^>]+)>/.exec(r.DESTINATARIO)![1]!.toLowerCase(), r.CUERPO_TEXTO);
  }, 300_000);

  afterAll(async () => company?.close());

  async function cookieOf(email: string): Promise<string> {
    return `${SESSION_COOKIE}=${ctx.config.company.id}.${await createSession(ctx.db, ctx.tables, email, 12, NOW)}`;
  }

  async function client(email: string): Promise<WebClient> {
    const c = new WebClient(url);
    c.setCookieHeader(await cookieOf(email));
    return c;
  }

  it('every customer of every digest: the page shows the digest\'s messages word for word', async () => {
    const supervisor = await client(MARTIN);
    let compared = 0;
    for (const text of digests.values()) {
      for (const code of codesOf(text)) {
        const page = await supervisor.get(`/cliente/${encodeURIComponent(code)}`);
        expect(page.status, code).toBe(200);
        for (const [channel, message] of digestMessages(sectionOf(text, code))) {
          expect(pageMessage(page.text, CHANNEL_ID[channel]!), `${code} ${channel}`).toBe(message.text);
          if (message.subject !== null) expect(pageSubject(page.text), code).toBe(message.subject);
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  }, 120_000);

  it('a cobrador opens a customer with a task of theirs, and gets 404 for another\'s (page and both PDFs)', async () => {
    const own = (await ctx.db(ctx.tables.tarea).where({ ESTADO: 'pendiente', RESPONSABLE_EMAIL: LAURA }).first('COD_CLIENT')) as { COD_CLIENT: string };
    const others = (await ctx.db(ctx.tables.tarea).where({ ESTADO: 'pendiente', RESPONSABLE_EMAIL: MARTIN }).select('COD_CLIENT')) as { COD_CLIENT: string }[];
    const mine = new Set(((await ctx.db(ctx.tables.tarea).where({ ESTADO: 'pendiente', RESPONSABLE_EMAIL: LAURA }).select('COD_CLIENT')) as { COD_CLIENT: string }[])
      .map((r) => r.COD_CLIENT.trim()));
    const foreign = others.map((r) => r.COD_CLIENT.trim()).find((c) => !mine.has(c));
    expect(own).toBeDefined();
    expect(foreign).toBeDefined();
    const laura = await client(LAURA);
    expect((await laura.get(`/cliente/${encodeURIComponent(own.COD_CLIENT.trim())}`)).status).toBe(200);
    for (const path of ['', '/estado-de-cuenta.pdf', '/carta.pdf']) {
      expect((await laura.get(`/cliente/${encodeURIComponent(foreign!)}${path}`)).status, path).toBe(404);
    }
    const res = await fetch(`${url}/cliente/${encodeURIComponent(foreign!)}/estado-de-cuenta.pdf`, { headers: { cookie: await cookieOf(MARTIN) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);
});
