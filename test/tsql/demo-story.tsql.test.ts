/**
 * Issue 13 item 4: the whole demo story (`npm run demo`: first cycle, the same
 * cycle again, payments + a promise + a dispute a week later, then 30 and 63
 * days on) run on the same demo ERP once in SQLite and once on a T-SQL server
 * writes the same tasks, alerts, tier history, KPI rows, contacts, cycle log
 * and mails — compared row by row, Tango and Bejerman.
 *
 * The clock is fixed (08:30 Buenos Aires each story day), so timestamps must
 * match too. What legitimately differs is normalized: how each driver returns
 * a DATETIME (Date vs ISO text), a BIT (boolean vs 0/1) and a DECIMAL, the
 * blanks that pad CHAR columns, identity values (see idNames), and the time
 * a migration was applied (real clock).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../connector/addon/migrations';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { kpiTables } from '../../connector/addon/kpi-schema';
import { generateDemoErp, payAllOverdue } from '../../connector/demo-erp';
import { generateBejermanDemo, payAllOverdueBejerman } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { addDays } from '../../rules/dates';
import type { IsoDate } from '../../rules/types';
import { DEMO_START, demoConfig, type DemoErp } from '../../service/cli/commands-demo';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle, type CycleSummary } from '../../service/cycle/run-cycle';
import { sendOutbox } from '../../service/cycle/send-outbox';
import { transportFor } from '../../service/mail-transport';
import { DEMO_SEED, memoryLogger, morningOf } from '../e2e/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

type Row = Record<string, unknown>;

interface StoryRun {
  ctx: CompanyContext;
  mailFolder: string;
  summaries: { day: IsoDate; summary: CycleSummary; sent: number }[];
  chosen: string[];
}

/** Customers with a pending task, friendlier stages first (as the demo story picks them). */
async function customersWithTasks(ctx: CompanyContext): Promise<string[]> {
  const rows = (await ctx.db(ctx.tables.tarea).select('COD_CLIENT', 'ETAPA').where({ ESTADO: 'pendiente' }).orderBy('COD_CLIENT')) as {
    COD_CLIENT: string; ETAPA: string;
  }[];
  const rank = (stage: string): number => (stage.trim() === 'extrajudicial' ? 1 : 0);
  return [...new Set([...rows].sort((a, b) => rank(a.ETAPA) - rank(b.ETAPA)).map((r) => r.COD_CLIENT.trim()))];
}

/** The demo story of service/cli/commands-demo.ts, with the clock fixed on each day. */
async function runStory(ctx: CompanyContext, erp: DemoErp): Promise<Omit<StoryRun, 'ctx' | 'mailFolder'>> {
  const transport = transportFor(ctx.config);
  const summaries: StoryRun['summaries'] = [];
  const cycle = async (day: IsoDate): Promise<void> => {
    const now = morningOf(day);
    const summary = await runCycle(ctx, { asOf: day, now: () => now });
    const sent = await sendOutbox(ctx, transport, { now: morningOf(day, '08:45'), respectDigestHour: false });
    summaries.push({ day, summary, sent: sent.sent });
  };
  try {
    // With the profile's own view sources where the profile carries them (per-profile add-on objects).
    const views = (ctx.profile as { addon?: { views?: Parameters<typeof migrate>[2] } }).addon?.views;
    await migrate(ctx.db, ctx.tables, views);
    await cycle(DEMO_START);
    await cycle(DEMO_START);
    const chosen = await customersWithTasks(ctx);
    const [payers, promiser, disputer] = [chosen.slice(0, 3), chosen[3], chosen[4]];
    for (const code of payers) {
      if (erp === 'tango') await payAllOverdue(ctx.db, code, addDays(DEMO_START, 3));
      else await payAllOverdueBejerman(ctx.db, code, addDays(DEMO_START, 3));
    }
    const staffNow = morningOf(addDays(DEMO_START, 2), '10:15');
    await recordContact(ctx.db, ctx.tables, {
      customerCode: promiser!, on: addDays(DEMO_START, 2), outcome: 'promesa',
      promiseDate: addDays(DEMO_START, 10), promiseAmount: 50_000, user: 'demo', note: 'Promete pagar el 12/11',
    }, staffNow);
    await setCustomerFlags(ctx.db, ctx.tables, disputer!, { dispute: true, note: 'Reclama diferencia de precio en una factura' }, staffNow);
    for (const days of [7, 30, 63]) await cycle(addDays(DEMO_START, days));
    return { summaries, chosen };
  } finally {
    transport.close();
  }
}

/** A value as both engines should agree on it. */
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    // CHAR padding; the folder of each run in the mail folder transport's answer
    const text = value.replace(/ +$/, '').replace(/\/\S*\/cadencia-tsql-story-[^/]+\/(tsql|lite)\//g, '<carpeta>/');
    // A DATE/DATETIME read back as text from SQLite ('2026-11-02', '2026-11-02 00:00:00', ISO with Z)
    if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/.test(text)) {
      return text.length === 10 ? `${text}T00:00:00.000Z` : new Date(text.endsWith('Z') ? text : `${text.replace(' ', 'T')}Z`).toISOString();
    }
    return text;
  }
  if (typeof value === 'number') return Math.round(value * 10_000) / 10_000;
  return value;
}

/**
 * Identity values may legitimately differ: SQL Server does not promise the
 * order in which one multi-row INSERT … SELECT numbers its rows. So IDs are
 * left out, and the columns that point at another row name it by its natural
 * key instead (a task by CLAVE, a contact by customer and date).
 */
interface IdNames {
  task: Map<number, string>;
  contact: Map<number, string>;
}

async function idNames(ctx: CompanyContext): Promise<IdNames> {
  const tasks = (await ctx.db(ctx.tables.tarea).select('ID', 'CLAVE')) as Row[];
  const contacts = (await ctx.db(ctx.tables.contacto).select('ID', 'COD_CLIENT', 'FECHA')) as Row[];
  return {
    task: new Map(tasks.map((r) => [Number(r.ID), `tarea ${String(r.CLAVE).trim()}`])),
    contact: new Map(contacts.map((r) => [Number(r.ID), `contacto ${String(r.COD_CLIENT).trim()} ${String(normalize(r.FECHA))}`])),
  };
}

async function tableRows(ctx: CompanyContext, table: string, names: IdNames, drop: string[] = []): Promise<string[]> {
  const rows = (await ctx.db(table).select()) as Row[];
  return rows
    .map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) {
        const key = k.toUpperCase();
        if (key === 'ID' || drop.includes(key)) continue;
        if (key === 'PROMESA_ID' && v !== null) out[key] = names.contact.get(Number(v)) ?? `¿${String(v)}?`;
        else if (key === 'TAREA_ID' && v !== null) out[key] = names.task.get(Number(v)) ?? `¿${String(v)}?`;
        else out[key] = normalize(v);
      }
      return JSON.stringify(Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b))));
    })
    .sort();
}

/** Every add-on table, rows normalized and sorted. */
async function dump(ctx: CompanyContext): Promise<Record<string, string[]>> {
  const t = ctx.tables;
  const n = await idNames(ctx);
  return {
    [t.alerta]: await tableRows(ctx, t.alerta, n),
    [t.tarea]: await tableRows(ctx, t.tarea, n),
    [t.contacto]: await tableRows(ctx, t.contacto, n),
    [t.nivelHist]: await tableRows(ctx, t.nivelHist, n),
    [t.cliente]: await tableRows(ctx, t.cliente, n),
    [t.correo]: await tableRows(ctx, t.correo, n),
    [kpiTables(t).kpiDia]: await tableRows(ctx, kpiTables(t).kpiDia, n),
    // The migrations without the real time they ran.
    [t.ejecucion]: await tableRows(ctx, t.ejecucion, n),
    [t.migracion]: await tableRows(ctx, t.migracion, n, ['APLICADA']),
  };
}

/** The mail files, without what the mail library makes up when it writes them (Date header, MIME boundary). */
function mailFiles(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(folder).sort()) {
    out[f] = readFileSync(join(folder, f), 'utf8').replace(/^Date: .*$/m, 'Date: -').replace(/_NmP-[0-9a-f]+-Part/g, '_NmP-x-Part');
  }
  return out;
}

for (const erp of ['tango', 'bejerman'] as const) {
  describe(`demo story on T-SQL and on SQLite (${erp})`, () => {
    let dir: string;
    let server: TestDatabase;
    let lite: StoryRun;
    let tsql: StoryRun;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `cadencia-tsql-story-${erp}-`));
      const seedFile = join(dir, 'seed.sqlite');
      if (erp === 'tango') await generateDemoErp({ file: seedFile, seed: DEMO_SEED, asOf: DEMO_START });
      else await generateBejermanDemo({ file: seedFile, seed: DEMO_SEED, asOf: DEMO_START });
      server = await createTestDatabase(`story_${erp}`);
      await copyDemoToSqlServer(seedFile, server.db, erp, server.name);

      // The company id is the database's name on both engines: on the stand-in an application lock
      // is shared by all databases of the server, so test files running at once must not share it.
      const company = { ...demoConfig(dir).company, id: server.name };
      // Without the worklist: a digest's one-time sign-in link is random, and this story compares the mails byte for byte.
      const web = { ...demoConfig(dir).web, enabled: false };
      const liteConfig = { ...demoConfig(join(dir, 'lite'), erp), company, web };
      copyFileSync(seedFile, join(dir, 'lite-erp.sqlite'));
      liteConfig.erp = { ...liteConfig.erp, connection: { kind: 'sqlite', file: join(dir, 'lite-erp.sqlite') } };
      const base = demoConfig(join(dir, 'tsql'), erp);
      const tsqlConfig = { ...base, company, web, erp: { ...base.erp, connection: connectionTo(server.name) } };

      lite = { ctx: await openCompany(liteConfig, memoryLogger().logger), mailFolder: liteConfig.mail.folder!, summaries: [], chosen: [] };
      tsql = { ctx: await openCompany(tsqlConfig, memoryLogger().logger), mailFolder: tsqlConfig.mail.folder!, summaries: [], chosen: [] };
      Object.assign(lite, await runStory(lite.ctx, erp));
      Object.assign(tsql, await runStory(tsql.ctx, erp));
    }, 600_000);

    afterAll(async () => {
      if (lite) await closeCompany(lite.ctx);
      if (tsql) await closeCompany(tsql.ctx);
      await server?.drop();
      await closeAdmin();
      rmSync(dir, { recursive: true, force: true });
    });

    it('every cycle counts the same, and the story picks the same customers', () => {
      const counts = (r: StoryRun) => r.summaries.map((s) => ({ day: s.day, counts: s.summary.counts, issues: s.summary.issues.count, sent: s.sent }));
      expect(tsql.chosen).toEqual(lite.chosen);
      expect(counts(tsql)).toEqual(counts(lite));
      const first = tsql.summaries[0]!.summary.counts;
      expect(first.tasksCreated).toBeGreaterThan(10);
      expect(first.mailsQueued).toBeGreaterThan(0);
      // The second run of the first day changes nothing; a week later the payers' tasks close.
      expect(tsql.summaries[1]!.summary.counts).toMatchObject({ tasksCreated: 0, tasksClosed: 0, mailsQueued: 0 });
      expect(tsql.summaries[2]!.summary.counts.tasksClosed).toBeGreaterThan(0);
    });

    it('writes the same rows in every add-on table (tasks, alerts, tier history, KPI, contacts, customers, outbox, cycle log)', async () => {
      const [a, b] = [await dump(tsql.ctx), await dump(lite.ctx)];
      for (const table of Object.keys(b)) {
        // Rows found on one engine only (a short failure message that points at the difference).
        const [onT, onL] = [new Set(a[table]), new Set(b[table])];
        const onlyTsql = a[table]!.filter((r) => !onL.has(r));
        const onlyLite = b[table]!.filter((r) => !onT.has(r));
        expect(onlyTsql.slice(0, 2), `${table}: filas solo en T-SQL`).toEqual([]);
        expect(onlyLite.slice(0, 2), `${table}: filas solo en SQLite`).toEqual([]);
        expect(a[table]!.length, table).toBe(b[table]!.length);
      }
      expect(b[tsql.ctx.tables.nivelHist]!.length).toBeGreaterThan(0);
      expect(b[kpiTables(tsql.ctx.tables).kpiDia]!.length).toBeGreaterThan(0);
    });

    it('the payers are closed as paid, the promiser and the disputer paused, in words and figures staff read', async () => {
      const { db, tables } = tsql.ctx;
      const payers = tsql.chosen.slice(0, 3);
      const closed = (await db(tables.tarea).whereIn('COD_CLIENT', payers).where({ ESTADO: 'cerrada' }).select('MOTIVO_CIERRE')) as Row[];
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.map((r) => String(r.MOTIVO_CIERRE).trim())).toContain('pagada');
      const disputer = (await db(tables.alerta).where('COD_CLIENT', tsql.chosen[4]!).first()) as Row | undefined;
      if (disputer) expect(String(disputer.SUSPENDIDA_POR).trim()).toBe('disputa');
      const contact = (await db(tables.contacto).first()) as Row;
      expect(String(contact.OBSERVACIONES)).toBe('Promete pagar el 12/11');
      expect(Number(contact.IMPORTE_PROMESA)).toBe(50_000);
    });

    it('sends the same mails: same files, same words and amounts, on both engines', () => {
      const [a, b] = [mailFiles(tsql.mailFolder), mailFiles(lite.mailFolder)];
      expect(Object.keys(a).length).toBeGreaterThan(0);
      expect(Object.keys(a)).toEqual(Object.keys(b));
      for (const name of Object.keys(b)) expect(a[name], name).toBe(b[name]);
      const text = Object.values(a).join('\n');
      expect(text).toMatch(/\$ \d{1,3}(\.\d{3})*,\d{2}/);
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    });
  });
}
