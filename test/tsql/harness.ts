/**
 * The T-SQL integration suites' access to a real server (SQL Server, or the
 * stand-in of ../shared/tsql in CI). Selected by CADENCIA_TSQL=1; the server's
 * address and sysadmin login come from the variables ../shared/tsql/start.sh
 * prints (TSQL_HOST, TSQL_PORT, TSQL_USER, TSQL_PASSWORD). When the suite is
 * selected and the server cannot be reached, the suite FAILS: CI never passes
 * by skipping it.
 *
 * Every test file works in databases of its own (created here, dropped after),
 * so files run in parallel and a failed run leaves nothing that breaks the next.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { dropScratchDatabase } from '../../connector/demo-erp-sqlserver/drop-database';
import { openDatabase, type SqlServerConnectionConfig } from '../../connector/connection';

export const TSQL_ENABLED = process.env.CADENCIA_TSQL === '1';

export interface TsqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function tsqlServer(): TsqlServer {
  return {
    host: process.env.TSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.TSQL_PORT ?? 1433),
    user: process.env.TSQL_USER ?? 'cadencia_test',
    password: process.env.TSQL_PASSWORD ?? 'Cadencia_Test_123',
  };
}

/** The product's own connection settings for a database on the test server. */
export function connectionTo(database: string, login?: { user: string; password: string }): SqlServerConnectionConfig {
  const s = tsqlServer();
  return {
    kind: 'sqlserver', host: s.host, port: s.port, database,
    auth: { type: 'sql', user: login?.user ?? s.user, password: login?.password ?? s.password },
    encrypt: false, trustServerCertificate: true, connectTimeoutMs: 10_000, requestTimeoutMs: 120_000, appName: 'cadencia-pruebas',
  };
}

/** The INI lines of [erp] pointing at a database on the test server. */
export function iniErpLines(database: string, profile: 'tango' | 'bejerman' | 'vistas' = 'tango', login?: { user: string; password: string }): string {
  const s = tsqlServer();
  return [
    `perfil = ${profile}`, 'motor = sqlserver', `servidor = ${s.host}`, `puerto = ${s.port}`, `base = ${database}`,
    'autenticacion = sql', `usuario = ${login?.user ?? s.user}`, `clave = ${login?.password ?? s.password}`,
    'cifrar = no', 'confiar_certificado = si',
  ].join('\n');
}

let adminDb: Knex | null = null;

/** A sysadmin connection to the server's default test database (for CREATE/DROP DATABASE and logins). */
export async function admin(): Promise<Knex> {
  if (adminDb) return adminDb;
  const db = openDatabase(connectionTo(process.env.TSQL_DB ?? 'cadencia_test'));
  try {
    await db.raw('SELECT 1 AS [ok]');
  } catch (err) {
    await db.destroy();
    const s = tsqlServer();
    throw new Error(
      `CADENCIA_TSQL=1 pero no hay servidor T-SQL en ${s.host}:${s.port} (${(err as Error).message}). ` +
        'Inícielo con: bash ../shared/tsql/start.sh',
      { cause: err },
    );
  }
  adminDb = db;
  return db;
}

export interface TestDatabase {
  name: string;
  /** A knex connection to it as sysadmin. */
  db: Knex;
  drop(): Promise<void>;
}

/** A new, empty database with a unique name (letters, digits and _ only). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const a = await admin();
  const name = `cad_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  await a.raw(`CREATE DATABASE ${name}`);
  const db = openDatabase(connectionTo(name));
  return {
    name,
    db,
    async drop() {
      await db.destroy();
      await dropDatabase(name);
    },
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await dropScratchDatabase(await admin(), name);
}

export async function closeAdmin(): Promise<void> {
  if (adminDb) await adminDb.destroy();
  adminDb = null;
}

/** The shipped example INI with [erp] pointing at a database on the test server and folders under `dir`. */
export function exampleIniFor(database: string, dir: string, profile: 'tango' | 'bejerman' | 'vistas' = 'tango', login?: { user: string; password: string }): string {
  const example = readFileSync('cadencia.ejemplo.ini', 'utf8');
  return example
    .replace(/^perfil = tango$/m, '')
    .replace(/^motor = sqlite$/m, '')
    .replace(/^archivo = .*$/m, '')
    .replace(/^\[erp\]$/m, `[erp]\n${iniErpLines(database, profile, login)}`)
    .replace(/^carpeta = demo\/correo$/m, `carpeta = ${join(dir, 'correo')}`)
    .replace(/^carpeta = registros$/m, `carpeta = ${join(dir, 'registros')}`);
}
