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
 * - A failed send increments INTENTOS, stores the error (one line, no
 *   secrets) and schedules the retry with exponential backoff: 1, 2, 4, 8…
 *   minutes, capped at 60. After `maxAttempts` the row becomes 'fallido' and
 *   stays for staff to look at (doctor and the logs report it).
 * - When the server is unreachable or refuses the login, the rest of the batch
 *   is postponed to the same retry time without spending their attempts.
 * - Each statement is short and touches one outbox row by its key or the
 *   (ESTADO, PROXIMO_INTENTO) index; no ERP table is involved.
 */
import type { Knex } from 'knex';
import type { AddonTables } from '../../connector/addon/tables';
import type { IsoDate } from '../../rules/types';
import { singleLine } from './headers';
import type { MailKind, OutgoingMail } from './outbox-mail';
import { MailSendError, type MailTransport } from './transport';

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
}

const MINUTE = 60_000;

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
  postpone: (db: Db, t: AddonTables, ids: number[], next: Date) =>
    db(t.correo).update({ PROXIMO_INTENTO: next }).where('ESTADO', 'pendiente').whereIn('ID', ids),
  markFailed: (db: Db, t: AddonTables, id: number, attempts: number, state: 'pendiente' | 'fallido', next: Date | null, error: string) =>
    db(t.correo)
      .update({ ESTADO: state, INTENTOS: attempts, PROXIMO_INTENTO: next, RESPUESTA: error })
      .where({ ID: id, ESTADO: 'enviando' }),
};

function isoDate(value: string | Date): IsoDate {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

export function rowToMail(row: OutboxRow): OutgoingMail {
  return {
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

export async function drainOutbox(db: Knex, t: AddonTables, transport: MailTransport, opts: DrainOptions): Promise<DrainResult> {
  const { now, maxAttempts } = opts;
  const batch = opts.batch ?? 50;
  const claimUntil = new Date(now.getTime() + (opts.claimTimeoutMs ?? 10 * MINUTE));
  const result: DrainResult = { sent: 0, failed: 0, deferred: 0 };

  await outboxStatements.releaseExpiredClaims(db, t, now);
  const rows = (await outboxStatements.selectDue(db, t, now, batch)) as OutboxRow[];

  for (const [index, row] of rows.entries()) {
    if (opts.notBefore && !opts.notBefore(row)) {
      result.deferred += 1;
      continue;
    }
    // Told by the row the UPDATE returns, not by the driver's row count (not every server reports it).
    const claimed = (await outboxStatements.claim(db, t, row.ID, claimUntil)) as unknown[];
    if (claimed.length !== 1) continue; // another sender took it
    try {
      const { response } = await transport.send(rowToMail(row));
      await outboxStatements.markSent(db, t, row.ID, now, singleLine(response, 1000) || 'OK');
      result.sent += 1;
    } catch (e) {
      const attempts = Number(row.INTENTOS) + 1;
      const final = attempts >= maxAttempts;
      const next = final ? null : new Date(now.getTime() + backoffMinutes(attempts) * MINUTE);
      const error = singleLine((e as Error).message ?? String(e), 1000);
      await outboxStatements.markFailed(db, t, row.ID, attempts, final ? 'fallido' : 'pendiente', next, error);
      result.failed += 1;
      if (e instanceof MailSendError && e.transportDown) {
        // Server unreachable or login refused: the rest would fail the same way.
        // Postpone them (without spending their attempts) to the same retry time.
        const rest = rows.slice(index + 1).map((r) => r.ID);
        if (rest.length > 0) {
          await outboxStatements.postpone(db, t, rest, new Date(now.getTime() + backoffMinutes(attempts) * MINUTE));
          result.deferred += rest.length;
        }
        break;
      }
    }
  }
  return result;
}
