/**
 * The durable outbox sender: drains COB_CORREO. The outbox is the only way
 * mail leaves the service; rows are written by the cycle (same transaction as
 * the tasks) and sent here, so a crash never loses a digest and a re-run
 * never sends it twice.
 *
 * States: pendiente → enviando → enviado | pendiente (retry) | fallido.
 *
 * - Claim before sending: `UPDATE … SET ESTADO='enviando' WHERE ID=? AND
 *   ESTADO='pendiente'`; only the sender that changed the row sends it, so two
 *   senders (two services, a CLI run next to the service) never both send one.
 * - While 'enviando', PROXIMO_INTENTO holds the claim's expiry. A sender killed
 *   mid-send leaves the row 'enviando'; once the claim expires the next drain
 *   puts it back to 'pendiente'. The window between the SMTP server accepting
 *   the mail and the UPDATE to 'enviado' cannot be closed without two-phase
 *   commit: a crash exactly there resends that mail once. The resend carries
 *   the same Message-ID (derived from the key), so mail clients and servers
 *   that de-duplicate by Message-ID show it once. We accept that trade-off.
 * - When the server cannot be reached or will not talk to us (connection
 *   refused, timeout, bad greeting, 421, login refused) nothing was rejected:
 *   the mail goes back to 'pendiente' without spending an attempt, and the
 *   rest of the batch is postponed the same way, all to the next drain
 *   (OUTAGE_RETRY_MINUTES; the service drains every `envio_cada_min`). An
 *   outage of any length therefore never turns a mail 'fallido'.
 * - A mail the server rejects spends an attempt and stores the server's
 *   answer (one line, no secrets). A permanent rejection (5xx) makes it
 *   'fallido' at once; a temporary one (4xx, or no code) is retried with
 *   exponential backoff: 1, 2, 4, 8… minutes, capped at 60, and becomes
 *   'fallido' after `maxAttempts`. 'fallido' rows stay for staff to look at
 *   (`estado` lists them with the reason) and `correo reintentar` requeues them.
 * - Each statement is short and touches one outbox row by its key or the
 *   (ESTADO, PROXIMO_INTENTO) index; no ERP table is involved.
 */
import type { Knex } from 'knex';
import type { AddonTables } from '../../connector/addon/tables';
import type { IsoDate } from '../../rules/types';
import { singleLine } from './headers';
import type { MailAttachment, MailKind, OutgoingMail } from './outbox-mail';
import { chunk } from '../../connector/addon/chunks';
import { MailSendError, toSendError, type MailTransport } from './transport';

export interface OutboxRow {
  ID: number;
  CLAVE: string;
  TIPO: string;
  FECHA: string | Date;
  DESTINATARIO: string;
  ASUNTO: string;
  CUERPO_HTML: string;
  CUERPO_TEXTO: string;
  MESSAGE_ID: string;
  ESTADO: string;
  INTENTOS: number;
  PROXIMO_INTENTO: string | Date | null;
}

export interface DrainOptions {
  now: Date;
  maxAttempts: number;
  /** Most rows sent in one drain (default 50). */
  batch?: number;
  /** Return false to leave a row for a later drain (e.g. outside sending hours). */
  notBefore?: (row: OutboxRow) => boolean;
  /** How long a claim protects a row in 'enviando' (default 10 minutes). */
  claimTimeoutMs?: number;
}

export interface DrainResult {
  /** Mails the server accepted. */
  sent: number;
  /** Send attempts that failed (the row is retried later, or became 'fallido' after maxAttempts). */
  failed: number;
  /** Due rows left for later: refused by notBefore, or postponed because the server was down. */
  deferred: number;
  /** Set when the server could not be reached: why (one line, no secrets). No attempt was spent. */
  serverDown?: string;
}

const MINUTE = 60_000;

/** While the server is down, due rows wait this long (i.e. until the next drain) without spending attempts. */
export const OUTAGE_RETRY_MINUTES = 1;

/** Minutes to wait after the n-th failed attempt (n ≥ 1): 1, 2, 4, 8… capped at 60. */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 60);
}

type Db = Knex | Knex.Transaction;

/** The statements the sender runs, one builder each (the T-SQL is kept in snapshot tests). */
export const outboxStatements = {
  releaseExpiredClaims: (db: Db, t: AddonTables, now: Date) =>
    db(t.correo).update({ ESTADO: 'pendiente' }).where('ESTADO', 'enviando').andWhere('PROXIMO_INTENTO', '<=', now),
  selectDue: (db: Db, t: AddonTables, now: Date, batch: number) =>
    db(t.correo)
      .select('ID', 'CLAVE', 'TIPO', 'FECHA', 'DESTINATARIO', 'ASUNTO', 'CUERPO_HTML', 'CUERPO_TEXTO', 'MESSAGE_ID', 'ESTADO', 'INTENTOS', 'PROXIMO_INTENTO')
      .where('ESTADO', 'pendiente')
      .andWhere((w) => w.whereNull('PROXIMO_INTENTO').orWhere('PROXIMO_INTENTO', '<=', now))
      .orderBy('ID')
      .limit(batch),
  /** Resolves the claimed rows (OUTPUT / RETURNING): one when this sender took the row, none otherwise. */
  claim: (db: Db, t: AddonTables, id: number, claimUntil: Date) =>
    db(t.correo).update({ ESTADO: 'enviando', PROXIMO_INTENTO: claimUntil }).where({ ID: id, ESTADO: 'pendiente' }).returning('ID as ID'),
  markSent: (db: Db, t: AddonTables, id: number, now: Date, response: string) =>
    db(t.correo)
      .update({ ESTADO: 'enviado', ENVIADO: now, RESPUESTA: response, PROXIMO_INTENTO: null })
      .where({ ID: id, ESTADO: 'enviando' }),
  postpone: (db: Db, t: AddonTables, ids: number[], next: Date, reason: string) =>
    db(t.correo).update({ PROXIMO_INTENTO: next, RESPUESTA: reason }).where('ESTADO', 'pendiente').whereIn('ID', ids),
  /** The attachments of the given mails (by CLAVE). */
  attachmentsOf: (db: Db, t: AddonTables, keys: string[]) =>
    db(t.correoAdjunto).select('CORREO_CLAVE', 'NOMBRE', 'TIPO', 'CONTENIDO').whereIn('CORREO_CLAVE', keys).orderBy('ID'),
  markFailed: (db: Db, t: AddonTables, id: number, attempts: number, state: 'pendiente' | 'fallido', next: Date | null, error: string) =>
    db(t.correo)
      .update({ ESTADO: state, INTENTOS: attempts, PROXIMO_INTENTO: next, RESPUESTA: error })
      .where({ ID: id, ESTADO: 'enviando' }),
};

function isoDate(value: string | Date): IsoDate {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

export function rowToMail(row: OutboxRow, attachments: MailAttachment[] = []): OutgoingMail {
  return {
    ...(attachments.length > 0 ? { attachments } : {}),
    key: row.CLAVE,
    kind: row.TIPO as MailKind,
    date: isoDate(row.FECHA),
    to: row.DESTINATARIO,
    subject: row.ASUNTO,
    html: row.CUERPO_HTML,
    text: row.CUERPO_TEXTO,
    messageId: row.MESSAGE_ID,
  };
}

/** What RESPUESTA keeps for a failed send: in Spanish, with the server's own answer when it gave one. */
export function failureText(err: MailSendError): string {
  const text = err.transportDown
    ? err.code === 'EAUTH' || err.code === 'EOAUTH2'
      ? `El servidor de correo rechazó el inicio de sesión (revise usuario, clave u OAuth2 en [correo]): ${err.message}`
      : `Servidor de correo no disponible: ${err.message}`
    : err.response
      ? `Rechazado por el servidor (${err.permanent ? 'definitivo, no se reintenta' : 'temporal'}): ${err.response}`
      : `Error al enviar: ${err.message}`;
  return singleLine(text, 1000);
}

/** The attachments of the rows that have some (only mails to customers do), by CLAVE. */
async function attachmentsFor(db: Knex, t: AddonTables, rows: OutboxRow[]): Promise<Map<string, MailAttachment[]>> {
  const out = new Map<string, MailAttachment[]>();
  const keys = rows.filter((r) => String(r.TIPO).trim() === 'cliente').map((r) => r.CLAVE);
  for (const part of chunk(keys, 500)) {
    const found = (await outboxStatements.attachmentsOf(db, t, part)) as { CORREO_CLAVE: string; NOMBRE: string; TIPO: string; CONTENIDO: string }[];
    for (const a of found) {
      const list = out.get(a.CORREO_CLAVE) ?? [];
      list.push({ filename: a.NOMBRE, contentType: a.TIPO, content: Buffer.from(a.CONTENIDO, 'base64') });
      out.set(a.CORREO_CLAVE, list);
    }
  }
  return out;
}

export async function drainOutbox(db: Knex, t: AddonTables, transport: MailTransport, opts: DrainOptions): Promise<DrainResult> {
  const { now, maxAttempts } = opts;
  const batch = opts.batch ?? 50;
  const claimUntil = new Date(now.getTime() + (opts.claimTimeoutMs ?? 10 * MINUTE));
  const result: DrainResult = { sent: 0, failed: 0, deferred: 0 };

  await outboxStatements.releaseExpiredClaims(db, t, now);
  const rows = (await outboxStatements.selectDue(db, t, now, batch)) as OutboxRow[];
  const attachments = await attachmentsFor(db, t, rows);

  for (const [index, row] of rows.entries()) {
    if (opts.notBefore && !opts.notBefore(row)) {
      result.deferred += 1;
      continue;
    }
    // Told by the row the UPDATE returns, not by the driver's row count (not every server reports it).
    const claimed = (await outboxStatements.claim(db, t, row.ID, claimUntil)) as unknown[];
    if (claimed.length !== 1) continue; // another sender took it
    try {
      const { response } = await transport.send(rowToMail(row, attachments.get(row.CLAVE)));
      await outboxStatements.markSent(db, t, row.ID, now, singleLine(response, 1000) || 'OK');
      result.sent += 1;
    } catch (e) {
      const err = e instanceof MailSendError ? e : toSendError(e);
      const error = failureText(err);
      if (err.transportDown) {
        // Nothing was rejected: this mail and the rest of the batch wait for the
        // next drain with their attempts untouched.
        const next = new Date(now.getTime() + OUTAGE_RETRY_MINUTES * MINUTE);
        await outboxStatements.markFailed(db, t, row.ID, Number(row.INTENTOS), 'pendiente', next, error);
        const rest = rows.slice(index + 1).filter((r) => !opts.notBefore || opts.notBefore(r)).map((r) => r.ID);
        for (const ids of chunk(rest, 500)) await outboxStatements.postpone(db, t, ids, next, error);
        result.deferred += rows.length - index;
        result.serverDown = error;
        break;
      }
      const attempts = Number(row.INTENTOS) + 1;
      const final = err.permanent || attempts >= maxAttempts;
      const next = final ? null : new Date(now.getTime() + backoffMinutes(attempts) * MINUTE);
      await outboxStatements.markFailed(db, t, row.ID, attempts, final ? 'fallido' : 'pendiente', next, error);
      result.failed += 1;
    }
  }
  return result;
}

export interface FailedMail {
  ID: number;
  CLAVE: string;
  TIPO: string;
  FECHA: string | Date;
  DESTINATARIO: string;
  INTENTOS: number;
  RESPUESTA: string | null;
}

export interface FailedFilter {
  /** Only these outbox ids (COB_CORREO.ID). */
  ids?: readonly number[];
  /** Only the mails of this day (COB_CORREO.FECHA: the digest's date). */
  date?: IsoDate;
}

/** 'fallido' rows, oldest first, optionally by id or day. */
export async function failedMails(db: Knex, t: AddonTables, filter: FailedFilter = {}): Promise<FailedMail[]> {
  const out: FailedMail[] = [];
  const idChunks = filter.ids ? chunk(filter.ids, 500) : [null];
  for (const ids of idChunks) {
    const q = db(t.correo)
      .select('ID', 'CLAVE', 'TIPO', 'FECHA', 'DESTINATARIO', 'INTENTOS', 'RESPUESTA')
      .where('ESTADO', 'fallido');
    if (ids) q.whereIn('ID', ids);
    if (filter.date) q.andWhere('FECHA', filter.date);
    out.push(...((await q.orderBy('ID')) as FailedMail[]));
  }
  return out.sort((a, b) => a.ID - b.ID);
}

/**
 * Puts 'fallido' rows back in the queue with their attempts reset, so the
 * next drain sends them (the last answer stays in RESPUESTA until then).
 * Resolves with the rows that were failed and are now pending.
 */
export async function requeueFailed(db: Knex, t: AddonTables, filter: FailedFilter = {}): Promise<FailedMail[]> {
  const rows = await failedMails(db, t, filter);
  for (const ids of chunk(rows.map((r) => r.ID), 500)) {
    await db(t.correo).update({ ESTADO: 'pendiente', INTENTOS: 0, PROXIMO_INTENTO: null }).where('ESTADO', 'fallido').whereIn('ID', ids);
  }
  return rows;
}

/** Pending mails that already met an error (server down, temporary rejection), grouped by the last one; most frequent first. */
export async function pendingWithErrors(db: Knex, t: AddonTables): Promise<{ reason: string; n: number }[]> {
  const rows = (await db(t.correo)
    .select('RESPUESTA')
    .count({ n: '*' })
    .where('ESTADO', 'pendiente')
    .whereNotNull('RESPUESTA')
    .groupBy('RESPUESTA')) as { RESPUESTA: string; n: number | string }[];
  return rows.map((r) => ({ reason: r.RESPUESTA, n: Number(r.n) })).sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason));
}
