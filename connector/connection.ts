/**
 * Opens a knex instance for the ERP database: SQL Server through tedious
 * (production) or a SQLite file through node:sqlite (the embedded demo ERP).
 */
import knexFactory, { type Knex } from 'knex';
import { ClientNodeSqlite } from './sqlite/knex-node-sqlite';

export interface SqlServerConnectionConfig {
  kind: 'sqlserver';
  /** Host name or address, without the instance. */
  host: string;
  /** Named instance (resolved through SQL Browser); when set, `port` is ignored. */
  instance?: string;
  port?: number;
  database: string;
  auth:
    | { type: 'sql'; user: string; password: string }
    | { type: 'ntlm'; domain: string; user: string; password: string };
  encrypt: boolean;
  trustServerCertificate: boolean;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Application name shown in sp_who / Activity Monitor. */
  appName?: string;
}

export interface SqliteConnectionConfig {
  kind: 'sqlite';
  file: string;
  readonly?: boolean;
}

export type ConnectionConfig = SqlServerConnectionConfig | SqliteConnectionConfig;

export type Dialect = 'mssql' | 'sqlite';

export function dialectOf(db: Knex): Dialect {
  return (db.client as { dialect?: string }).dialect === 'mssql' ? 'mssql' : 'sqlite';
}

/** The knex configuration for SQL Server, kept separate so tests can check it without a server. */
export function sqlServerKnexConfig(cfg: SqlServerConnectionConfig): Knex.Config {
  // knex's mssql client builds tedious' `authentication` itself, only from
  // `type`, `user`/`userName`, `password` and `domain` at the top level of the
  // connection settings (knex lib/dialects/mssql `_generateConnection`); an
  // `authentication` object passed here would be ignored and the login packet
  // would carry no user name.
  const auth =
    cfg.auth.type === 'ntlm'
      ? { type: 'ntlm', domain: cfg.auth.domain, userName: cfg.auth.user, password: cfg.auth.password }
      : { type: 'default', userName: cfg.auth.user, password: cfg.auth.password };
  return {
    client: 'mssql',
    connection: {
      server: cfg.host,
      database: cfg.database,
      ...auth,
      ...(cfg.instance ? {} : { port: cfg.port ?? 1433 }),
      connectionTimeout: cfg.connectTimeoutMs,
      requestTimeout: cfg.requestTimeoutMs,
      options: {
        ...(cfg.instance ? { instanceName: cfg.instance } : {}),
        encrypt: cfg.encrypt,
        trustServerCertificate: cfg.trustServerCertificate,
        appName: cfg.appName ?? 'cadencia',
        connectTimeout: cfg.connectTimeoutMs,
        requestTimeout: cfg.requestTimeoutMs,
        // Dates travel as UTC so a DATETIME '2026-03-01 00:00' comes back as that same calendar day.
        useUTC: true,
        enableArithAbort: true,
      },
    } as unknown as Knex.StaticConnectionConfig,
    pool: { min: 0, max: 4, idleTimeoutMillis: 30_000 },
    acquireConnectionTimeout: cfg.connectTimeoutMs + 5_000,
    // knex prints failed connections with the driver's stack on the console;
    // the error reaches the caller anyway, which explains it in Spanish
    // (connection-errors.ts) and keeps the detail in the log.
    log: { warn: quiet, error: quiet, deprecate: quiet, debug: quiet },
  };
}

function quiet(): void {
  // intentionally silent: see sqlServerKnexConfig
}

/**
 * The configuration knex hands to tedious' `Connection` for these settings
 * (what the login will actually carry). For tests and `verificar`.
 */
export function tediousConfigOf(cfg: SqlServerConnectionConfig): Record<string, unknown> {
  const db = knexFactory(sqlServerKnexConfig(cfg));
  try {
    const client = db.client as unknown as { _generateConnection(): Record<string, unknown> };
    return client._generateConnection();
  } finally {
    void db.destroy();
  }
}

export function openDatabase(cfg: ConnectionConfig): Knex {
  if (cfg.kind === 'sqlserver') return knexFactory(sqlServerKnexConfig(cfg));
  return knexFactory({
    client: ClientNodeSqlite as unknown as typeof Knex.Client,
    connection: { filename: cfg.file, readonly: cfg.readonly ?? false } as Knex.Sqlite3ConnectionConfig,
    useNullAsDefault: true,
    log: { warn: quiet, error: quiet, deprecate: quiet, debug: quiet },
    // One connection: SQLite serialises writers anyway, and a single handle
    // keeps transactions and streaming on the same file descriptor.
    pool: { min: 1, max: 1 },
  });
}

/** A knex instance that never connects, for compiling SQL Server statements (tests, `db sql`). */
export function mssqlCompiler(): Knex {
  return knexFactory({ client: 'mssql' });
}
