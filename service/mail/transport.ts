/**
 * How mail leaves: SMTP through nodemailer (password or OAuth2/XOAUTH2 for
 * Microsoft 365 and Gmail), or a dry-run that writes each mail as
 * `<clave>.eml` + `<clave>.html` into a folder instead of sending it.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { formatAddress, singleLine } from './headers';
import type { OutgoingMail } from './outbox-mail';

export type SmtpSecurity = 'starttls' | 'tls' | 'none';

export type SmtpAuth =
  | { type: 'none' }
  | { type: 'password'; user: string; password: string }
  | {
      type: 'oauth2';
      provider: 'microsoft' | 'google';
      user: string;
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      /** Microsoft Entra tenant (id or domain); 'common' when absent. */
      tenantId?: string | null;
    };

export interface SenderConfig {
  from: { name: string; email: string };
  replyTo?: string | null;
  /**
   * Mails to customers (kind 'cliente') go from the company's collections
   * address with its Reply-To; the envelope sender (bounces) is the reply-to
   * address. Absent: they use `from` and `replyTo` like the staff mails.
   */
  customer?: { from: { name: string; email: string }; replyTo: string | null } | null;
}

/** Bare address of a mailbox ('Cobranzas <c@x.com>' → 'c@x.com'). */
function bareAddress(mailbox: string): string {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim();
}

export interface SmtpTransportConfig extends SenderConfig {
  kind: 'smtp';
  host: string;
  port: number;
  /** starttls: plain connection upgraded (required) with STARTTLS, usually 587; tls: implicit TLS, usually 465; none: no encryption. */
  security: SmtpSecurity;
  auth: SmtpAuth;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Accept self-signed server certificates (internal relays only). */
  allowInvalidCertificate?: boolean;
}

export interface DryRunTransportConfig extends SenderConfig {
  kind: 'dry-run';
  folder: string;
}

export type TransportConfig = SmtpTransportConfig | DryRunTransportConfig;

export interface MailTransport {
  /** For logs and the test mail, e.g. 'smtp.office365.com:587 (STARTTLS, OAuth2)'. Never holds secrets. */
  readonly description: string;
  /** Sends one mail; resolves with the server's answer. Errors carry no secrets. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  /** Connects and authenticates without sending (doctor). */
  verify(): Promise<void>;
  close(): void;
}

const MICROSOFT_SCOPE = 'https://outlook.office365.com/SMTP.Send offline_access';

/** nodemailer's options for an SMTP config; kept apart so tests can check them without a server. */
export function smtpOptions(cfg: SmtpTransportConfig) {
  const auth =
    cfg.auth.type === 'password'
      ? { user: cfg.auth.user, pass: cfg.auth.password }
      : cfg.auth.type === 'oauth2'
        ? {
            type: 'OAuth2',
            user: cfg.auth.user,
            clientId: cfg.auth.clientId,
            clientSecret: cfg.auth.clientSecret,
            refreshToken: cfg.auth.refreshToken,
            ...(cfg.auth.provider === 'microsoft'
              ? {
                  accessUrl: `https://login.microsoftonline.com/${encodeURIComponent(cfg.auth.tenantId || 'common')}/oauth2/v2.0/token`,
                  customParams: { scope: MICROSOFT_SCOPE },
                }
              : { accessUrl: 'https://oauth2.googleapis.com/token' }),
          }
        : undefined;
  return {
    host: cfg.host,
    port: cfg.port,
    secure: cfg.security === 'tls',
    requireTLS: cfg.security === 'starttls',
    ignoreTLS: cfg.security === 'none',
    ...(auth ? { auth } : {}),
    connectionTimeout: cfg.connectionTimeoutMs ?? 30_000,
    greetingTimeout: cfg.greetingTimeoutMs ?? 30_000,
    socketTimeout: cfg.socketTimeoutMs ?? 60_000,
    tls: { rejectUnauthorized: !cfg.allowInvalidCertificate, minVersion: 'TLSv1.2' as const },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function secretsOf(cfg: TransportConfig): string[] {
  if (cfg.kind !== 'smtp') return [];
  const a = cfg.auth;
  if (a.type === 'password') return [a.password];
  if (a.type === 'oauth2') return [a.clientSecret, a.refreshToken];
  return [];
}

/** nodemailer codes meaning the server or the account is unusable, not this one message. */
const TRANSPORT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'EOAUTH2', 'ECONNREFUSED', 'EPROXY']);

/** SMTP steps before a message is offered: a failure there is about the server, never about the mail. */
const SESSION_COMMANDS = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS']);

/**
 * A send failure: message safe to store (the server's answer included).
 * - `transportDown`: the server could not be reached or would not talk to us
 *   (refused, timed out, bad greeting, 421, login refused): the mail was not
 *   looked at, so it spends no attempt and the rest of the batch waits too.
 * - `permanent`: the server rejected this mail with a 5xx answer: retrying
 *   the same mail cannot help.
 * Otherwise (4xx, or no answer code) it is a temporary rejection: retried with backoff.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly transportDown: boolean,
    readonly permanent = false,
    /** The server's own answer (e.g. '550 5.1.1 User unknown'), one line, when it gave one. */
    readonly response: string | null = null,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export function toSendError(e: unknown, secrets: readonly string[] = []): MailSendError {
  const err = e as { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown };
  const c = typeof err.code === 'string' ? err.code : null;
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : null;
  const down =
    (c !== null && TRANSPORT_CODES.has(c)) ||
    (typeof err.command === 'string' && SESSION_COMMANDS.has(err.command)) ||
    responseCode === 421; // "service not available, closing transmission channel"
  const permanent = !down && responseCode !== null && responseCode >= 500 && responseCode < 600;
  const response = typeof err.response === 'string' && err.response.trim() ? blank(err.response, secrets, 900) : null;
  return new MailSendError(safeErrorText(e, secrets), c, down, permanent, response);
}

function blank(text: string, secrets: readonly string[], maxLength: number): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return singleLine(out, maxLength);
}

/** Error text fit for the outbox row and logs: one line, secrets blanked out. */
export function safeErrorText(e: unknown, secrets: readonly string[] = []): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  return blank(`${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`, secrets, 1000);
}

const DATA_PNG_SRC = /(<img\b[^>]*?\bsrc=")data:image\/png;base64,([A-Za-z0-9+/=]+)(")/g;

/**
 * Turns `<img src="data:image/png;base64,…">` (charts of the weekly report,
 * stored in the outbox as self-contained HTML) into inline CID attachments:
 * Outlook and Gmail block data: images but show cid: ones.
 */
export function inlineDataImages(html: string): { html: string; attachments: NonNullable<Mail.Options['attachments']> } {
  const attachments: NonNullable<Mail.Options['attachments']> = [];
  const out = html.replace(DATA_PNG_SRC, (_m, before: string, data: string, after: string) => {
    const cid = `grafico${attachments.length + 1}@cadencia`;
    attachments.push({ filename: `grafico${attachments.length + 1}.png`, content: Buffer.from(data, 'base64'), contentType: 'image/png', cid });
    return `${before}cid:${cid}${after}`;
  });
  return { html: out, attachments };
}

/** The message nodemailer builds for one outbox row; headers re-sanitised (defence in depth). */
export function messageOptions(mail: OutgoingMail, sender: SenderConfig): Mail.Options {
  const inline = inlineDataImages(mail.html);
  const toCustomer = mail.kind === 'cliente' && sender.customer ? sender.customer : null;
  const from = toCustomer ? toCustomer.from : sender.from;
  const replyTo = toCustomer ? toCustomer.replyTo : sender.replyTo;
  const attachments = [
    ...inline.attachments,
    ...(mail.attachments ?? []).map((a) => ({ filename: singleLine(a.filename, 200), contentType: a.contentType, content: a.content })),
  ];
  return {
    from: formatAddress(from.email, from.name),
    to: singleLine(mail.to, 320),
    ...(replyTo ? { replyTo: singleLine(replyTo, 320) } : {}),
    // Bounces of a mail to a customer go where its replies go.
    ...(toCustomer ? { envelope: { from: bareAddress(replyTo ?? from.email), to: singleLine(mail.to, 320) } } : {}),
    subject: singleLine(mail.subject, 300),
    text: mail.text,
    html: inline.html,
    ...(attachments.length > 0 ? { attachments } : {}),
    messageId: singleLine(mail.messageId, 300),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function describe(cfg: TransportConfig): string {
  if (cfg.kind === 'dry-run') return `simulación (archivos en ${cfg.folder})`;
  const sec = { starttls: 'STARTTLS', tls: 'TLS', none: 'sin cifrado' }[cfg.security];
  const auth = { none: 'sin autenticación', password: 'usuario y contraseña', oauth2: `OAuth2 ${cfg.auth.type === 'oauth2' ? cfg.auth.provider : ''}`.trim() }[cfg.auth.type];
  return `${cfg.host}:${cfg.port} (${sec}, ${auth})`;
}

/** '<ana@x.com|2026-03-16|resumen>' → 'ana@x.com_2026-03-16_resumen': safe on Windows and Linux. */
export function keySlug(key: string): string {
  return key.replace(/[^A-Za-z0-9.@_-]+/g, '_').replace(/^[._]+/, '').slice(0, 150) || 'correo';
}

function writeAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function createTransport(cfg: TransportConfig): MailTransport {
  const secrets = secretsOf(cfg);
  const description = describe(cfg);
  if (cfg.kind === 'dry-run') {
    const streamer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    return {
      description,
      async send(mail) {
        mkdirSync(cfg.folder, { recursive: true });
        const info = await streamer.sendMail(messageOptions(mail, cfg));
        const base = join(cfg.folder, keySlug(mail.key));
        writeAtomic(`${base}.eml`, info.message as Buffer);
        writeAtomic(`${base}.html`, mail.html);
        return { response: `simulado: ${base}.eml` };
      },
      async verify() {
        mkdirSync(cfg.folder, { recursive: true });
      },
      close() {
        streamer.close();
      },
    };
  }
  const transporter = nodemailer.createTransport(smtpOptions(cfg));
  return {
    description,
    async send(mail) {
      try {
        const info = await transporter.sendMail(messageOptions(mail, cfg));
        return { response: singleLine(String(info.response ?? ''), 1000) };
      } catch (e) {
        throw toSendError(e, secrets);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (e) {
        throw toSendError(e, secrets);
      }
    },
    close() {
      transporter.close();
    },
  };
}
