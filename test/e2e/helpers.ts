/**
 * End-to-end helpers: a company on its own generated demo ERP in a temp dir,
 * a logger that keeps its lines in memory, dumps of the add-on tables, and
 * the real SMTP server of the mail tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp, type DemoOptions } from '../../connector/demo-erp';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import type { AppConfig } from '../../service/config';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle, type CycleSummary } from '../../service/cycle/run-cycle';
import { sendOutbox } from '../../service/cycle/send-outbox';
import { createLogger, type Logger } from '../../service/logging';
import type { DrainResult } from '../../service/mail/outbox';
import { transportFor } from '../../service/mail-transport';
import type { IsoDate } from '../../rules/types';

export { closedPort, startSmtp, type TestSmtp } from '../mail/helpers';
export { DEMO_START };

export const DEMO_SEED = 42;

/** A logger whose formatted lines land in `lines` (and nowhere else). */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ folder: null, retentionDays: 1, level: 'debug', console: false });
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  logger.add(new winston.transports.Stream({ stream }));
  return { logger, lines };
}

export function tempFolder(tag: string): string {
  return mkdtempSync(join(tmpdir(), `cadencia-e2e-${tag}-`));
}

export function erpFileOf(config: AppConfig): string {
  const c = config.erp.connection;
  if (c.kind !== 'sqlite') throw new Error('e2e tests run on SQLite');
  return c.file;
}

/** The SMTP part of a configuration pointed at a local test server. */
export function smtpMail(config: AppConfig, port: number): AppConfig['mail'] {
  return {
    ...config.mail,
    mode: 'smtp',
    smtp: { host: '127.0.0.1', port, security: 'ninguna', auth: { type: 'ninguna' }, timeoutMs: 5000 },
  } as AppConfig['mail'];
}

export interface Company {
  dir: string;
  config: AppConfig;
  ctx: CompanyContext;
  lines: string[];
  /** Runs one cycle as of `asOf` (clock fixed at `now`, default 08:30 Buenos Aires that day). */
  cycle(asOf: IsoDate, now?: Date): Promise<CycleSummary>;
  /** Drains the outbox through the configured transport at `now`. */
  send(now: Date): Promise<DrainResult>;
  close(): Promise<void>;
}

export interface CompanyOptions {
  tag: string;
  demo?: Partial<Omit<DemoOptions, 'file'>>;
  configure?: (config: AppConfig) => AppConfig;
  /** Skip generating the demo ERP (the test builds or breaks it itself). */
  noErp?: boolean;
}

/** 08:30 in Buenos Aires (UTC−3) on `day`. */
export function morningOf(day: IsoDate, hhmm = '08:30'): Date {
  return new Date(`${day}T${hhmm}:00-03:00`);
}

/** A demo company in its own temp folder: generated ERP, migrated add-on schema, open context. */
export async function openDemoCompany(opts: CompanyOptions): Promise<Company> {
  const dir = tempFolder(opts.tag);
  const base = demoConfig(dir);
  const config = opts.configure ? opts.configure(base) : base;
  if (!opts.noErp) {
    await generateDemoErp({ file: erpFileOf(config), seed: DEMO_SEED, asOf: DEMO_START, ...opts.demo });
  }
  const { logger, lines } = memoryLogger();
  const ctx = await openCompany(config, logger);
  if (!opts.noErp) await migrate(ctx.db, ctx.tables);
  const transport = transportFor(config);
  return {
    dir,
    config,
    ctx,
    lines,
    cycle: (asOf, now = morningOf(asOf)) => runCycle(ctx, { asOf, now: () => now }),
    send: (now) => sendOutbox(ctx, transport, { now, respectDigestHour: false }),
    async close() {
      transport.close();
      await closeCompany(ctx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Row = Record<string, unknown>;

/** Every row of a table, ordered by all its columns, as plain objects. */
export async function tableRows(ctx: CompanyContext, table: string): Promise<Row[]> {
  const cols = (await ctx.db.raw(`SELECT name FROM pragma_table_info('${table}')`)) as { name: string }[];
  const rows = (await ctx.db(table).select().orderBy(cols.map((c) => c.name))) as Row[];
  return rows.map((r) => ({ ...r }));
}

/** Names of the add-on tables (prefix) in the database, minus the excluded ones. */
export async function addonTableNames(ctx: CompanyContext, exclude: string[] = []): Promise<string[]> {
  const rows = (await ctx.db.raw(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name",
    [`${ctx.tables.prefix.replace(/_/g, '\\_')}%`],
  )) as { name: string }[];
  return rows.map((r) => r.name).filter((n) => !exclude.includes(n));
}

/** The full contents of every add-on table except the cycle log, as one JSON text per table. */
export async function dumpAddon(ctx: CompanyContext): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await addonTableNames(ctx, [ctx.tables.ejecucion])) {
    out[name] = JSON.stringify(await tableRows(ctx, name));
  }
  return out;
}

/** A digest's one-time sign-in link is random: masked, two runs of the same story compare equal. */
export function maskSignInLinks<T>(value: T): T {
  return (typeof value === 'string' ? value.replace(/\/e\/[A-Za-z0-9_-]{20,}/g, '/e/<enlace>') : value) as T;
}

export async function count(ctx: CompanyContext, table: string, where: Row = {}): Promise<number> {
  const rows = (await ctx.db(table).where(where).count({ n: '*' })) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

/** Demo customers (trimmed codes) with the given payment behaviour (DEMO_CLIENTE.PERFIL). */
export async function customersWithProfile(ctx: CompanyContext, profile: string): Promise<string[]> {
  const rows = (await ctx.db('DEMO_CLIENTE').where({ PERFIL: profile }).orderBy('COD_CLIENT').select('COD_CLIENT')) as {
    COD_CLIENT: string;
  }[];
  return rows.map((r) => r.COD_CLIENT.trim());
}

/** Overdue amount per customer per the generator's ground truth (DEMO_VERDAD), rounded to cents. */
export async function overdueTruth(ctx: CompanyContext, asOf: IsoDate): Promise<Map<string, number>> {
  const rows = (await ctx.db('DEMO_VERDAD')
    .where('PENDIENTE', '>', ctx.config.rules.amounts.tolerance)
    .where('FECHA_VTO', '<', asOf)
    .groupBy('COD_CLIENT')
    .select('COD_CLIENT')
    .sum({ s: 'PENDIENTE' })) as { COD_CLIENT: string; s: number }[];
  return new Map(rows.map((r) => [r.COD_CLIENT.trim(), Math.round(Number(r.s) * 100) / 100]));
}

/** es-AR money as staff read it, computed independently of rules/format: '$ 1.234,56'. */
export function pesos(n: number): string {
  const [int, dec] = Math.abs(n).toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}$ ${grouped},${dec}`;
}
