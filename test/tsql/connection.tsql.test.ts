/**
 * Logging in to a real T-SQL server the way an installation does, and what
 * an installer reads when the login cannot be made: one Spanish line that
 * says what to check, never the driver's text or stack.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SqlServerConnectionConfig } from '../../connector/connection';
import { connectOrExplain, DatabaseConnectionError, explainSqlServerFailure } from '../../connector/connection-errors';
import { runCli } from '../e2e/cli-process';
import { closeAdmin, connectionTo, exampleIniFor, tsqlServer } from './harness';

let silent: net.Server;
let silentPort = 0;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-conn-'));
  // A port that accepts TCP and never answers: what a host behind a dropping firewall looks like.
  silent = net.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  silentPort = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  silent.close();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

const database = process.env.TSQL_DB ?? 'cadencia_test';

async function failureOf(cfg: SqlServerConnectionConfig): Promise<string> {
  const db = openDatabase(cfg);
  try {
    await connectOrExplain(db, cfg);
    return 'conectó';
  } catch (err) {
    expect(err).toBeInstanceOf(DatabaseConnectionError);
    return (err as Error).message;
  } finally {
    await db.destroy();
  }
}

describe('SQL Server login', () => {
  it('a SQL login reaches the server and runs a query', async () => {
    const db = openDatabase(connectionTo(database));
    try {
      const rows = (await db.raw('SELECT SUSER_NAME() AS [login], DB_NAME() AS [db]')) as { login: string; db: string }[];
      expect(rows[0]?.login.toLowerCase()).toBe(tsqlServer().user.toLowerCase());
      expect(rows[0]?.db.toLowerCase()).toBe(database.toLowerCase());
    } finally {
      await db.destroy();
    }
  });

  it('a wrong password says to check user and password', async () => {
    const line = await failureOf({ ...connectionTo(database), auth: { type: 'sql', user: tsqlServer().user, password: 'equivocada' } });
    expect(line).toMatch(/^SQL Server \(127\.0\.0\.1:\d+\) rechazó al usuario «cadencia_test»: revise \[erp\] usuario y clave/);
  });

  it('an unknown database says the login worked and names the database', async () => {
    const line = await failureOf(connectionTo('empresa_que_no_existe'));
    expect(line).toMatch(/aceptó al usuario «cadencia_test» pero no pudo abrir la base «empresa_que_no_existe»: revise \[erp\] base/);
  });

  it('a closed port says nothing answers there and what to enable', async () => {
    const line = await failureOf({ ...connectionTo(database), port: 1 });
    expect(line).toMatch(/^Nada responde en 127\.0\.0\.1:1: revise \[erp\] servidor y puerto, que SQL Server tenga habilitado TCP\/IP/);
  });

  it('a host that does not answer says so after the timeout', async () => {
    const line = await failureOf({ ...connectionTo(database), port: silentPort, connectTimeoutMs: 2_000 });
    expect(line).toBe(
      `El servidor 127.0.0.1:${silentPort} no respondió en 2 s: revise que esté encendido, [erp] servidor y puerto, ` +
        'y que el firewall permita ese puerto TCP (tiempo_conexion_seg amplía la espera).',
    );
  });

  it('a name that does not resolve says to check the server name', async () => {
    // The driver's error for an unknown host name (as tedious raises it); no DNS query leaves this machine.
    const err = Object.assign(new Error('Failed to connect to srv-tango:1433 - getaddrinfo ENOTFOUND srv-tango'), {
      code: 'ESOCKET', cause: Object.assign(new Error('getaddrinfo ENOTFOUND srv-tango'), { code: 'ENOTFOUND' }),
    });
    const line = await explainSqlServerFailure({ ...connectionTo(database), host: 'srv-tango' }, err, false);
    expect(line).toBe('No se encuentra el servidor «srv-tango»: revise [erp] servidor en el INI (nombre del equipo o su dirección IP) y la red.');
  });

  it('cadencia verificar with a wrong password prints one Spanish line, no driver stack, and fails', async () => {
    const ini = join(dir, 'cadencia.ini');
    writeFileSync(ini, exampleIniFor(database, dir, 'tango', { user: tsqlServer().user, password: 'equivocada' }));
    const child = runCli(['verificar', '--config', ini]);
    const { code } = await child.exited;
    const out = child.output();
    expect(code).not.toBe(0);
    expect(out).toMatch(/ERROR\s+base de datos: SQL Server \(127\.0\.0\.1:\d+\) rechazó al usuario «cadencia_test»/);
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toMatch(/Login failed|ConnectionError|tedious/i);
    expect(out).not.toContain('equivocada');
  });
});
