/**
 * «Registrar resultado» on a real T-SQL server: the POST writes the contact,
 * closes or postpones the day's tasks, flags a dispute and audits it in one
 * transaction; the next cycle reads a reassigned task's stored assignee and
 * writes the digest's one-time sign-in link (ENLACE.CLAVE = the digest's key).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toIsoDate } from '../../connector/addon/dates';
import { DEMO_START } from '../../service/cli/commands-demo';
import { type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { outboxKey } from '../../service/mail/outbox-mail';
import { SESSION_COOKIE } from '../../service/web/server';
import { createSession } from '../../service/web/store';
import { morningOf } from '../e2e/helpers';
import { csrfOf, textOf, WebClient } from '../web/helpers';
import { openTsqlDemoCompany, type TsqlCompany } from './demo-company';

type Row = Record<string, unknown>;

const LAURA = 'laura.gomez@distribuidora-ejemplo.com.ar';
const MARTIN = 'martin.suarez@distribuidora-ejemplo.com.ar';
const NOW = new Date(`${DEMO_START}T11:30:00Z`);

describe('Registrar resultado on T-SQL', () => {
  let company: TsqlCompany;
  let ctx: CompanyContext;
  let url: string;

  beforeAll(async () => {
    company = await openTsqlDemoCompany('webresultado', { web: { now: NOW, asOf: DEMO_START } });
    ({ ctx, url } = company);
    (ctx.config.web as { publicUrl: string | null }).publicUrl = url;
    await runCycle(ctx, { asOf: DEMO_START, now: () => morningOf(DEMO_START) });
  }, 300_000);

  afterAll(async () => company?.close());

  async function client(email: string): Promise<WebClient> {
    const c = new WebClient(url);
    c.setCookieHeader(`${SESSION_COOKIE}=${ctx.config.company.id}.${await createSession(ctx.db, ctx.tables, email, 12, NOW)}`);
    return c;
  }

  const pendingOf = async (code: string) =>
    (await ctx.db(ctx.tables.tarea).select().where({ ESTADO: 'pendiente' }).andWhereRaw('RTRIM(COD_CLIENT) = ?', [code]).orderBy('ID')) as Row[];

  it('a dispute: contact, task done, customer flagged, audit rows — in one go', async () => {
    const c = await client(LAURA);
    const [task] = await pendingOf('000032');
    const form = await c.get('/cliente/000032/resultado?resultado=disputa');
    expect(form.status).toBe(200);
    const r = await c.post('/cliente/000032/resultado', {
      _csrf: csrfOf(form.text), resultado: 'disputa', motivo: 'Mercadería dañada', comprobantes: 'FAC A000100000438', tarea: 'auto',
    });
    expect(r.status).toBe(303);
    const contact = (await ctx.db(ctx.tables.contacto).select().where('COD_CLIENT', '000032').first()) as Row;
    expect(contact).toMatchObject({ RESULTADO: 'disputa', USUARIO: LAURA, TAREA_ID: task!.ID });
    const done = (await ctx.db(ctx.tables.tarea).select().where('ID', Number(task!.ID)).first()) as Row;
    expect(done).toMatchObject({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: LAURA });
    const flag = (await ctx.db(ctx.tables.cliente).select('EN_DISPUTA').where('COD_CLIENT', '000032').first()) as Row;
    expect(Boolean(flag.EN_DISPUTA)).toBe(true);
    const trail = (await ctx.db(ctx.tables.auditoria).select('ACCION').where('COD_CLIENT', '000032').orderBy('ID')) as Row[];
    expect(trail.map((x) => x.ACCION)).toEqual(['resultado', 'tarea_hecha', 'marca_disputa']);
  });

  it('a postponement and a bad amount', async () => {
    const c = await client(MARTIN);
    const [task] = await pendingOf('000026');
    const form = await c.get('/cliente/000026/resultado');
    const bad = await c.post('/cliente/000026/resultado', { _csrf: csrfOf(form.text), resultado: 'promesa', fecha: '2026-11-10', importe: 'abc', tarea: 'auto' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Importe prometido: no se entiende el importe «abc»');
    const r = await c.post('/cliente/000026/resultado', { _csrf: csrfOf(form.text), resultado: 'sin_respuesta', tarea: 'pospuesta', hasta: '05/11/2026' });
    expect(r.status).toBe(303);
    const moved = (await ctx.db(ctx.tables.tarea).select().where('ID', Number(task!.ID)).first()) as Row;
    expect(toIsoDate(moved.FECHA)).toBe('2026-11-05');
    expect(toIsoDate(moved.POSPUESTA_HASTA)).toBe('2026-11-05');
    expect(moved.ESTADO).toBe('pendiente');
  });

  it('the next cycle: the reassigned task in the new assignee\'s digest, with its sign-in link', async () => {
    await ctx.db(ctx.tables.tarea).update({ RESPONSABLE: 'Laura Gómez', RESPONSABLE_EMAIL: LAURA, ASIGNADA_POR: MARTIN })
      .where({ ESTADO: 'pendiente' }).andWhereRaw('RTRIM(COD_CLIENT) = ?', ['000003']);
    await runCycle(ctx, { asOf: DEMO_START, now: () => new Date(`${DEMO_START}T15:00:00Z`) });
    const row = (await ctx.db(ctx.tables.correo).select('CUERPO_TEXTO').where('CLAVE', outboxKey(LAURA, DEMO_START, 'resumen')).first()) as Row;
    const text = String(row.CUERPO_TEXTO);
    expect(text).toContain('Pereyra y Sosa S.A. (cód. 000003)');
    expect(text).toContain(`Ficha del cliente: ${url}/cliente/000003`);
    expect(text).not.toContain('(cód. 000032)'); // done
    const links = (await ctx.db(ctx.tables.enlace).select('CLAVE').where('EMAIL', LAURA)) as Row[];
    expect(links.map((l) => String(l.CLAVE))).toEqual([outboxKey(LAURA, DEMO_START, 'resumen')]);
    const martin = (await ctx.db(ctx.tables.correo).select('CUERPO_TEXTO').where('CLAVE', outboxKey(MARTIN, DEMO_START, 'resumen')).first()) as Row;
    expect(String(martin.CUERPO_TEXTO)).not.toContain('(cód. 000003)');
    expect(String(martin.CUERPO_TEXTO)).not.toContain('(cód. 000026)'); // postponed
  });
});
