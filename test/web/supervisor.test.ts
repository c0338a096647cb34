/**
 * «Supervisión» over real HTTP on the demo company: the team's work per
 * person read against COB_TAREA, the KPIs equal to `cadencia informe` run as
 * a real process on the same database and day, reassigning a customer from
 * the collector to a seller (their Hoy lists change, the audit keeps before
 * and after), customer marks with a mandatory reason, and a cobrador who gets
 * 404 for the page and for the POSTs, with nothing written.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { formattedValue, reportColumns } from '../../service/reports/report-table';
import { runCli, writeIni } from '../e2e/cli-process';
import { DEMO_START, erpFileOf } from '../e2e/helpers';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

type Row = Record<string, unknown>;

/** The cells' text of each row of the table with this id. */
function tableRows(html: string, id: string): string[][] {
  const m = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html);
  if (!m) throw new Error(`La página no tiene la tabla ${id}`);
  return [...m[0].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!)));
}

describe('supervisor pages', () => {
  let w: WebCompany;
  const first = DEMO_START;
  const day = addDays(DEMO_START, 1);
  let collector: { name: string; email: string };
  let seller: { name: string; email: string };
  let supervisor: { name: string; email: string };

  async function as(email: string): Promise<WebClient> {
    const c = new WebClient(w.url);
    c.setCookieHeader(await w.sessionFor(email));
    return c;
  }

  const auditRows = async (): Promise<Row[]> => (await w.ctx.db(w.ctx.tables.auditoria).select('*').orderBy('ID')) as Row[];

  beforeAll(async () => {
    w = await openWebCompany({ tag: 'web-super', asOf: day });
    await w.cycle(first);
    await w.cycle(day);
    collector = { name: w.config.staff.collector.name, email: w.config.staff.collector.email.toLowerCase() };
    supervisor = { name: w.config.staff.supervisor.name, email: w.config.staff.supervisor.email.toLowerCase() };
    const s = Object.values(w.config.staff.sellers)[0]!;
    seller = { name: s.name, email: s.email.toLowerCase() };
  }, 240_000);
  afterAll(async () => w?.close());

  it('shows each person\'s pending tasks, customers and overdue tasks as COB_TAREA has them', async () => {
    const c = await as(supervisor.email);
    const page = await c.get('/supervisor');
    expect(page.status).toBe(200);
    const rows = (await w.ctx.db(w.ctx.tables.tarea).select('RESPONSABLE_EMAIL', 'COD_CLIENT', 'FECHA')
      .where('ESTADO', 'pendiente').andWhere('FECHA', '<=', day)) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    const expected = new Map<string, { tasks: number; customers: Set<string>; late: number; oldest: string | null }>();
    for (const r of rows) {
      const e = String(r.RESPONSABLE_EMAIL).toLowerCase();
      const x = expected.get(e) ?? { tasks: 0, customers: new Set<string>(), late: 0, oldest: null };
      x.tasks += 1;
      x.customers.add(String(r.COD_CLIENT));
      const due = String(r.FECHA).slice(0, 10);
      if (due < day) { x.late += 1; if (!x.oldest || due < x.oldest) x.oldest = due; }
      expected.set(e, x);
    }
    const shown = tableRows(page.text, 'equipo').slice(1);
    for (const [email, x] of expected) {
      const tr = new RegExp(`<tr data-persona="${email.replace(/[.]/g, '\\.')}">([\\s\\S]*?)</tr>`).exec(page.text);
      expect(tr, email).not.toBeNull();
      const cells = [...tr![1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
      expect(cells[1]).toBe(String(x.tasks));
      expect(cells[2]).toBe(String(x.customers.size));
      expect(cells[4]).toBe(String(x.late));
      expect(cells[5]).toBe(x.oldest ? `${x.oldest.slice(8, 10)}/${x.oldest.slice(5, 7)}/${x.oldest.slice(0, 4)}` : '—');
    }
    expect(shown.length).toBeGreaterThanOrEqual(expected.size);
    // Each person links to their Hoy.
    expect(page.text).toContain(`href="/hoy?de=${collector.email}"`);
    const theirs = await c.get(`/hoy?de=${collector.email}`);
    expect(theirs.status).toBe(200);
    // Inline SVG charts, no inline style.
    expect(page.text).toContain('<svg class="grafico"');
    expect(page.text).not.toMatch(/\sstyle=/);
  });

  it('shows the KPIs of the last four weeks with the same figures as «cadencia informe»', async () => {
    const from = addDays(day, -27);
    const ini = join(w.dir, 'cadencia.ini');
    writeIni(ini, { erpFile: erpFileOf(w.config), mailFolder: join(w.dir, 'correo'), logFolder: join(w.dir, 'registros') });
    const child = runCli(['informe', '--desde', from, '--hasta', day, '--por', 'vendedor', '--formato', 'json', '--config', ini]);
    const { code } = await child.exited;
    expect(code, child.output()).toBe(0);
    const json = JSON.parse(child.output()) as { grupos: Record<string, number | string | null>[] };
    const page = await (await as(supervisor.email)).get('/supervisor');
    expect(textOf(page.text)).toContain(`cadencia informe --desde ${from} --hasta ${day} --por vendedor`);
    const table = tableRows(page.text, 'indicadores');
    const header = table[0]!;
    expect(header.slice(1)).toEqual(json.grupos.map((g) => g.Grupo));
    const columns = reportColumns(new Map()).slice(1);
    let compared = 0;
    for (const col of columns) {
      const row = table.find((r) => r[0] === col.title);
      expect(row, col.title).toBeDefined();
      json.grupos.forEach((g, i) => {
        expect(row![i + 1], `${col.title} / ${String(g.Grupo)}`).toBe(formattedValue(col.kind, g[col.title] ?? null));
        compared += 1;
      });
    }
    expect(compared).toBeGreaterThan(50);
    const total = json.grupos[0]!;
    expect(Number(total['Saldo total'])).toBeGreaterThan(0);
  }, 120_000);

  it('reassigns a customer from the collector to a seller: their Hoy lists change and the audit keeps before and after', async () => {
    const c = await as(supervisor.email);
    const mine = await (await as(collector.email)).get('/hoy');
    const code = /data-cliente="([^"]+)"/.exec(mine.text)?.[1];
    expect(code).toBeDefined();
    const sellerBefore = await (await as(seller.email)).get('/hoy');
    expect(sellerBefore.text).not.toContain(`data-cliente="${code}"`);
    const page = await c.get('/supervisor');
    const pending = Number(((await w.ctx.db(w.ctx.tables.tarea).count({ n: '*' }).where({ COD_CLIENT: code, ESTADO: 'pendiente' })) as Row[])[0]!.n);
    const res = await c.post('/supervisor/reasignar', { _csrf: csrfOf(page.text), cliente: code!, a: seller.email });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/supervisor?hecho=reasignada');
    const after = await c.get(res.location!);
    expect(textOf(after.text)).toContain('Tarea reasignada.');
    const tasks = (await w.ctx.db(w.ctx.tables.tarea).select('*').where({ COD_CLIENT: code, ESTADO: 'pendiente' })) as Row[];
    expect(tasks.length).toBe(pending);
    for (const t of tasks) {
      expect(String(t.RESPONSABLE_EMAIL).toLowerCase()).toBe(seller.email);
      expect(t.RESPONSABLE).toBe(seller.name);
      expect(t.ASIGNADA_POR).toBe(supervisor.email);
    }
    expect((await (await as(seller.email)).get('/hoy')).text).toContain(`data-cliente="${code}"`);
    expect((await (await as(collector.email)).get('/hoy')).text).not.toContain(`data-cliente="${code}"`);
    const row = (await auditRows()).at(-1)!;
    expect(row.ACCION).toBe('reasignar');
    expect(row.COD_CLIENT).toBe(code);
    expect(row.USUARIO).toBe(supervisor.email);
    expect(String(row.ANTES)).toContain(collector.name);
    expect(String(row.DESPUES)).toBe(`${seller.name} <${seller.email}>`);
    const log = textOf((await c.get('/supervisor/auditoria')).text);
    expect(log).toContain(`Reasignación ${code}`);
    expect(log).toContain(`→ ${seller.name} <${seller.email}>`);
  });

  it('sets customer marks with a mandatory reason, through the same validation as «cliente marcar», and audits them', async () => {
    const c = await as(supervisor.email);
    const code = String(((await w.ctx.db(w.ctx.tables.tarea).first('COD_CLIENT').where('ESTADO', 'pendiente')) as Row).COD_CLIENT).trim();
    const page = await c.get(`/supervisor?cliente=${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="panel-cliente"');
    expect(page.text).toContain('action="/supervisor/marcas"');
    const csrf = csrfOf(page.text);
    const before = (await auditRows()).length;
    const noReason = await c.post('/supervisor/marcas', { _csrf: csrf, cliente: code, contactar: 'no', disputa: 'si', judicial: 'no', nivel_fijo: 'C', motivo: '  ' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain('Escriba el motivo de la marca');
    const badTier = await c.post('/supervisor/marcas', { _csrf: csrf, cliente: code, contactar: 'no', disputa: 'si', judicial: 'no', nivel_fijo: 'Z', motivo: 'x' });
    expect(badTier.status).toBe(400);
    expect((await auditRows()).length).toBe(before);
    const ok = await c.post('/supervisor/marcas', {
      _csrf: csrf, cliente: code, contactar: 'no', disputa: 'si', judicial: 'no', nivel_fijo: 'C', motivo: 'Reclamo por factura duplicada',
      volver: `/supervisor?cliente=${code}#panel-cliente`,
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/supervisor?cliente=${code}&hecho=marca#panel-cliente`);
    const flags = (await w.ctx.db(w.ctx.tables.cliente).where('COD_CLIENT', code).first()) as Row;
    expect(Boolean(flags.NO_CONTACTAR)).toBe(true);
    expect(Boolean(flags.EN_DISPUTA)).toBe(true);
    expect(Boolean(flags.GESTION_JUDICIAL)).toBe(false);
    expect(flags.NIVEL_FIJO).toBe('C');
    const shown = await c.get(ok.location!);
    expect(textOf(shown.text)).toContain('Marca del cliente actualizada.');
    const row = (await auditRows()).at(-1)!;
    expect(row.ACCION).toBe('marcas');
    expect(row.MOTIVO).toBe('Reclamo por factura duplicada');
    expect(String(row.ANTES)).toContain('no contactar: no; disputa: no');
    expect(String(row.DESPUES)).toBe('no contactar: sí; disputa: sí; gestión judicial: no; nivel fijo: C');
    const log = textOf((await c.get('/supervisor/auditoria')).text);
    expect(log).toContain('Marcas del cliente');
    expect(log).toContain('→ no contactar: sí; disputa: sí; gestión judicial: no; nivel fijo: C Reclamo por factura duplicada');
  });

  it('a cobrador gets 404 for the supervisor pages and POSTs, and nothing is written', async () => {
    const c = await as(collector.email);
    expect((await c.get('/supervisor')).status).toBe(404);
    expect((await c.get('/supervisor/auditoria')).status).toBe(404);
    const hoy = await c.get('/hoy');
    expect(hoy.text).not.toContain('href="/supervisor"');
    const csrf = csrfOf(hoy.text);
    const code = String(((await w.ctx.db(w.ctx.tables.tarea).first('COD_CLIENT').where({ ESTADO: 'pendiente', RESPONSABLE_EMAIL: collector.email })) as Row).COD_CLIENT).trim();
    const tasksBefore = await w.ctx.db(w.ctx.tables.tarea).select('ID', 'RESPONSABLE_EMAIL', 'ASIGNADA_POR').orderBy('ID');
    const auditBefore = (await auditRows()).length;
    const flagsBefore = await w.ctx.db(w.ctx.tables.cliente).select('*').orderBy('COD_CLIENT');
    const r1 = await c.post('/supervisor/reasignar', { _csrf: csrf, cliente: code, a: collector.email });
    expect(r1.status).toBe(404);
    expect(textOf(r1.text)).toContain('No encontrado');
    const r2 = await c.post('/supervisor/marcas', { _csrf: csrf, cliente: code, contactar: 'no', disputa: 'no', judicial: 'no', nivel_fijo: 'ninguno', motivo: 'x' });
    expect(r2.status).toBe(404);
    expect(await w.ctx.db(w.ctx.tables.tarea).select('ID', 'RESPONSABLE_EMAIL', 'ASIGNADA_POR').orderBy('ID')).toEqual(tasksBefore);
    expect(await w.ctx.db(w.ctx.tables.cliente).select('*').orderBy('COD_CLIENT')).toEqual(flagsBefore);
    expect((await auditRows()).length).toBe(auditBefore);
  });
});
