/** Shared pieces of the command line: where the INI is, opening a company, printing, errors. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LAST_REAL_DATE } from '../../connector/dialect/dates';
import { isIsoDate } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import type { IsoDate } from '../../rules/types';
import { ConfigError, loadCompanies, type AppConfig } from '../config';
import { alignColumns } from '../config/describe-rules';
import { closeCompany, openCompany, secretsOf, type CompanyContext } from '../context';
import { createLogger, flushLogger, type Logger } from '../logging';
import { explainDatabaseError } from './db-errors';
import { todayIn } from '../clock';

/** Errors the user can act on: printed as is, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface GlobalOptions {
  config?: string;
  /** Company code, for INI files that declare several companies. */
  empresa?: string;
}

/** --config, else CADENCIA_INI, else ./cadencia.ini, else %ProgramData%\cadencia\cadencia.ini. */
export function configPath(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.config) return resolve(opts.config);
  if (env.CADENCIA_INI) return resolve(env.CADENCIA_INI);
  const local = resolve('cadencia.ini');
  if (existsSync(local)) return local;
  if (env.ProgramData) {
    const machine = join(env.ProgramData, 'cadencia', 'cadencia.ini');
    if (existsSync(machine)) return machine;
  }
  throw new UsageError(
    'No se encontró el archivo de configuración. Indíquelo con --config <archivo>, con la variable ' +
      'CADENCIA_INI, o cree cadencia.ini a partir de cadencia.ejemplo.ini (o con «cadencia iniciar»).',
  );
}

/** The configuration the command read, so a failure's detail can go to its log. */
let commandConfig: AppConfig | null = null;

/** Every company of the INI (one for most files). */
export function readCompanies(opts: GlobalOptions): AppConfig[] {
  const file = configPath(opts);
  if (!existsSync(file)) throw new UsageError(`No existe el archivo de configuración ${file}.`);
  const all = loadCompanies(file);
  commandConfig = all[0] ?? null;
  if (!opts.empresa) return all;
  const chosen = all.filter((c) => c.company.id === opts.empresa);
  if (chosen.length === 0) {
    throw new UsageError(`--empresa: no hay una empresa «${opts.empresa}» en ${file}; las hay: ${all.map((c) => c.company.id).join(', ')}.`);
  }
  return chosen;
}

/** The one company a command works on: the only one of the INI, or the one named with --empresa. */
export function readConfig(opts: GlobalOptions): AppConfig {
  const all = readCompanies(opts);
  if (all.length > 1) {
    throw new UsageError(
      `El archivo declara ${all.length} empresas (${all.map((c) => c.company.id).join(', ')}): indique cuál con --empresa <código>.`,
    );
  }
  return all[0]!;
}

export function dateOption(value: string | undefined, config: AppConfig, name = '--fecha'): IsoDate {
  if (value === undefined) return todayIn(config.calendar.timeZone);
  if (!isIsoDate(value) || value > LAST_REAL_DATE) {
    throw new UsageError(`${name}: se esperaba una fecha AAAA-MM-DD hasta el ${formatDate(LAST_REAL_DATE)}, se recibió «${value}».`);
  }
  return value;
}

export function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name}: se esperaba un número entero mayor que cero, se recibió «${value}».`);
  return n;
}

export function cliLogger(config: AppConfig, toFile: boolean): Logger {
  return createLogger(
    {
      folder: toFile ? config.logs.folder : null,
      retentionDays: config.logs.retentionDays,
      level: config.logs.level,
      console: false,
    },
    secretsOf(config),
  );
}

/** Opens the company of the INI, runs `work`, and always closes the database. */
export async function withCompany<T>(
  opts: GlobalOptions, work: (ctx: CompanyContext) => Promise<T>, logToFile = false,
): Promise<T> {
  const config = readConfig(opts);
  const ctx = await openCompany(config, cliLogger(config, logToFile));
  try {
    return await work(ctx);
  } finally {
    await closeCompany(ctx);
  }
}

export function printTable(header: string[], rows: string[][], indent = '  '): void {
  for (const line of alignColumns([header, ...rows])) console.log(`${indent}${line.trimEnd()}`);
}

/**
 * Writes the full error (driver text, SQL, stack) to the log of `config` and
 * says where it went: the screen gets one line, the log the detail.
 */
export async function logDetail(config: AppConfig | null, err: unknown, what = 'comando'): Promise<string> {
  const detail = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (causa: ${err.cause.message})` : ''}\n${err.stack ?? ''}` : String(err);
  if (!config?.logs.folder) return 'Para ver el detalle, repita con la variable CADENCIA_DEPURAR=1.';
  const logger = createLogger(
    { folder: config.logs.folder, retentionDays: config.logs.retentionDays, level: 'error', console: false },
    secretsOf(config),
  );
  logger.error(`${what} falló: ${detail}`);
  await flushLogger(logger);
  return `El detalle quedó en el registro (${config.logs.folder}).`;
}

/**
 * Prints an error for a person and sets the exit code: 2 for a command or INI
 * written wrong (usage and configuration), 1 for anything else that failed.
 * Database and driver errors become one Spanish line; their detail goes to the log.
 */
export async function reportError(err: unknown): Promise<void> {
  if (err instanceof ConfigError) {
    for (const line of err.lines()) console.error(line);
    process.exitCode = 2;
    return;
  }
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exitCode = 2;
    return;
  }
  process.exitCode = 1;
  const explained = explainDatabaseError(err, commandConfig?.erp.tablePrefix);
  const where = await logDetail(commandConfig, err).catch(() => '');
  const message = explained ?? (err instanceof Error ? err.message : String(err));
  console.error(`Error: ${message}${explained && where ? ` ${where}` : ''}`);
  if (process.env.CADENCIA_DEPURAR && err instanceof Error && err.stack) console.error(err.stack);
}
