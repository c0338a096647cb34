/**
 * The one typed object the INI becomes. Everything the service needs from the
 * configuration file lives here, validated and with defaults applied.
 */
import type { ConnectionConfig } from '../../connector/connection';
import type { CalendarSettings, RuleSettings } from '../../rules/types';

export interface Person {
  name: string;
  email: string;
}

export type SmtpAuth =
  | { type: 'ninguna' }
  | { type: 'clave'; user: string; password: string }
  | {
      type: 'oauth2';
      user: string;
      clientId: string;
      clientSecret: string;
      refreshToken: string;
      tenant?: string | null;
      provider: 'microsoft' | 'google';
    };

export interface SmtpConfig {
  host: string;
  port: number;
  security: 'starttls' | 'tls' | 'ninguna';
  auth: SmtpAuth;
  timeoutMs: number;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** [web]: the worklist the service serves to staff. */
export interface WebConfig {
  enabled: boolean;
  host: string;
  port: number;
  /** Address staff open, as written in mails; null: http://<this computer's name>:<port>. */
  publicUrl: string | null;
  tls: { kind: 'pem'; certFile: string; keyFile: string } | { kind: 'pfx'; pfxFile: string; passphrase: string | null } | null;
  linkHours: number;
  sessionHours: number;
  /** E-mails of the users with the administrator role (besides those set with `cadencia usuarios`). */
  admins: string[];
}

export interface AppConfig {
  /** Absolute path of the INI. */
  file: string;
  company: {
    id: string;
    name: string;
    paymentInstructions: string;
    paymentLink: string | null;
    phone: string | null;
    email: string | null;
  };
  erp: {
    /** Which ERP tables the reads know: Tango Gestión, Bejerman, or the CADENCIA_* views of any other ERP. */
    profile: 'tango' | 'bejerman' | 'vistas';
    connection: ConnectionConfig;
    tablePrefix: string;
  };
  mail: {
    /** 'carpeta' = dry run: messages are written as .eml/.html files into `folder`. */
    mode: 'smtp' | 'carpeta';
    folder: string | null;
    /** Set when mode is 'smtp', null otherwise. */
    smtp: SmtpConfig | null;
    from: string;
    replyTo: string | null;
    /** Sender of the reminders to customers ([correo] remitente_clientes; default: from). */
    customerFrom: string;
    /** Reply-To (and envelope sender, for bounces) of the reminders to customers; default: replyTo, else [empresa] email. */
    customerReplyTo: string | null;
    templatesFolder: string | null;
    maxAttempts: number;
    /** Most customers listed in full in one digest; the rest are counted and left to the ERP views. */
    maxDigestCustomers: number;
  };
  schedule: {
    cycleEveryMinutes: number;
    /** Business hours 'HH:MM'. */
    from: string;
    to: string;
    digestAt: string;
    outboxEveryMinutes: number;
  };
  rules: RuleSettings;
  calendar: CalendarSettings;
  staff: {
    /** Seller code (trimmed) → person. */
    sellers: Record<string, Person>;
    collector: Person;
    supervisor: Person;
    /** Who gets the tasks of sellers with no mapping ('**', unknown codes). */
    fallback: 'cobrador' | 'supervisor';
  };
  logs: { folder: string; retentionDays: number; level: LogLevel };
  web: WebConfig;
  /** One Spanish line per INI key that is accepted but does nothing any more (file:line: [section] key: …). */
  warnings: string[];
}
