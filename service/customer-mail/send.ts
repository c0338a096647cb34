/**
 * A reminder to a customer by e-mail: what goes out and how it is queued.
 * Shared by «Enviar por correo» of the worklist and by the automatic sender.
 *
 * - composeCustomerReminder builds the mail from the e-mail message of the
 *   customer's leading step exactly as the day's digest and the Cliente page
 *   show it (customer-messages.ts: same step, figures and signature), with the
 *   account statement PDF of the Cliente page attached; or a Problem, one
 *   Spanish line, when nothing may be sent (no address, paused, suppressed,
 *   nothing due today…). Nothing is written.
 * - queueCustomerReminder writes, in one transaction: the outbox row and its
 *   attachment (key `cliente|<code>|<step>|<day>`: the same reminder is never
 *   queued twice, whoever asks), the contact (COB_CONTACTO, RESULTADO
 *   'contactado', CANAL 'email'), the task done when asked, and the audit
 *   rows. When the key is already in the outbox it writes nothing at all.
 *
 * The contact's outcome is 'contactado' because the cadence must count a
 * reminder sent as a contact (caps, the next step's spacing, the history a
 * letter quotes); CANAL 'email' and the note tell that it was a mail sent,
 * not a conversation.
 */
import type { Knex } from 'knex';
import { recordContact } from '../../connector/addon/staff-input';
import type { IsoDate } from '../../rules/types';
import type { CompanyContext } from '../context';
import { readCustomerAsOf } from '../cycle/state-as-of';
import { textToHtml } from '../mail/html-text';
import { messageVarsFor, renderCustomerMessage } from '../mail/render';
import { companyInfo } from '../cycle/digests';
import { customerMailKey, domainOf, enqueueMail, messageIdFor, type MailAttachment, type OutgoingMail } from '../mail/outbox-mail';
import { singleLine } from '../mail/headers';
import { parseMailbox } from '../mail-transport';
import { accountOf } from '../web/customer-account';
import { readyMessages } from '../web/customer-messages';
import { statementPdf, statementTotals } from '../web/pdf';
import { fileSafe, statementOf } from '../web/statement';
import { audit } from '../web/store';
import { customerRecipients } from './recipients';

/** Why a reminder cannot go, in one Spanish line. */
export interface Problem {
  problem: string;
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && typeof (x as Problem).problem === 'string';
}

export interface CustomerReminder {
  code: string;
  name: string;
  /** The day it is for (the outbox key's day). */
  asOf: IsoDate;
  /** Valid addresses it goes to. */
  to: string[];
  /** Addresses found but invalid: reported, never tried. */
  invalid: string[];
  /** Where the addresses come from: the collections contact of the add-on, or the ERP. */
  source: 'cobranza' | 'erp';
  subject: string;
  text: string;
  html: string;
  /** The account statement PDF. */
  attachment: MailAttachment;
  /** The «Saldo a reclamar» the statement prints. */
  claimed: number;
  stepId: string;
  taskId: number | null;
  /** Whether the leading step has an e-mail channel (false: the step's template rendered for e-mail). */
  fromStep: boolean;
  /** Who signs it (the leading step's owner). */
  signedBy: string;
}

/** Most characters the outbox keeps for the recipients (COB_CORREO.DESTINATARIO). */
const MAX_TO = 320;

const FLAG_PROBLEM: Record<string, string> = {
  NO_CONTACTAR: 'está marcado «no contactar»',
  EN_DISPUTA: 'está en disputa',
  GESTION_JUDICIAL: 'está en gestión judicial',
};

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

/** The pending task of the step (the customer read alone does not always carry its id). */
async function stepTaskOf(ctx: CompanyContext, code: string, stepId: string, asOf: IsoDate): Promise<number | null> {
  const row = (await ctx.db(ctx.tables.tarea)
    .select('ID')
    .where({ COD_CLIENT: code, PASO: stepId, ESTADO: 'pendiente' })
    .andWhere('FECHA', '<=', asOf)
    .orderBy('ID', 'desc')
    .first()) as { ID: unknown } | undefined;
  return row ? Number(row.ID) : null;
}

/** The reminder due today for the customer, or why there is none. Writes nothing. */
export async function composeCustomerReminder(ctx: CompanyContext, code: string, asOf: IsoDate): Promise<CustomerReminder | Problem> {
  const wanted = code.trim();
  const found = await readCustomerAsOf(ctx, wanted, asOf);
  if (!found) return { problem: `No existe el cliente ${wanted}.` };
  const name = found.read.customer.name;
  const flags = (await ctx.db(ctx.tables.cliente)
    .select('NO_CONTACTAR', 'EN_DISPUTA', 'GESTION_JUDICIAL')
    .where('COD_CLIENT', wanted)
    .first()) as Record<string, unknown> | undefined;
  for (const [column, why] of Object.entries(FLAG_PROBLEM)) {
    if (flags && truthy(flags[column])) return { problem: `${name} ${why}: no se le manda ningún recordatorio.` };
  }
  const account = accountOf(ctx, found, asOf);
  const ready = readyMessages(ctx, found, asOf);
  if (!ready) {
    const held = account.today.suppressed[0];
    return { problem: held ? `${name}: ${held.detail}` : `${name} no tiene hoy un paso pendiente: no hay recordatorio para mandar.` };
  }
  const { item, assignee } = ready.entry;
  if (item.pause) return { problem: `${name} está en pausa: ${item.pause}` };
  const recipients = await customerRecipients(ctx.db, ctx.tables, wanted, found.read.customer.email);
  if (recipients.source === null) return { problem: `${name} no tiene correo: cárguelo en el ERP o como contacto de cobranza.` };
  if (recipients.valid.length === 0) {
    return { problem: `${name} no tiene un correo válido (${recipients.invalid.map((a) => `«${a}»`).join(', ')}): corríjalo en el ERP o cargue un contacto de cobranza.` };
  }
  if (recipients.valid.join(', ').length > MAX_TO) {
    return { problem: `${name} tiene demasiadas direcciones de correo (más de ${MAX_TO} caracteres): cargue un contacto de cobranza.` };
  }
  const own = ready.channels.find((c) => c.esEmail);
  let subject: string;
  let text: string;
  if (own) {
    subject = own.asunto ?? '';
    text = own.texto;
  } else {
    // The step has no e-mail channel: the same template and figures, written for e-mail.
    const msg = renderCustomerMessage(ctx.templates, item.template, 'email', messageVarsFor(item, asOf, { company: companyInfo(ctx) }, assignee.name));
    subject = msg.subject ?? '';
    text = msg.text;
  }
  const statement = statementOf(ctx, account);
  const taskId = item.taskId ?? (await stepTaskOf(ctx, wanted, item.stepId, asOf));
  const content = await statementPdf(statement);
  return {
    code: wanted,
    name,
    asOf,
    to: recipients.valid,
    invalid: recipients.invalid,
    source: recipients.source,
    subject: singleLine(subject, 300),
    text,
    html: textToHtml(text),
    attachment: { filename: `estado-de-cuenta-${fileSafe(wanted)}-${asOf}.pdf`, contentType: 'application/pdf', content },
    claimed: statementTotals(statement).claimed,
    stepId: item.stepId,
    taskId,
    fromStep: own !== undefined,
    signedBy: assignee.name,
  };
}

/** The outbox row of a reminder (kind 'cliente', key per customer, step and day). */
export function reminderMail(ctx: CompanyContext, r: CustomerReminder): OutgoingMail {
  const key = customerMailKey(r.code, r.stepId, r.asOf);
  return {
    key,
    kind: 'cliente',
    date: r.asOf,
    to: r.to.join(', '),
    subject: r.subject,
    html: r.html,
    text: r.text,
    messageId: messageIdFor(key, domainOf(parseMailbox(ctx.config.mail.customerFrom ?? ctx.config.mail.from).email)),
    attachments: [r.attachment],
  };
}

/** Who a contact, a task and the audit name for the automatic sender. */
export const AUTOMATIC_USER = 'automatico';

export interface QueueOptions {
  /** The worklist user's e-mail; null for the automatic sender. */
  user: string | null;
  now: Date;
  /** Close the task of the step as done (ESTADO 'cerrada', MOTIVO_CIERRE 'hecha'). */
  markDone: boolean;
}

export interface QueueResult {
  /** False when the same reminder (customer, step, day) was already queued: nothing was written. */
  queued: boolean;
  /** The COB_CONTACTO row written, or null. */
  contactId: number | null;
  /** The outbox key. */
  key: string;
}

type Row = Record<string, unknown>;

/** Queues the reminder, records the contact, closes the task (when asked) and audits it, in one transaction. */
export async function queueCustomerReminder(ctx: CompanyContext, r: CustomerReminder, opts: QueueOptions): Promise<QueueResult> {
  const t = ctx.tables;
  const who = (opts.user ?? AUTOMATIC_USER).toLowerCase();
  const mail = reminderMail(ctx, r);
  return ctx.db.transaction(async (trx: Knex.Transaction) => {
    if (!(await enqueueMail(trx, t, mail, opts.now))) return { queued: false, contactId: null, key: mail.key };
    const taskId = r.taskId !== null
      && (await trx(t.tarea).where('ID', r.taskId).andWhere('COD_CLIENT', r.code).first('ID')) ? r.taskId : null;
    const contactId = await recordContact(trx, t, {
      customerCode: r.code, on: r.asOf, outcome: 'contactado', taskId, user: who, channel: 'email',
      note: `Recordatorio por correo (paso ${r.stepId}) a ${r.to.join(', ')}, con el estado de cuenta.`,
    }, opts.now);
    await audit(trx, t, {
      user: who, action: 'correo_cliente', customer: r.code, taskId,
      after: { clave: mail.key, cliente: r.name, para: r.to, invalidos: r.invalid, asunto: r.subject, adjunto: r.attachment.filename, contacto: contactId },
    }, opts.now);
    if (opts.markDone && taskId !== null) {
      const task = (await trx(t.tarea).select('ID', 'PASO', 'ESTADO').where('ID', taskId).andWhere('ESTADO', 'pendiente').first()) as Row | undefined;
      if (task) {
        await trx(t.tarea)
          .update({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: who, CERRADA: opts.now })
          .where('ID', taskId).andWhere('ESTADO', 'pendiente');
        await audit(trx, t, {
          user: who, action: 'tarea_hecha', customer: r.code, taskId,
          before: { id: taskId, paso: String(task.PASO ?? '').trim(), estado: 'pendiente' },
          after: { id: taskId, estado: 'cerrada', motivoCierre: 'hecha', hechaPor: who },
          reason: `Recordatorio enviado por correo (contacto n.º ${contactId}).`,
        }, opts.now);
      }
    }
    return { queued: true, contactId, key: mail.key };
  });
}
