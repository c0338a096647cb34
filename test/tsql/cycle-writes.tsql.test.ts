/**
 * Issue 13 item 7: the cycle's writes on a T-SQL server — the company lock,
 * two cycles started at once, the outbox claim and send over real SMTP, staff
 * input, texts at their column's limit with accents and ñ, dates (1800-01-01
 * in the ERP, a clock at 23:59:59.999) and a first cycle of thousands of
 * tasks (every statement batched under the 2,100-parameter limit).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../connector/addon/migrations';
import { closeInterruptedRuns, finishRun, startRun } from '../../connector/addon/run-log';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { tryLock } from '../../connector/lock';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import type { AppConfig } from '../../service/config';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { CycleLockedError, runCycle } from '../../service/cycle/run-cycle';
import { sendOutbox } from '../../service/cycle/send-outbox';
import { transportFor } from '../../service/mail-transport';
import { DEMO_SEED, memoryLogger, morningOf, smtpMail, startSmtp, type TestSmtp } from '../e2e/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

type Row = Record<string, unknown>;

let dir: string;
let seedFile: string;
let smtp: TestSmtp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-writes-'));
  seedFile = join(dir, 'seed.sqlite');
  await generateDemoErp({ file: seedFile, seed: DEMO_SEED, asOf: DEMO_START });
  smtp = await startSmtp();
});

afterAll(async () => {
  await smtp?.close();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The demo company's configuration on a database of the test server, mail over
 * the test SMTP server. The company id is the database's name: on the stand-in
 * an application lock is shared by all databases of the server (on SQL Server
 * it belongs to one database), so test files running at once must not share it.
 */
function configFor(database: string): AppConfig {
  const base = demoConfig(join(dir, database));
  return {
    ...base,
    company: { ...base.company, id: database },
    erp: { ...base.erp, connection: connectionTo(database) },
    mail: smtpMail(base, smtp.port),
  };
}

/** A demo ERP on a new database of the test server, migrated, and `n` open companies on it (each its own pool). */
async function demoOnServer(label: string, n: number, file = seedFile): Promise<{ server: TestDatabase; ctxs: CompanyContext[] }> {
  const server = await createTestDatabase(label);
  await copyDemoToSqlServer(file, server.db, 'tango', server.name);
  const ctxs: CompanyContext[] = [];
  for (let i = 0; i < n; i++) ctxs.push(await openCompany(configFor(server.name), memoryLogger().logger));
  await migrate(ctxs[0]!.db, ctxs[0]!.tables);
  return { server, ctxs };
}

async function closeAll(server: TestDatabase | undefined, ctxs: CompanyContext[]): Promise<void> {
  for (const c of ctxs) await closeCompany(c);
  await server?.drop();
}

async function countOf(ctx: CompanyContext, table: string, where: Row = {}): Promise<number> {
  const rows = (await ctx.db(table).where(where).count({ n: '*' })) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

const cycle = (ctx: CompanyContext, day = DEMO_START, now = morningOf(day)) => runCycle(ctx, { asOf: day, now: () => now });

describe('company lock and concurrent cycles on T-SQL', () => {
  let server: TestDatabase | undefined;
  let ctxs: CompanyContext[] = [];
  beforeAll(async () => {
    ({ server, ctxs } = await demoOnServer('lock', 3));
  }, 180_000);
  afterAll(() => closeAll(server, ctxs));

  it('a lock held by another instance refuses the cycle in Spanish and starts nothing; once released the cycle runs', async () => {
    const [a, b, c] = ctxs as [CompanyContext, CompanyContext, CompanyContext];
    const held = await tryLock(c.db, c.tables.bloqueo, { resource: `cadencia:${c.config.company.id}` });
    expect(held).not.toBeNull();
    try {
      await expect(cycle(a)).rejects.toBeInstanceOf(CycleLockedError);
      await expect(cycle(b)).rejects.toThrow(`Otra instancia de cadencia está procesando la empresa «${server!.name}»; este ciclo se omite.`);
      expect(await countOf(a, a.tables.ejecucion)).toBe(0); // nothing started
    } finally {
      await held!.release();
    }
    const ok = await cycle(a);
    expect(ok.counts.tasksCreated).toBeGreaterThan(10);
  }, 300_000);

  it('two cycles started at once from two instances: one runs, the other is refused, nothing doubled', async () => {
    const [a, b] = ctxs as [CompanyContext, CompanyContext];
    const before = await countOf(a, a.tables.tarea);
    const day = '2026-11-09';
    const results = await Promise.allSettled([cycle(a, day), cycle(b, day)]);
    const ran = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(CycleLockedError);
    const runs = (await a.db(a.tables.ejecucion).where('FECHA_CORTE', day).select('ESTADO', 'TAREAS_CREADAS')) as Row[];
    expect(runs.map((r) => String(r.ESTADO).trim())).toEqual(['ok']);
    const created = (ran[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof cycle>>>).value.counts.tasksCreated;
    expect(Number(runs[0]!.TAREAS_CREADAS)).toBe(created);
    expect(await countOf(a, a.tables.tarea)).toBe(before + created);
    const dup = (await a.db(a.tables.tarea).select('CLAVE').groupBy('CLAVE').havingRaw('COUNT(*) > 1')) as Row[];
    expect(dup).toEqual([]);
    // The same day again from the other instance: nothing new.
    const again = await cycle(b, day);
    expect(again.counts).toMatchObject({ tasksCreated: 0, tasksClosed: 0, mailsQueued: 0 });
  }, 300_000);
});

describe('outbox on T-SQL: claim and send over SMTP', () => {
  let server: TestDatabase | undefined;
  let ctxs: CompanyContext[] = [];
  beforeAll(async () => {
    ({ server, ctxs } = await demoOnServer('outbox', 2));
  }, 180_000);
  afterAll(() => closeAll(server, ctxs));

  it('two senders draining at once send every mail exactly once, and every row ends enviado', async () => {
    const [a, b] = ctxs as [CompanyContext, CompanyContext];
    const summary = await cycle(a);
    expect(summary.counts.mailsQueued).toBeGreaterThan(1);
    smtp.received.length = 0;
    const [ta, tb] = [transportFor(a.config), transportFor(b.config)];
    try {
      const now = morningOf(DEMO_START, '08:45');
      const [ra, rb] = await Promise.all([
        sendOutbox(a, ta, { now, respectDigestHour: false }),
        sendOutbox(b, tb, { now, respectDigestHour: false }),
      ]);
      expect(ra.sent + rb.sent).toBe(summary.counts.mailsQueued);
      expect(ra.failed + rb.failed).toBe(0);
    } finally {
      ta.close();
      tb.close();
    }
    const rows = (await a.db(a.tables.correo).select('ESTADO', 'ASUNTO', 'DESTINATARIO', 'MESSAGE_ID', 'INTENTOS', 'ENVIADO')) as Row[];
    expect(rows.map((r) => String(r.ESTADO).trim())).toEqual(rows.map(() => 'enviado'));
    expect(rows.every((r) => Number(r.INTENTOS) === 0 && r.ENVIADO instanceof Date)).toBe(true);
    // Each mail arrived once, with its subject and Message-ID.
    expect(smtp.received).toHaveLength(rows.length);
    const subjects = smtp.received.map((m) => m.mail.subject).sort();
    expect(subjects).toEqual(rows.map((r) => String(r.ASUNTO)).sort());
    expect(new Set(smtp.received.map((m) => m.mail.messageId)).size).toBe(rows.length);
    const martin = smtp.received.find((m) => m.rcptTo.includes('martin.suarez@distribuidora-ejemplo.com.ar'));
    expect(martin?.mail.subject).toMatch(/^Cobranzas 02\/11\/2026: \d+ clientes? para contactar — Distribuidora Ejemplo S\.A\.$/);
    expect(martin?.mail.text).toMatch(/\$ \d{1,3}(\.\d{3})*,\d{2}/);
    // A third drain finds nothing to send.
    const t = transportFor(a.config);
    try {
      const again = await sendOutbox(a, t, { now: morningOf(DEMO_START, '09:00'), respectDigestHour: false });
      expect(again.sent).toBe(0);
    } finally {
      t.close();
    }
    expect(smtp.received).toHaveLength(rows.length);
  }, 300_000);
});

describe('staff input, texts and dates on T-SQL', () => {
  let server: TestDatabase | undefined;
  let ctxs: CompanyContext[] = [];
  beforeAll(async () => {
    ({ server, ctxs } = await demoOnServer('staff', 1));
  }, 180_000);
  afterAll(() => closeAll(server, ctxs));

  it('a contact and customer flags written by staff: the contact ID is the row\'s, flags insert then update one row, the next cycle obeys them', async () => {
    const [ctx] = ctxs as [CompanyContext];
    const first = await cycle(ctx);
    expect(first.counts.tasksCreated).toBeGreaterThan(10);
    // Two customers being chased for an overdue balance, with nothing pausing them.
    const chased = (await ctx.db(ctx.tables.alerta).whereNull('SUSPENDIDA_POR').where('SALDO_VENCIDO', '>', 0)
      .orderBy('COD_CLIENT').select('COD_CLIENT')) as Row[];
    const [promiser, disputer] = [String(chased[0]!.COD_CLIENT).trim(), String(chased[1]!.COD_CLIENT).trim()];
    const task = (await ctx.db(ctx.tables.tarea).where({ COD_CLIENT: promiser, ESTADO: 'pendiente' }).first('ID')) as Row;
    const staffNow = morningOf('2026-11-03', '10:00');

    const id = await recordContact(ctx.db, ctx.tables, {
      customerCode: promiser, on: '2026-11-03', outcome: 'promesa', promiseDate: '2026-11-06', promiseAmount: 1234.5,
      taskId: Number(task.ID), user: 'Begoña Muñoz', note: 'Llamó la señora Núñez: paga el viernes, pidió factura en pesos',
    }, staffNow);
    const contact = (await ctx.db(ctx.tables.contacto).where('ID', id).first()) as Row;
    expect(contact).toMatchObject({ USUARIO: 'Begoña Muñoz', OBSERVACIONES: 'Llamó la señora Núñez: paga el viernes, pidió factura en pesos' });
    expect(Number(contact.TAREA_ID)).toBe(Number(task.ID));
    expect(Number(contact.IMPORTE_PROMESA)).toBe(1234.5);
    expect(await recordContact(ctx.db, ctx.tables, { customerCode: promiser, on: '2026-11-03', outcome: 'contactado' }, staffNow)).toBe(id + 1);

    await setCustomerFlags(ctx.db, ctx.tables, disputer, { dispute: true, note: 'Reclama el envío de diciembre' }, staffNow);
    await setCustomerFlags(ctx.db, ctx.tables, disputer, { note: 'Reclamo por precio: espera nota de crédito (año 2026)' }, staffNow);
    const flags = (await ctx.db(ctx.tables.cliente).where('COD_CLIENT', disputer).select('EN_DISPUTA', 'OBSERVACIONES')) as Row[];
    expect(flags).toHaveLength(1);
    expect(Boolean(flags[0]!.EN_DISPUTA)).toBe(true);
    expect(flags[0]!.OBSERVACIONES).toBe('Reclamo por precio: espera nota de crédito (año 2026)');

    await cycle(ctx, '2026-11-04');
    const alert = (await ctx.db(ctx.tables.alerta).where('COD_CLIENT', disputer).first()) as Row | undefined;
    expect(String(alert?.SUSPENDIDA_POR).trim()).toBe('disputa');
    const open = await countOf(ctx, ctx.tables.tarea, { COD_CLIENT: disputer, ESTADO: 'pendiente' });
    expect(open).toBe(0);
    const promised = (await ctx.db(ctx.tables.alerta).where('COD_CLIENT', promiser).first()) as Row | undefined;
    expect(String(promised?.SUSPENDIDA_POR).trim()).toBe('promesa_vigente');
  }, 300_000);

  it('texts at each column\'s limit keep every character, accents and ñ included (NVARCHAR); one more is cut with an ellipsis', async () => {
    const [ctx] = ctxs as [CompanyContext];
    const types = (await ctx.db.raw(
      `SELECT TABLE_NAME AS [t], COLUMN_NAME AS [c], DATA_TYPE AS [type], CHARACTER_MAXIMUM_LENGTH AS [len]
       FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME IN (?, ?, ?) AND COLUMN_NAME IN ('USUARIO', 'OBSERVACIONES', 'DETALLE', 'ERROR')`,
      [ctx.tables.contacto, ctx.tables.cliente, ctx.tables.ejecucion],
    )) as { t: string; c: string; type: string; len: number }[];
    const size = (t: string, c: string) => types.find((r) => r.t.toUpperCase() === t && r.c.toUpperCase() === c);
    for (const r of types) expect(r.type.toLowerCase(), `${r.t}.${r.c}`).toBe('nvarchar');
    expect(size(ctx.tables.contacto, 'OBSERVACIONES')?.len).toBe(500);
    expect(size(ctx.tables.contacto, 'USUARIO')?.len).toBe(100);
    expect(size(ctx.tables.ejecucion, 'DETALLE')?.len).toBe(4000);
    expect(size(ctx.tables.ejecucion, 'ERROR')?.len).toBe(2000);

    const text = (n: number) => 'ñÑáéíóúÁÉÍÓÚüÜ¿¡ '.repeat(Math.ceil(n / 17)).slice(0, n);
    const code = String(((await ctx.db(ctx.tables.tarea).first('COD_CLIENT')) as Row).COD_CLIENT).trim();
    const at = await recordContact(ctx.db, ctx.tables, { customerCode: code, on: '2026-11-03', outcome: 'contactado', user: text(100), note: text(500) });
    const over = await recordContact(ctx.db, ctx.tables, { customerCode: code, on: '2026-11-03', outcome: 'contactado', user: text(101), note: text(501) });
    const read = async (id: number) => (await ctx.db(ctx.tables.contacto).where('ID', id).first('USUARIO', 'OBSERVACIONES')) as Row;
    expect(await read(at)).toEqual({ USUARIO: text(100), OBSERVACIONES: text(500) });
    expect(await read(over)).toEqual({ USUARIO: `${text(99)}…`, OBSERVACIONES: `${text(499)}…` });

    await setCustomerFlags(ctx.db, ctx.tables, code, { note: text(500) });
    expect(((await ctx.db(ctx.tables.cliente).where('COD_CLIENT', code).first('OBSERVACIONES')) as Row).OBSERVACIONES).toBe(text(500));

    const run = await startRun(ctx.db, ctx.tables, { company: 'compañía-ñandú', asOf: '2026-11-03', now: new Date() });
    await finishRun(ctx.db, ctx.tables, run, { status: 'error', detail: text(4000), error: text(2001) });
    const row = (await ctx.db(ctx.tables.ejecucion).where('ID', run).first('EMPRESA', 'DETALLE', 'ERROR')) as Row;
    expect(row).toEqual({ EMPRESA: 'compañía-ñandú', DETALLE: text(4000), ERROR: `${text(1999)}…` });
  });

  it('cycles left en_curso by a dead process are closed as interrupted and counted (rows the UPDATE returns)', async () => {
    const [ctx] = ctxs as [CompanyContext];
    const ids = [
      await startRun(ctx.db, ctx.tables, { company: 'interrumpida', asOf: '2026-11-03', now: new Date() }),
      await startRun(ctx.db, ctx.tables, { company: 'interrumpida', asOf: '2026-11-04', now: new Date() }),
    ];
    expect(ids[1]).toBe(ids[0]! + 1);
    expect(await closeInterruptedRuns(ctx.db, ctx.tables, 'interrumpida', new Date())).toBe(2);
    expect(await closeInterruptedRuns(ctx.db, ctx.tables, 'interrumpida', new Date())).toBe(0);
    const rows = (await ctx.db(ctx.tables.ejecucion).whereIn('ID', ids).select('ESTADO', 'ERROR')) as Row[];
    expect(rows.map((r) => String(r.ESTADO).trim())).toEqual(['error', 'error']);
    expect(String(rows[0]!.ERROR)).toMatch(/^interrumpido: el proceso terminó sin cerrar el ciclo/);
  });

  it('1800-01-01 in the ERP means "no date"; a clock at 23:59:59.999 keeps its business day and is stored within DATETIME precision', async () => {
    const [ctx] = ctxs as [CompanyContext];
    // The demo has Tango's 1800-01-01 in GVA14.FECHA_INHA for active customers: they are chased like any other.
    const noDate = (await ctx.db.raw(
      `SELECT COUNT(*) AS [n] FROM GVA14 WHERE FECHA_INHA = CONVERT(DATETIME, '18000101', 112)`,
    )) as { n: number }[];
    expect(Number(noDate[0]?.n)).toBeGreaterThan(40);
    // An installment whose due date is 1800-01-01 is skipped and reported, never a 200-year-old debt.
    const one = (await ctx.db('DEMO_VERDAD').where('PENDIENTE', '>', 100).where('FECHA_VTO', '<', '2026-11-05')
      .orderBy(['T_COMP', 'N_COMP', 'FECHA_VTO']).first('T_COMP', 'N_COMP', 'FECHA_VTO')) as Row;
    const due = one.FECHA_VTO instanceof Date ? one.FECHA_VTO : new Date(`${String(one.FECHA_VTO).trim()}T00:00:00Z`);
    const noDueDate = ctx.db.raw(`CONVERT(DATETIME, '18000101', 112)`);
    await ctx.db('GVA46').where({ T_COMP: one.T_COMP, N_COMP: one.N_COMP }).andWhere('FECHA_VTO', due).update({ FECHA_VTO: noDueDate });
    const changed = (await ctx.db('GVA46').where({ T_COMP: one.T_COMP, N_COMP: one.N_COMP }).andWhere('FECHA_VTO', noDueDate).count({ n: '*' })) as { n: number }[];
    expect(Number(changed[0]?.n)).toBe(1);
    const late = new Date('2026-11-05T23:59:59.999-03:00');
    const summary = await cycle(ctx, '2026-11-05', late);
    expect([...summary.issues.byProblem.keys()].join('\n')).toContain('Cuota sin fecha de vencimiento (vacía o 1800-01-01): se omite.');
    const maxDays = (await ctx.db(ctx.tables.alerta).max({ d: 'DIAS_ATRASO' })) as { d: number }[];
    expect(Number(maxDays[0]?.d)).toBeLessThan(5000);

    // Business days travel as DATE text and never move; instants travel as the driver's DATETIME
    // parameter (1/300 s), so 23:59:59.999 may round up by at most 3.33 ms, never more.
    const run = (await ctx.db(ctx.tables.ejecucion).where('FECHA_CORTE', '2026-11-05').first('INICIO', 'FIN', 'FECHA_CORTE')) as Row;
    expect((run.FECHA_CORTE as Date).toISOString().slice(0, 10)).toBe('2026-11-05');
    for (const v of [run.INICIO, run.FIN]) expect(Math.abs((v as Date).getTime() - late.getTime())).toBeLessThanOrEqual(3.34);
    const alerts = (await ctx.db(ctx.tables.alerta).where('ACTUALIZADA', '>=', new Date('2026-11-05T12:00:00Z')).select('ACTUALIZADA')) as Row[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(Math.abs((a.ACTUALIZADA as Date).getTime() - late.getTime())).toBeLessThanOrEqual(3.34);
  }, 300_000);
});

/**
 * The issue asks for 5,000 tasks; on the stand-in (2 shared cores) such a cycle
 * (32,000 customers) took more than 10 minutes, so this one has 14,000
 * customers: more than 2,100 tasks, alerts and tier rows, so every read by
 * key list and every multi-row write needs more than one statement.
 */
describe('a first cycle of more than 2,100 tasks and 14,000 tier rows on T-SQL', () => {
  let server: TestDatabase | undefined;
  let ctxs: CompanyContext[] = [];
  beforeAll(async () => {
    const big = join(dir, 'big.sqlite');
    await generateDemoErp({ file: big, seed: DEMO_SEED, asOf: DEMO_START, customers: 14_000, installments: 42_000 });
    ({ server, ctxs } = await demoOnServer('big', 1, big));
  }, 300_000);
  afterAll(() => closeAll(server, ctxs));

  it('writes every task, alert, tier and mail in statements under the parameter limit, and a rerun changes nothing', async () => {
    const [ctx] = ctxs as [CompanyContext];
    const first = await cycle(ctx);
    expect(first.counts.tasksCreated).toBeGreaterThan(2100);
    expect(first.counts.alertsUpserted).toBeGreaterThan(2100);
    // Steps already past are stored as 'omitida' (counted apart); the rest are pending.
    expect(await countOf(ctx, ctx.tables.tarea)).toBe(first.counts.tasksCreated + first.counts.tasksSkipped);
    expect(await countOf(ctx, ctx.tables.tarea, { ESTADO: 'pendiente' })).toBe(first.counts.tasksCreated);
    expect(await countOf(ctx, ctx.tables.alerta)).toBe(first.counts.alertsUpserted);
    expect(await countOf(ctx, ctx.tables.cliente)).toBe(14_000);
    expect(await countOf(ctx, ctx.tables.nivelHist)).toBe(first.counts.tierChanges);
    expect(await countOf(ctx, ctx.tables.correo)).toBe(first.counts.mailsQueued);
    const run = (await ctx.db(ctx.tables.ejecucion).first('ESTADO', 'TAREAS_CREADAS', 'ALERTAS')) as Row;
    expect({ estado: String(run.ESTADO).trim(), tareas: Number(run.TAREAS_CREADAS) }).toEqual({ estado: 'ok', tareas: first.counts.tasksCreated });
    const again = await cycle(ctx);
    expect(again.counts).toMatchObject({ tasksCreated: 0, tasksClosed: 0, tierChanges: 0, mailsQueued: 0 });
  }, 900_000);
});
