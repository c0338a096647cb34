/**
 * «Registrar resultado» over real HTTP against a demo company, and what the
 * following cycles make of it: a promise pauses the customer (Hoy's «En
 * espera», the digest's «EN PAUSA») until its date plus grace passes unpaid,
 * then a PROMESA-<id> follow-up comes; a done task never comes back and the
 * next cadence step still comes; a postponed task waits for its date; a
 * reassigned task goes to the digest of the person it was given to; a
 * collector cannot act on someone else's customer; bad input is refused with
 * one Spanish line per field and writes nothing. The digest links each
 * customer to the worklist and carries a one-time sign-in link that works and
 * stays the same across the day's cycles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxKey } from '../../service/mail/outbox-mail';
import { hoyEntries } from '../../service/web/worklist';
import { DEMO_START } from '../e2e/helpers';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

type Row = Record<string, unknown>;

const LAURA = 'laura.gomez@distribuidora-ejemplo.com.ar'; // collector
const MARTIN = 'martin.suarez@distribuidora-ejemplo.com.ar'; // supervisor

async function open(tag: string): Promise<WebCompany> {
  const w = await openWebCompany({ tag, asOf: DEMO_START });
  // The digest writes the worklist's address: this test server's.
  (w.ctx.config.web as { publicUrl: string | null }).publicUrl = w.url;
  await w.cycle(DEMO_START);
  return w;
}

async function signedIn(w: WebCompany, email: string): Promise<WebClient> {
  const c = new WebClient(w.url);
  c.setCookieHeader(await w.sessionFor(email));
  return c;
}

/** Moves the worklist's day and runs that day's cycle. */
async function dayOf(w: WebCompany, day: string): Promise<void> {
  w.day.asOf = day;
  w.day.now = new Date(`${day}T11:30:00Z`);
  await w.cycle(day);
}

async function digestText(w: WebCompany, email: string, day: string): Promise<string | null> {
  const row = (await w.ctx.db(w.ctx.tables.correo).select('CUERPO_TEXTO').where('CLAVE', outboxKey(email, day, 'resumen')).first()) as Row | undefined;
  return row ? String(row.CUERPO_TEXTO) : null;
}

/** The part of a digest about one customer (from its line to the next separator). */
function digestEntry(text: string, code: string): string | null {
  const block = text.split('======================================================================').find((b) => b.includes(`(cód. ${code})`));
  return block ?? null;
}

async function tasksOf(w: WebCompany, code: string): Promise<Row[]> {
  return (await w.ctx.db(w.ctx.tables.tarea).select().where('COD_CLIENT', code).orderBy('ID')) as Row[];
}

async function contactsOf(w: WebCompany, code: string): Promise<Row[]> {
  return (await w.ctx.db(w.ctx.tables.contacto).select().where('COD_CLIENT', code).orderBy('ID')) as Row[];
}

/** Hoy's page split in what to contact today and what waits («En espera»). */
async function hoyOf(c: WebClient, path = '/hoy'): Promise<{ toContact: string; waiting: string; all: string }> {
  const page = await c.get(path);
  expect(page.status).toBe(200);
  const all = textOf(page.text);
  const at = all.indexOf('En espera (');
  return { toContact: at < 0 ? all : all.slice(0, at), waiting: at < 0 ? '' : all.slice(at), all };
}

async function postResult(c: WebClient, code: string, form: Record<string, string>, query = '') {
  const page = await c.get(`/cliente/${code}/resultado${query}`);
  expect(page.status).toBe(200);
  return c.post(`/cliente/${code}/resultado`, { _csrf: csrfOf(page.text), tarea: 'auto', ...form });
}

describe('a promise recorded from the worklist', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-promise'); }, 120_000);
  afterAll(async () => w?.close());

  it('pauses the customer in Hoy and in the next digest, and brings a follow-up once it is broken', async () => {
    const c = await signedIn(w, LAURA);
    const before = await hoyOf(c);
    expect(before.toContact).toContain('Rossi Hnos. SA');
    const [task] = (await tasksOf(w, '000032')).filter((t) => t.ESTADO === 'pendiente');

    // The digest's button opens the form filled; the GET writes nothing.
    const form = await c.get('/cliente/000032/resultado?resultado=promesa&fecha=2026-11-06&importe=500.000');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/value="promesa" checked/);
    expect(form.text).toContain('name="importe" type="text" inputmode="decimal" placeholder="1.500,50" value="500.000"');
    expect(textOf(form.text)).toContain('Registrar resultado · Rossi Hnos. SA (000032)');
    expect(await contactsOf(w, '000032')).toHaveLength(0);

    const done = await c.post('/cliente/000032/resultado', {
      _csrf: csrfOf(form.text), resultado: 'promesa', fecha: '06/11/2026', importe: '500.000', tarea: 'auto', observaciones: 'Paga el viernes por transferencia.',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/hoy?hecho=resultado');

    const after = await hoyOf(c, done.location!);
    expect(after.all).toContain('Resultado registrado.');
    expect(after.toContact).not.toContain('Rossi Hnos. SA');
    expect(after.waiting).toContain('Rossi Hnos. SA promesa de pago vigente');

    const [contact] = await contactsOf(w, '000032');
    expect(contact).toMatchObject({
      RESULTADO: 'promesa', USUARIO: LAURA, TAREA_ID: task!.ID, FECHA: DEMO_START, FECHA_PROMESA: '2026-11-06', IMPORTE_PROMESA: 500000,
      OBSERVACIONES: 'Paga el viernes por transferencia.',
    });
    // The task stays open: the promise pauses the customer, it does not finish the step.
    expect((await tasksOf(w, '000032')).find((t) => t.ID === task!.ID)).toMatchObject({ ESTADO: 'pendiente', FECHA: task!.FECHA });
    const trail = (await w.ctx.db(w.ctx.tables.auditoria).select().where('COD_CLIENT', '000032')) as Row[];
    expect(trail.map((r) => r.ACCION)).toEqual(['resultado']);
    expect(trail[0]).toMatchObject({ USUARIO: LAURA, TAREA_ID: task!.ID });
    expect(JSON.parse(String(trail[0]!.DESPUES))).toMatchObject({ resultado: 'promesa', importePromesa: 500000, tarea: 'abierta' });

    // A note recorded after the promise does not bring the customer back to the list.
    expect((await postResult(c, '000032', { resultado: 'nota', observaciones: 'Confirmó por correo.' })).status).toBe(303);
    const noted = await hoyOf(c);
    expect(noted.toContact).not.toContain('Rossi Hnos. SA');
    expect(noted.waiting).toContain('Rossi Hnos. SA promesa de pago vigente');

    // Next business day: Laura's digest lists the customer as paused.
    await dayOf(w, '2026-11-03');
    const digest = (await digestText(w, LAURA, '2026-11-03'))!;
    const entry = digestEntry(digest, '000032')!;
    expect(entry).toContain('EN PAUSA — Rossi Hnos. SA (cód. 000032), nivel B: no contactar hoy.');
    expect(entry).toContain('Promesa de pago de $ 500.000,00 para el 06/11/2026, vigente hasta el 09/11/2026.');
    expect(entry).toContain(`Ficha del cliente: ${w.url}/cliente/000032`);
    expect(entry).not.toContain('Prometió pagar:');

    // Promised for 06/11 (+3 days of grace): on 10/11, unpaid, a follow-up of the broken promise.
    await dayOf(w, '2026-11-10');
    const entries = await hoyEntries(w.ctx, '2026-11-10', { customer: '000032' });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.pause).toBeNull();
    expect(entries[0]!.tasks.map((t) => t.stepId)).toContain(`PROMESA-${String(contact!.ID)}`);
    const hoy = await hoyOf(await signedIn(w, LAURA)); // yesterday's session has expired
    expect(hoy.toContact).toContain('Rossi Hnos. SA');
    const later = (await digestText(w, LAURA, '2026-11-10'))!;
    expect(digestEntry(later, '000032')).toContain('Promesa incumplida: iba a pagar $ 500.000,00 el 06/11/2026.');
  });
});

describe('done, postponed and reassigned tasks', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-states'); }, 120_000);
  afterAll(async () => w?.close());

  it('a done task never comes back; the next cadence step still comes when it is due', async () => {
    const c = await signedIn(w, LAURA);
    const [task] = (await tasksOf(w, 'C42')).filter((t) => t.ESTADO === 'pendiente');
    expect(task).toMatchObject({ PASO: 'D+30' });
    const done = await postResult(c, 'C42', { resultado: 'contactado', observaciones: 'Habló con el tesorero.' });
    expect(done.status).toBe(303);
    expect((await tasksOf(w, 'C42')).find((t) => t.ID === task!.ID)).toMatchObject({
      ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: LAURA,
    });
    expect((await hoyOf(c)).all).not.toContain('Etchegaray Hnos. SAS');
    const inView = (await w.ctx.db(w.ctx.tables.vTareasHoy).select('ID').where('COD_CLIENT', 'C42')) as Row[];
    expect(inView).toHaveLength(0);

    // The next cycles make no new D+30 task.
    await dayOf(w, '2026-11-03');
    const next = await tasksOf(w, 'C42');
    expect(next.filter((t) => t.PASO === 'D+30')).toHaveLength(1);
    expect(next.filter((t) => t.ESTADO === 'pendiente')).toHaveLength(0);
    expect(digestEntry((await digestText(w, LAURA, '2026-11-03')) ?? '', 'C42')).toBeNull();

    // Episode 25/09/2026: D+60 (supervisor) falls on 24/11/2026.
    await dayOf(w, '2026-11-24');
    const later = await tasksOf(w, 'C42');
    expect(later.filter((t) => t.PASO === 'D+30')).toHaveLength(1);
    expect(later.filter((t) => t.PASO === 'D+60' && t.ESTADO === 'pendiente')).toHaveLength(1);
    const hoy = await hoyOf(await signedIn(w, MARTIN));
    expect(hoy.toContact).toContain('Etchegaray Hnos. SAS');
  });
});

describe('a postponed task', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-postpone'); }, 120_000);
  afterAll(async () => w?.close());

  it('«no responde» with the task «según el resultado» postpones it to the next business day', async () => {
    const c = await signedIn(w, MARTIN);
    const [task] = (await tasksOf(w, '000056')).filter((t) => t.ESTADO === 'pendiente' && String(t.FECHA) <= w.day.asOf);
    const r = await postResult(c, '000056', { resultado: 'sin_respuesta' });
    expect(r.status).toBe(303);
    // Monday 02/11/2026: the next business day is Tuesday 03/11.
    expect((await tasksOf(w, '000056')).find((t) => t.ID === task!.ID)).toMatchObject({ FECHA: '2026-11-03', POSPUESTA_HASTA: '2026-11-03' });
  });

  it('leaves Hoy and the digests until its date, then comes back', async () => {
    const c = await signedIn(w, MARTIN);
    const [task] = (await tasksOf(w, '000026')).filter((t) => t.ESTADO === 'pendiente');
    const r = await postResult(c, '000026', { resultado: 'sin_respuesta', tarea: 'pospuesta', hasta: '05/11/2026' });
    expect(r.status).toBe(303);
    expect((await tasksOf(w, '000026')).find((t) => t.ID === task!.ID)).toMatchObject({
      ESTADO: 'pendiente', FECHA: '2026-11-05', POSPUESTA_HASTA: '2026-11-05',
    });
    expect((await hoyOf(c)).all).not.toContain('Maderera Don Bosco');
    const trail = (await w.ctx.db(w.ctx.tables.auditoria).select().where('COD_CLIENT', '000026').orderBy('ID')) as Row[];
    expect(trail.map((x) => x.ACCION)).toEqual(['resultado', 'tarea_pospuesta']);
    expect(JSON.parse(String(trail[1]!.ANTES))).toMatchObject({ estado: 'pendiente', pospuestaHasta: null });
    expect(JSON.parse(String(trail[1]!.DESPUES))).toMatchObject({ fecha: '2026-11-05', pospuestaHasta: '2026-11-05' });

    await dayOf(w, '2026-11-03');
    expect(digestEntry((await digestText(w, MARTIN, '2026-11-03'))!, '000026')).toBeNull();
    expect((await hoyOf(await signedIn(w, MARTIN))).all).not.toContain('Maderera Don Bosco');
    await dayOf(w, '2026-11-04');
    expect(digestEntry((await digestText(w, MARTIN, '2026-11-04'))!, '000026')).toBeNull();

    await dayOf(w, '2026-11-05');
    const hoy = await hoyOf(await signedIn(w, MARTIN));
    expect(hoy.toContact).toContain('Maderera Don Bosco S.R.L.');
    expect(hoy.toContact).toContain('Pospuesta hasta el 05/11/2026.');
    expect(digestEntry((await digestText(w, MARTIN, '2026-11-05'))!, '000026')).toContain('Maderera Don Bosco S.R.L. (cód. 000026)');
  });

});

describe('a task reassigned to someone else', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-reassign'); }, 120_000);
  afterAll(async () => w?.close());

  it('goes to the stored assignee in the digest', async () => {
    expect(digestEntry((await digestText(w, MARTIN, DEMO_START))!, '000003')).not.toBeNull();
    // Reassigned as the worklist does it (the reassignment page is another route module).
    await w.ctx.db(w.ctx.tables.tarea).update({ RESPONSABLE: 'Laura Gómez', RESPONSABLE_EMAIL: LAURA, ASIGNADA_POR: MARTIN })
      .where({ COD_CLIENT: '000003', ESTADO: 'pendiente' });
    await w.cycle(DEMO_START, new Date(`${DEMO_START}T15:00:00Z`));
    expect(digestEntry((await digestText(w, LAURA, DEMO_START))!, '000003')).toContain('Pereyra y Sosa S.A. (cód. 000003)');
    expect(digestEntry((await digestText(w, MARTIN, DEMO_START))!, '000003')).toBeNull();
    // Now Laura may act on it.
    const c = await signedIn(w, LAURA);
    expect((await c.get('/cliente/000003/resultado')).status).toBe(200);
  });
});

describe('who may record, and bad input', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-guard'); }, 120_000);
  afterAll(async () => w?.close());

  it('a collector gets «not found» for a customer of someone else, GET and POST, and nothing is written', async () => {
    const c = await signedIn(w, LAURA);
    const own = await c.get('/cliente/000032/resultado');
    const page = await c.get('/cliente/000026/resultado?resultado=contactado');
    expect(page.status).toBe(404);
    expect(textOf(page.text)).toContain('La página que busca no existe o no está a su cargo.');
    const before = await tasksOf(w, '000026');
    const post = await c.post('/cliente/000026/resultado', { _csrf: csrfOf(own.text), resultado: 'contactado', tarea: 'hecha' });
    expect(post.status).toBe(404);
    expect(await contactsOf(w, '000026')).toHaveLength(0);
    expect(await tasksOf(w, '000026')).toEqual(before);
    expect(await w.ctx.db(w.ctx.tables.auditoria).select()).toHaveLength(0);
    expect((await c.get('/cliente/NOEXISTE/resultado')).status).toBe(404);
    // The supervisor may act on any customer.
    expect((await (await signedIn(w, MARTIN)).get('/cliente/000032/resultado')).status).toBe(200);
  });

  it('refuses a bad amount and a promised date in the past with one Spanish line each, the form filled again', async () => {
    const c = await signedIn(w, LAURA);
    const bad = await postResult(c, '000032', { resultado: 'promesa', fecha: '2026-11-01', importe: 'abc', observaciones: 'llamar de nuevo' });
    expect(bad.status).toBe(400);
    const text = textOf(bad.text);
    expect(text).toContain('Importe prometido: no se entiende el importe «abc»: escriba por ejemplo 1.500, 1.500,50 o 1500,5 (punto para los miles, coma para los centavos).');
    expect(bad.text).toContain('value="abc"');
    expect(bad.text).toContain('llamar de nuevo');
    const past = await postResult(c, '000032', { resultado: 'promesa', fecha: '2026-11-01', importe: '1.500,50' });
    expect(past.status).toBe(400);
    expect(textOf(past.text)).toContain('Fecha prometida: La fecha prometida (01/11/2026) es anterior al contacto (02/11/2026).');
    const none = await postResult(c, '000032', { resultado: 'promesa' });
    expect(textOf(none.text)).toContain('Fecha prometida: falta la fecha en que el cliente promete pagar.');
    expect(textOf(none.text)).toContain('Importe prometido: falta el importe que el cliente promete pagar.');
    const noOutcome = await postResult(c, '000032', {});
    expect(textOf(noOutcome.text)).toContain('Resultado: elija qué pasó con el contacto.');
    const dispute = await postResult(c, '000032', { resultado: 'disputa' });
    expect(textOf(dispute.text)).toContain('Motivo: escriba por qué el cliente discute la deuda.');
    const postpone = await postResult(c, '000032', { resultado: 'contactado', tarea: 'pospuesta', hasta: '02/11/2026' });
    expect(textOf(postpone.text)).toContain('Pospuesta hasta: la fecha (02/11/2026) tiene que ser posterior a hoy (02/11/2026).');
    expect(await contactsOf(w, '000032')).toHaveLength(0);
    expect((await tasksOf(w, '000032')).filter((t) => t.ESTADO === 'pendiente')).toHaveLength(1);
  });

  it('a dispute closes the task, flags the customer and lists the vouchers', async () => {
    const c = await signedIn(w, LAURA);
    const [task] = (await tasksOf(w, '000032')).filter((t) => t.ESTADO === 'pendiente');
    const form = await c.get('/cliente/000032/resultado?resultado=disputa');
    expect(textOf(form.text)).toContain('FAC A000100000438 vto 20/09/2026');
    const r = await c.post('/cliente/000032/resultado', {
      _csrf: csrfOf(form.text), resultado: 'disputa', motivo: 'Dice que la mercadería llegó dañada', comprobantes: 'FAC A000100000438', tarea: 'auto',
    });
    expect(r.status).toBe(303);
    const [contact] = await contactsOf(w, '000032');
    expect(contact).toMatchObject({ RESULTADO: 'disputa', OBSERVACIONES: 'Motivo: Dice que la mercadería llegó dañada. Comprobantes: FAC A000100000438.' });
    const flags = (await w.ctx.db(w.ctx.tables.cliente).select('EN_DISPUTA').where('COD_CLIENT', '000032').first()) as Row;
    expect(Boolean(flags.EN_DISPUTA)).toBe(true);
    expect((await tasksOf(w, '000032')).find((t) => t.ID === task!.ID)).toMatchObject({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: LAURA });
  });

  it('a note is recorded without touching the task and does not count as a contact', async () => {
    const c = await signedIn(w, LAURA);
    const r = await postResult(c, 'C42', { resultado: 'nota', observaciones: 'El contador vuelve de vacaciones el lunes.' });
    expect(r.status).toBe(303);
    const [contact] = await contactsOf(w, 'C42');
    expect(contact).toMatchObject({ RESULTADO: 'nota', USUARIO: LAURA });
    expect((await tasksOf(w, 'C42')).filter((t) => t.ESTADO === 'pendiente')).toHaveLength(1);
    const hoy = await hoyOf(c);
    expect(hoy.toContact).toContain('Último contacto: 02/11/2026, nota: «El contador vuelve de vacaciones el lunes.»');
  });
});

describe('the digest and the worklist', () => {
  let w: WebCompany;
  beforeAll(async () => { w = await open('web-res-digest'); }, 120_000);
  afterAll(async () => w?.close());

  it('links each customer and its outcome buttons, and signs in once with a link that stays the same all day', async () => {
    const digest = (await digestText(w, LAURA, DEMO_START))!;
    const entry = digestEntry(digest, '000032')!;
    expect(entry).toContain(`Ficha del cliente: ${w.url}/cliente/000032`);
    expect(entry).toContain(`En la lista de trabajo: ${w.url}/cliente/000032/resultado`);
    expect(entry).toContain(`· Prometió pagar: ${w.url}/cliente/000032/resultado?resultado=promesa`);
    expect(entry).toContain(`· No responde: ${w.url}/cliente/000032/resultado?resultado=sin_respuesta`);
    expect(entry).toContain('cadencia contacto registrar --cliente 000032 --resultado <resultado>');
    const m = new RegExp(`Tu lista de trabajo, con un enlace para entrar \\(vale 12 horas y sirve una sola vez\\): (${w.url}/e/[A-Za-z0-9_-]+\\?volver=/hoy)`).exec(digest);
    expect(m).not.toBeNull();
    const link = m![1]!;
    const row = (await w.ctx.db(w.ctx.tables.correo).select('CUERPO_HTML').where('CLAVE', outboxKey(LAURA, DEMO_START, 'resumen')).first()) as Row;
    // Handlebars writes «=» as &#x3D; in attributes (the same URL for a browser).
    const html = String(row.CUERPO_HTML).replace(/&#x3D;/g, '=');
    expect(html).toContain(`href="${w.url}/cliente/000032/resultado?resultado=promesa"`);
    expect(html).toContain(`href="${link}"`);
    expect(html).toContain('Abrir mi lista de trabajo');

    // A later cycle the same day keeps the same link (the digest is not rewritten for it).
    await w.cycle(DEMO_START, new Date(`${DEMO_START}T14:00:00Z`));
    expect(await digestText(w, LAURA, DEMO_START)).toBe(digest);
    const links = (await w.ctx.db(w.ctx.tables.enlace).select().where('EMAIL', LAURA)) as Row[];
    expect(links).toHaveLength(1);
    expect(links[0]!.CLAVE).toBe(outboxKey(LAURA, DEMO_START, 'resumen'));

    // A change re-renders the pending digest: the same sign-in link is written again, no new one.
    const boss = await signedIn(w, MARTIN);
    expect((await postResult(boss, 'C42', { resultado: 'contactado' })).status).toBe(303);
    await w.cycle(DEMO_START, new Date(`${DEMO_START}T14:30:00Z`));
    const rerendered = (await digestText(w, LAURA, DEMO_START))!;
    expect(rerendered).not.toBe(digest);
    expect(digestEntry(rerendered, 'C42')).toBeNull();
    expect(rerendered).toContain(link);
    expect(await w.ctx.db(w.ctx.tables.enlace).select().where('EMAIL', LAURA)).toHaveLength(1);

    // The link: the GET shows a button, the POST signs in and goes to Hoy.
    const c = new WebClient(w.url);
    const shown = await c.get(link);
    expect(shown.status).toBe(200);
    expect(textOf(shown.text)).toContain(`Enlace de ingreso para ${LAURA}`);
    const signed = await c.post(new URL(link).pathname, { _csrf: csrfOf(shown.text), volver: '/hoy' });
    expect(signed.status).toBe(303);
    expect(signed.location).toBe('/hoy');
    expect((await hoyOf(c)).toContact).toContain('Rossi Hnos. SA');
    // A button of the digest opens the filled form.
    const form = await c.get('/cliente/000032/resultado?resultado=sin_respuesta');
    expect(form.text).toMatch(/value="sin_respuesta" checked/);
  });
});
