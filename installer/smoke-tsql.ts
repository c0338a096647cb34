/**
 * The SQL Server part of the wine smoke test (installer/smoke-wine.sh), run
 * with the project's Node on the Linux side:
 *   crear <base> <ini-origen> <ini-destino>  new database on the T-SQL server with the Tango demo,
 *                                            and an INI (copy of ini-origen) whose [erp] points at it over TCP
 *   comprobar <base>                         the cycle run by cadencia.exe wrote tasks, alerts and its run log
 *   borrar <base>                            drops the database
 * The server comes from TSQL_HOST, TSQL_PORT, TSQL_USER, TSQL_PASSWORD (../shared/tsql/start.sh).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqlServerConnectionConfig } from '../connector/connection';
import { generateDemoErp } from '../connector/demo-erp';
import { copyDemoToSqlServer } from '../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { dropScratchDatabase } from '../connector/demo-erp-sqlserver/drop-database';

const server = {
  host: process.env.TSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.TSQL_PORT ?? 1433),
  user: process.env.TSQL_USER ?? 'cadencia_test',
  password: process.env.TSQL_PASSWORD ?? 'Cadencia_Test_123',
};

function connection(database: string): SqlServerConnectionConfig {
  return {
    kind: 'sqlserver', host: server.host, port: server.port, database, auth: { type: 'sql', user: server.user, password: server.password },
    encrypt: false, trustServerCertificate: true, connectTimeoutMs: 15_000, requestTimeoutMs: 120_000, appName: 'cadencia-smoke',
  };
}

function checkName(name: string | undefined): string {
  if (!name || !/^cad_[a-z0-9_]+$/.test(name)) throw new Error(`nombre de base inválido: ${name}`);
  return name;
}

async function create(name: string, iniFrom: string, iniTo: string): Promise<void> {
  const admin = openDatabase(connection(process.env.TSQL_DB ?? 'cadencia_test'));
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const work = mkdtempSync(join(tmpdir(), 'cadencia-smoke-tsql-'));
  const db = openDatabase(connection(name));
  try {
    const file = join(work, 'erp.sqlite');
    await generateDemoErp({ file, seed: 42, asOf: '2026-11-02' });
    await copyDemoToSqlServer(file, db, 'tango', name);
  } finally {
    await db.destroy();
    rmSync(work, { recursive: true, force: true });
  }
  const erp = [
    'perfil = tango', 'motor = sqlserver', `servidor = ${server.host}`, `puerto = ${server.port}`, `base = ${name}`,
    'autenticacion = sql', `usuario = ${server.user}`, `clave = ${server.password}`, 'cifrar = no', 'confiar_certificado = si',
  ].join('\r\n');
  const text = readFileSync(iniFrom, 'utf8')
    .replace(/^perfil = .*$/m, '')
    .replace(/^motor = .*$/m, '')
    .replace(/^archivo = .*$/m, '')
    .replace(/^\[erp\]\r?$/m, `[erp]\r\n${erp}`);
  writeFileSync(iniTo, text);
  console.log(`  base ${name} en ${server.host}:${server.port} con la demo de Tango; INI ${iniTo}`);
}

async function check(name: string): Promise<void> {
  const db = openDatabase(connection(name));
  try {
    const count = async (table: string, where = '1 = 1'): Promise<number> => {
      const rows = (await db.raw(`SELECT COUNT(*) AS [n] FROM ${table} WHERE ${where}`)) as { n: number }[];
      return Number(rows[0]?.n ?? 0);
    };
    const runs = await count('COB_EJECUCION', "ESTADO = 'ok'");
    const tasks = await count('COB_TAREA');
    const alerts = await count('COB_ALERTA');
    const mails = await count('COB_CORREO');
    console.log(`  en SQL Server: ${runs} ciclo(s) ok, ${tasks} tareas, ${alerts} alertas, ${mails} correos`);
    if (runs < 1 || tasks < 1 || alerts < 1 || mails < 1) throw new Error('el ciclo de cadencia.exe no escribió lo esperado en SQL Server');
  } finally {
    await db.destroy();
  }
}

async function drop(name: string): Promise<void> {
  const admin = openDatabase(connection(process.env.TSQL_DB ?? 'cadencia_test'));
  try {
    await dropScratchDatabase(admin, name);
  } finally {
    await admin.destroy();
  }
}

const [action, name, a, b] = process.argv.slice(2);
try {
  if (action === 'crear') await create(checkName(name), a as string, b as string);
  else if (action === 'comprobar') await check(checkName(name));
  else if (action === 'borrar') await drop(checkName(name));
  else throw new Error('uso: smoke-tsql.ts crear|comprobar|borrar <base> …');
} catch (err) {
  console.error(`smoke-tsql: ${(err as Error).message}`);
  process.exitCode = 1;
}
