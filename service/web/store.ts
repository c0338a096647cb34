/**
 * Sessions, one-time sign-in links and the audit log, in the company's add-on
 * tables. Tokens never reach the database: only their SHA-256 does. Times are
 * compared in JavaScript (SQLite keeps them as text, SQL Server as DATETIME2).
 */
import type { Knex } from 'knex';
import type { AddonTables } from '../../connector/addon/tables';
import { newToken, tokenDigest } from './security';

const HOUR = 3_600_000;

function instant(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export async function createSession(db: Knex, t: AddonTables, email: string, hours: number, now: Date): Promise<string> {
  const token = newToken();
  await db(t.sesion).insert({
    ID: tokenDigest(token), EMAIL: email.toLowerCase(), CREADA: now, VENCE: new Date(now.getTime() + hours * HOUR),
  });
  return token;
}

/** The e-mail of a live session, or null (unknown or expired). */
export async function sessionEmail(db: Knex, t: AddonTables, token: string, now: Date): Promise<string | null> {
  const row = (await db(t.sesion).select('EMAIL', 'VENCE').where('ID', tokenDigest(token)).first()) as
    { EMAIL: string; VENCE: unknown } | undefined;
  const until = instant(row?.VENCE);
  if (!row || !until || until <= now) return null;
  return String(row.EMAIL).trim().toLowerCase();
}

export async function endSession(db: Knex, t: AddonTables, token: string): Promise<void> {
  await db(t.sesion).where('ID', tokenDigest(token)).delete();
}

/** Ends every session of a user (password changed, user blocked). */
export async function endSessionsOf(db: Knex, t: AddonTables, email: string): Promise<void> {
  await db(t.sesion).where('EMAIL', email.toLowerCase()).delete();
}

/** Removes expired sessions and links (called now and then by the server). */
export async function purgeExpired(db: Knex, t: AddonTables, now: Date): Promise<void> {
  await db(t.sesion).where('VENCE', '<', now).delete();
  await db(t.enlace).where('VENCE', '<', new Date(now.getTime() - 24 * HOUR)).delete();
}

/** A one-time sign-in link token, valid `hours`. */
export async function createLink(
  db: Knex, t: AddonTables, email: string, hours: number, now: Date, key: string | null = null,
): Promise<string> {
  const token = newToken();
  await db(t.enlace).insert({
    ID: tokenDigest(token), EMAIL: email.toLowerCase(), CLAVE: key, CREADO: now,
    VENCE: new Date(now.getTime() + hours * HOUR), USADO: null,
  });
  return token;
}

export type LinkCheck = { ok: true; email: string } | { ok: false; reason: 'desconocido' | 'vencido' | 'usado' };

/** Looks at a link without using it (the GET page that asks to confirm). */
export async function checkLink(db: Knex, t: AddonTables, token: string, now: Date): Promise<LinkCheck> {
  const row = (await db(t.enlace).select('EMAIL', 'VENCE', 'USADO').where('ID', tokenDigest(token)).first()) as
    { EMAIL: string; VENCE: unknown; USADO: unknown } | undefined;
  if (!row) return { ok: false, reason: 'desconocido' };
  if (row.USADO !== null && row.USADO !== undefined) return { ok: false, reason: 'usado' };
  const until = instant(row.VENCE);
  if (!until || until <= now) return { ok: false, reason: 'vencido' };
  return { ok: true, email: String(row.EMAIL).trim().toLowerCase() };
}

/** Uses a link: only one request can, whatever runs at the same time. */
export async function consumeLink(db: Knex, t: AddonTables, token: string, now: Date): Promise<LinkCheck> {
  const check = await checkLink(db, t, token, now);
  if (!check.ok) return check;
  const rows = (await db(t.enlace)
    .update({ USADO: now })
    .where('ID', tokenDigest(token))
    .whereNull('USADO')
    .returning('ID as ID')) as unknown[];
  return rows.length === 1 ? check : { ok: false, reason: 'usado' };
}

export interface AuditEntry {
  user: string;
  action: string;
  customer?: string | null;
  taskId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

function asText(value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export async function audit(db: Knex, t: AddonTables, entry: AuditEntry, now: Date): Promise<void> {
  await db(t.auditoria).insert({
    FECHA: now,
    USUARIO: entry.user.toLowerCase(),
    ACCION: entry.action,
    COD_CLIENT: entry.customer ?? null,
    TAREA_ID: entry.taskId ?? null,
    ANTES: asText(entry.before, 2000),
    DESPUES: asText(entry.after, 2000),
    MOTIVO: asText(entry.reason, 500),
  });
}
