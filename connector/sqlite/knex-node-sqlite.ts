/**
 * A knex client for Node's built-in `node:sqlite` (no native addon, so it can
 * live inside the Windows single executable). It reuses knex's SQLite dialect
 * (query compiler, schema builder, DDL helpers) and only replaces the driver
 * calls, in the shape suggested in knex issue 6162.
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { silenceSqliteWarning } from './quiet-warning';

// A static import, so esbuild can put knex's SQLite dialect inside the Windows
// single executable (typed in knex-sqlite3-dialect.d.ts: knex ships no typings for it).
import ClientSQLite3 from 'knex/lib/dialects/sqlite3/index.js';

// Only for node:sqlite (a built-in, found from any base URL, also inside the exe).
const require = createRequire(import.meta.url);

type Binding = string | number | bigint | null | Uint8Array;

interface QueryObject {
  sql: string;
  bindings?: unknown[];
  method?: string;
  response?: unknown;
  context?: { lastID: number | bigint; changes: number | bigint };
}

function formatBindings(bindings: unknown[] | undefined): Binding[] {
  if (!bindings) return [];
  return bindings.map((b) => {
    if (b === undefined) return null;
    if (b instanceof Date) return b.toISOString();
    if (typeof b === 'boolean') return b ? 1 : 0;
    return b as Binding;
  });
}

function isReader(statement: StatementSync): boolean {
  return statement.columns().length > 0;
}

export class ClientNodeSqlite extends (ClientSQLite3 as new (config: unknown) => {
  connectionSettings: { filename: string; readonly?: boolean };
}) {
  _driver(): unknown {
    silenceSqliteWarning();
    return require('node:sqlite');
  }

  async acquireRawConnection(): Promise<DatabaseSync> {
    const { DatabaseSync: Database } = require('node:sqlite') as typeof import('node:sqlite');
    const settings = this.connectionSettings;
    const db = new Database(settings.filename, { readOnly: Boolean(settings.readonly) });
    // busy_timeout first: it waits for a competing process instead of failing at once, also
    // while two processes open the file at the same instant (the service and `db migrar`).
    // WAL lets readers (report tools, the CLI) work while a cycle writes.
    db.exec('PRAGMA busy_timeout = 10000');
    if (settings.filename !== ':memory:' && !settings.readonly) db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    return db;
  }

  async destroyRawConnection(connection: DatabaseSync): Promise<void> {
    connection.close();
  }

  async _query(connection: DatabaseSync, obj: QueryObject): Promise<QueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    const statement = connection.prepare(obj.sql);
    const bindings = formatBindings(obj.bindings);
    if (isReader(statement)) {
      obj.response = statement.all(...bindings);
      return obj;
    }
    const result = statement.run(...bindings);
    obj.response = result;
    obj.context = { lastID: result.lastInsertRowid, changes: result.changes };
    return obj;
  }

  /**
   * Streams rows one at a time with back-pressure, so large reads keep memory
   * flat. A failure (before the first row or in the middle) destroys the stream
   * with the error, so the reader fails instead of working on a partial read.
   */
  async _stream(connection: DatabaseSync, obj: QueryObject, stream: Writable): Promise<void> {
    try {
      if (!obj.sql) throw new Error('The query is empty');
      const statement = connection.prepare(obj.sql);
      for (const row of statement.iterate(...formatBindings(obj.bindings))) {
        if (!stream.write(row)) {
          await new Promise<void>((resolve, reject) => {
            const onDrain = (): void => { stream.off('error', onError); resolve(); };
            const onError = (err: Error): void => { stream.off('drain', onDrain); reject(err); };
            stream.once('drain', onDrain);
            stream.once('error', onError);
          });
        }
      }
    } catch (err) {
      stream.destroy(err as Error);
      throw err;
    }
    stream.end();
  }
}

Object.assign(ClientNodeSqlite.prototype, {
  dialect: 'sqlite3',
  driverName: 'node:sqlite',
});
