/** The mail transport the configuration asks for: SMTP, or files in a folder (dry run). */
import type { AppConfig } from './config';
import { createTransport, type MailTransport, type TransportConfig } from './mail/transport';

/** 'Cobranzas <cobranzas@empresa.com.ar>' or a bare address → name and email. */
export function parseMailbox(text: string): { name: string; email: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (m) return { name: m[1]!.replace(/^"|"$/g, ''), email: m[2]! };
  return { name: '', email: text.trim() };
}

export function transportConfigOf(config: AppConfig): TransportConfig {
  const mail = config.mail;
  const sender = {
    from: parseMailbox(mail.from),
    replyTo: mail.replyTo,
    customer: { from: parseMailbox(mail.customerFrom ?? mail.from), replyTo: mail.customerReplyTo ?? mail.replyTo },
  };
  if (mail.mode === 'carpeta' || !mail.smtp) {
    return { kind: 'dry-run', folder: mail.folder ?? 'correo', ...sender };
  }
  const s = mail.smtp;
  const auth =
    s.auth.type === 'ninguna'
      ? ({ type: 'none' } as const)
      : s.auth.type === 'clave'
        ? ({ type: 'password', user: s.auth.user, password: s.auth.password } as const)
        : ({
            type: 'oauth2',
            provider: s.auth.provider,
            user: s.auth.user,
            clientId: s.auth.clientId,
            clientSecret: s.auth.clientSecret,
            refreshToken: s.auth.refreshToken,
            tenantId: s.auth.tenant ?? null,
          } as const);
  return {
    kind: 'smtp',
    host: s.host,
    port: s.port,
    security: s.security === 'ninguna' ? 'none' : s.security,
    auth,
    connectionTimeoutMs: s.timeoutMs,
    greetingTimeoutMs: s.timeoutMs,
    socketTimeoutMs: s.timeoutMs,
    ...sender,
  };
}

export function transportFor(config: AppConfig): MailTransport {
  return createTransport(transportConfigOf(config));
}
