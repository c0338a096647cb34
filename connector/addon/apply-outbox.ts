/**
 * Queues mails in COB_CORREO: inserted when their CLAVE is new; a row still
 * 'pendiente' takes the newer content (the daily digest grows until sent); a
 * row already sent or failed is never touched. Runs inside the caller's transaction.
 */
import type { Knex } from 'knex';
import { chunk } from './chunks';
import { PARAM_LIMIT } from '../dialect/addon-sql';
import { attachmentRows, MAIL_PENDING, OUTBOX_CONTENT_KINDS, OUTBOX_INSERT_COLUMNS, outboxRow, type OutgoingMail } from './outbox-rows';
import { rowChanged } from './row-compare';
import { rowsPerStatement, type Row } from './set-statements';
import type { AddonTables } from './tables';
import { insertMailsStatement, refreshMailStatement, storedMailsStatement } from './write-statements';

/** Mails per INSERT: bodies can be large, so fewer than the parameter budget alone allows. */
const MAILS_PER_STATEMENT = Math.min(20, rowsPerStatement(OUTBOX_INSERT_COLUMNS.length));

export async function applyOutbox(trx: Knex, t: AddonTables, mails: readonly OutgoingMail[], now: Date): Promise<number> {
  if (mails.length === 0) return 0;
  const unique = new Map<string, OutgoingMail>();
  for (const m of mails) unique.set(m.key, m); // the last version of a key wins
  const stored = new Map<string, Row>();
  for (const keys of chunk([...unique.keys()], PARAM_LIMIT)) {
    for (const row of (await storedMailsStatement(trx, t, keys)) as Row[]) stored.set(String(row.CLAVE), row);
  }
  const inserts: Row[] = [];
  const attachments: Row[] = [];
  let refreshed = 0;
  for (const mail of unique.values()) {
    const row = outboxRow(mail, now);
    const old = stored.get(mail.key);
    if (!old) {
      inserts.push(row);
      attachments.push(...attachmentRows(mail));
    }
    else if (String(old.ESTADO).trim() === MAIL_PENDING && rowChanged(row, old, OUTBOX_CONTENT_KINDS)) {
      refreshed += ((await refreshMailStatement(trx, t, row)) as unknown[]).length;
    }
  }
  for (const part of chunk(inserts, MAILS_PER_STATEMENT)) await insertMailsStatement(trx, t, part);
  // Attachments only come with new mails (a refresh never changes them); one row per statement: they are large.
  for (const row of attachments) await trx(t.correoAdjunto).insert(row);
  return inserts.length + refreshed;
}
