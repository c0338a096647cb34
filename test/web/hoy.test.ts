/**
 * Hoy with a long list: one entry per customer, highest priority first (tier
 * C, then days late, then amount), read in pages of 100; each page's cards
 * are the next ones of the same order, and the count line gives the total.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { HOY_PAGE_SIZE } from '../../service/web/server';
import { hoyEntries } from '../../service/web/worklist';
import { DEMO_START } from '../e2e/helpers';
import { openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

describe('Hoy in pages', () => {
  let w: WebCompany;
  const day = DEMO_START;

  beforeAll(async () => {
    w = await openWebCompany({ tag: 'web-hoy', asOf: day, demo: { customers: 260 } });
    await w.cycle(day);
    // Every customer of the ERP gets a pending reminder of the collector's, due today.
    const t = w.ctx.tables;
    const template = (await w.ctx.db(t.tarea).where('ESTADO', 'pendiente').first()) as Record<string, unknown>;
    const codes = ((await w.ctx.db('GVA14').select('COD_CLIENT')) as { COD_CLIENT: string }[]).map((r) => r.COD_CLIENT.trim());
    const { ID: _id, ...row } = template;
    const episode = addDays(day, 400);
    const collector = w.config.staff.collector;
    const rows = codes.map((code) => ({
      ...row, CLAVE: `${code}|${episode}|D-3`, COD_CLIENT: code, EPISODIO: episode, PASO: 'D-3', FECHA: day,
      RESPONSABLE: collector.name, RESPONSABLE_EMAIL: collector.email, ROL: 'cobrador',
    }));
    for (let i = 0; i < rows.length; i += 50) await w.ctx.db(t.tarea).insert(rows.slice(i, i + 50));
  }, 120_000);
  afterAll(async () => w?.close());

  it('pages through the same order the worklist computes, with the total on each page', async () => {
    const collector = w.config.staff.collector;
    const all = (await hoyEntries(w.ctx, day, { owner: collector.email })).filter((e) => !e.pause);
    expect(all.length).toBeGreaterThan(HOY_PAGE_SIZE);
    const c = new WebClient(w.url);
    c.setCookieHeader(await w.sessionFor(collector.email));
    const pages = Math.ceil(all.length / HOY_PAGE_SIZE);
    const seen: string[] = [];
    for (let n = 1; n <= pages; n++) {
      const page = await c.get(`/hoy?pagina=${n}`);
      expect(page.status).toBe(200);
      expect(textOf(page.text)).toContain(`${all.length} clientes para contactar, de mayor a menor prioridad. Página ${n} de ${pages}.`);
      seen.push(...[...page.text.matchAll(/<article class="tarjeta" data-cliente="([^"]+)"/g)].map((m) => m[1]!));
      expect(page.text.includes('>Siguientes<')).toBe(n < pages);
      expect(page.text.includes('>Anteriores<')).toBe(n > 1);
    }
    expect(seen).toEqual(all.map((e) => e.code));
    // Priority: tier C first, then more days late, then more overdue.
    const rank = { C: 0, B: 1, A: 2 } as const;
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1]!;
      const b = all[i]!;
      expect(rank[a.tier] < rank[b.tier] || (a.tier === b.tier && (a.daysLate > b.daysLate || (a.daysLate === b.daysLate && a.overdue >= b.overdue)))).toBe(true);
    }
    // A page past the end shows the last one.
    expect(textOf((await c.get(`/hoy?pagina=${pages + 5}`)).text)).toContain(`Página ${pages} de ${pages}.`);
  });
});
