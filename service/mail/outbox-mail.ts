/**
 * The content of an outbox row (COB_CORREO): natural key, stable Message-ID
 * and the rendered mail. The cycle's writer (connector/addon/apply-plan.ts)
 * inserts `outboxRow(...)` in the same transaction as the tasks; `enqueueMail`
 * does the same on its own (test mail, CLI, tests). Either way the unique
 * index on CLAVE makes queueing idempotent: one mail per key, ever.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { AddonTables } from '../../connector/addon/tables';
import type { IsoDate } from '../../rules/types';
import { formatAddress, singleLine } from './headers';
import { attachmentRows, outboxRow, type MailKind, type OutgoingMail } from '../../connector/addon/outbox-rows';
import type { RenderedMail } from './types';

// The outbox row's shape lives with the other add-on rows; the mail side only fills it.
export type { MailAttachment, MailKind, OutgoingMail } from '../../connector/addon/outbox-rows';
export { outboxRow } from '../../connector/addon/outbox-rows';

/**
 * Natural key of a mail: assignee|date|kind (lower-cased address). `extra`
 * tells apart mails of the same kind that may repeat in a day (test mails).
 */
export function outboxKey(assigneeEmail: string, date: IsoDate, kind: MailKind, extra?: string): string {
  const base = `${assigneeEmail.trim().toLowerCase()}|${date}|${kind}`;
  return extra ? `${base}|${singleLine(extra, 40)}` : base;
}

/**
 * Natural key of a reminder to a customer: one per customer, step and day,
 * whoever queues it (the worklist or the automatic sender), so the same
 * reminder is never queued twice.
 */
export function customerMailKey(customerCode: string, stepId: string, date: IsoDate): string {
  return `cliente|${singleLine(customerCode, 40)}|${singleLine(stepId, 60)}|${date}`;
}

/** Stable Message-ID derived from the key: a resend carries the same id, so clients de-duplicate. */
export function messageIdFor(key: string, domain: string): string {
  const d = domain.trim().toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(d)) throw new Error(`Dominio inválido para Message-ID: «${singleLine(domain, 80)}».`);
  return `<${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}@${d}>`;
}

/** Domain of an address ('cobranzas@empresa.com.ar' → 'empresa.com.ar'), for Message-IDs. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase() || 'cadencia.local';
}

export function toOutgoingMail(args: {
  kind: MailKind;
  date: IsoDate;
  to: { name: string | null; email: string };
  mail: RenderedMail;
  /** Message-ID domain: the sender's domain. */
  domain: string;
  /** See outboxKey. */
  keyExtra?: string;
}): OutgoingMail {
  const key = outboxKey(args.to.email, args.date, args.kind, args.keyExtra);
  return {
    key,
    kind: args.kind,
    date: args.date,
    to: formatAddress(args.to.email, args.to.name),
    subject: singleLine(args.mail.subject, 300),
    html: args.mail.html,
    text: args.mail.text,
    messageId: messageIdFor(key, args.domain),
  };
}

/**
 * INSERT … SELECT … WHERE NOT EXISTS on the key (no MERGE): one statement,
 * idempotent. The unique index still guards a race between two writers.
 */
export function insertIfAbsent(db: Knex | Knex.Transaction, t: AddonTables, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  const values = db
    .select(columns.map((c) => db.raw('? as ??', [(row[c] ?? null) as Knex.Value, c])))
    .whereNotExists(db(t.correo).select(db.raw('1')).where('CLAVE', row.CLAVE as string));
  return db.into(db.raw(`?? (${columns.map(() => '??').join(', ')})`, [t.correo, ...columns])).insert(values);
}

/**
 * Queues a mail unless its key is already in the outbox. Resolves true when it
 * was added. Its attachments go in CORREO_ADJUNTO (with the mail's CLAVE); pass
 * a transaction so the mail and its attachments are written together.
 */
export async function enqueueMail(db: Knex | Knex.Transaction, t: AddonTables, mail: OutgoingMail, now: Date): Promise<boolean> {
  const before = await db(t.correo).where('CLAVE', mail.key).first('ID');
  if (before) return false;
  try {
    await insertIfAbsent(db, t, outboxRow(mail, now));
  } catch (e) {
    // Lost a race with another writer: the unique index kept the mail single.
    if (/UNIQUE|duplicate key|2627|2601/i.test(String((e as Error).message))) return false;
    throw e;
  }
  for (const row of attachmentRows(mail)) await db(t.correoAdjunto).insert(row);
  return true;
}
