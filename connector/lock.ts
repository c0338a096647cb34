/**
 * One cadencia at a time per company database. On SQL Server an application
 * lock (sp_getapplock, owned by a session held for the cycle) is released by
 * the server itself if the process dies. SQLite has no such thing, so a lock
 * row with an expiry and the owner's host and process id stands in: a row left
 * by a dead process on this host, or an expired one, is taken over.
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { dialectOf } from './connection';

export interface HeldLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** Lock name, e.g. 'cadencia:EMPRESA1'. */
  resource: string;
  /** SQLite lock rows: how long a row is valid without renewal. */
  ttlMs?: number;
  now?: () => Date;
}

export const APPLOCK_SQL =
  "DECLARE @result int; EXEC @result = sp_getapplock @Resource = ?, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT @result AS result;";
export const APPUNLOCK_SQL = "EXEC sp_releaseapplock @Resource = ?, @LockOwner = 'Session';";

/** Tries to take the lock; resolves null when another instance holds it. */
export async function tryLock(db: Knex, lockTable: string, opts: LockOptions): Promise<HeldLock | null> {
  return dialectOf(db) === 'mssql' ? tryAppLock(db, opts) : tryRowLock(db, lockTable, opts);
}

async function tryAppLock(db: Knex, opts: LockOptions): Promise<HeldLock | null> {
  const connection = await db.client.acquireConnection();
  try {
    const rows = (await db.raw(APPLOCK_SQL, [opts.resource]).connection(connection)) as { result: number }[];
    const result = rows[0]?.result ?? -999;
    if (result < 0) {
      await db.client.releaseConnection(connection);
      return null;
    }
  } catch (err) {
    await db.client.releaseConnection(connection);
    throw err;
  }
  return {
    async release() {
      try {
        await db.raw(APPUNLOCK_SQL, [opts.resource]).connection(connection);
      } finally {
        await db.client.releaseConnection(connection);
      }
    },
  };
}

function ownerId(): string {
  return `${hostname()}:${process.pid}`;
}

function ownerIsDeadHere(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function tryRowLock(db: Knex, table: string, opts: LockOptions): Promise<HeldLock | null> {
  const ttl = opts.ttlMs ?? 120_000;
  const now = opts.now ?? (() => new Date());
  const me = ownerId();
  const taken = await db.transaction(async (trx): Promise<boolean> => {
    const row = (await trx(table).where({ RECURSO: opts.resource }).first()) as
      | { DUENO: string; VENCE: string | Date }
      | undefined;
    if (row) {
      const expired = new Date(row.VENCE).getTime() < now().getTime();
      if (!expired && !ownerIsDeadHere(row.DUENO)) return false;
      await trx(table).where({ RECURSO: opts.resource, DUENO: row.DUENO }).delete();
    }
    const start = now();
    await trx(table).insert({
      RECURSO: opts.resource,
      DUENO: me,
      DESDE: start.toISOString(),
      VENCE: new Date(start.getTime() + ttl).toISOString(),
    });
    return true;
  }).catch((err: Error) => {
    // Another process inserted its row between our read and our insert.
    if (/UNIQUE|PRIMARY KEY/i.test(err.message)) return false;
    throw err;
  });
  if (!taken) return null;

  // Renew while held, so a long cycle keeps its lock.
  const timer = setInterval(() => {
    db(table)
      .where({ RECURSO: opts.resource, DUENO: me })
      .update({ VENCE: new Date(now().getTime() + ttl).toISOString() })
      .catch(() => undefined);
  }, Math.max(1000, Math.floor(ttl / 3)));
  timer.unref();

  return {
    async release() {
      clearInterval(timer);
      await db(table).where({ RECURSO: opts.resource, DUENO: me }).delete();
    },
  };
}
