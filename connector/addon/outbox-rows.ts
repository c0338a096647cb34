/**
 * The mail outbox (COB_CORREO) rows the write side queues. The sender (another
 * module) picks rows in ESTADO 'pendiente'; here they are only inserted, or
 * refreshed while still unsent.
 */
import type { IsoDate } from '../../rules/types';
import type { ColumnKind } from './row-compare';
import { fitText } from './text-fit';

export type MailKind = 'resumen' | 'escalamiento' | 'prueba' | 'semanal' | 'enlace' | 'cliente';

/** A file sent with a mail (the statement PDF of a reminder), kept in CORREO_ADJUNTO until sent. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  /** Natural key, unique in COB_CORREO.CLAVE, e.g. `${assignee}|${date}|resumen`. */
  key: string;
  kind: MailKind | string;
  date: IsoDate;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  /** Files sent with the mail (stored in CORREO_ADJUNTO with the mail's CLAVE). */
  attachments?: MailAttachment[];
}

export const MAIL_PENDING = 'pendiente';

export const OUTBOX_INSERT_COLUMNS = [
  'CLAVE', 'TIPO', 'FECHA', 'DESTINATARIO', 'ASUNTO', 'CUERPO_HTML', 'CUERPO_TEXTO', 'MESSAGE_ID',
  'ESTADO', 'INTENTOS', 'CREADO',
] as const;

/** Content a still-pending row takes from a newer version of the same mail. */
export const OUTBOX_CONTENT_KINDS: Record<string, ColumnKind> = {
  DESTINATARIO: 'text',
  ASUNTO: 'text',
  CUERPO_HTML: 'text',
  CUERPO_TEXTO: 'text',
};

export function outboxRow(mail: OutgoingMail, now: Date): Record<string, unknown> {
  return {
    CLAVE: mail.key,
    TIPO: fitText(mail.kind, 20),
    FECHA: mail.date,
    DESTINATARIO: fitText(mail.to, 320),
    ASUNTO: fitText(mail.subject, 300),
    CUERPO_HTML: mail.html,
    CUERPO_TEXTO: mail.text,
    MESSAGE_ID: fitText(mail.messageId, 300),
    ESTADO: MAIL_PENDING,
    INTENTOS: 0,
    CREADO: now,
  };
}

/** The CORREO_ADJUNTO rows of a mail's attachments. */
export function attachmentRows(mail: OutgoingMail): Record<string, unknown>[] {
  return (mail.attachments ?? []).map((a) => ({
    CORREO_CLAVE: mail.key,
    NOMBRE: fitText(a.filename, 200),
    TIPO: fitText(a.contentType, 100),
    CONTENIDO: a.content.toString('base64'),
  }));
}
