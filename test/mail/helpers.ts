/** Test helpers: a real SMTP server on 127.0.0.1 and a fresh add-on database in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../../connector/connection';
import { upV1 } from '../../connector/addon/schema-v1';
import { addonTables, type AddonTables } from '../../connector/addon/tables';
import type { SmtpTransportConfig } from '../../service/mail/transport';

export interface Received {
  mail: ParsedMail;
  raw: string;
  rcptTo: string[];
  /** The envelope sender (MAIL FROM): where bounces go. */
  mailFrom: string | null;
}

/** An SMTP reply the test server gives instead of accepting, e.g. { code: 550, text: '5.1.1 No existe' }. */
export interface SmtpAnswer {
  code: number;
  text: string;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Recipients the server refuses at RCPT TO, and with what answer (change it at any time). */
  rejectRecipients: Map<string, SmtpAnswer>;
  /** When set, every connection is greeted with this answer (e.g. 421) and closed. */
  refuseGreeting: SmtpAnswer | null;
  close(): Promise<void>;
}

function smtpError(answer: SmtpAnswer): Error {
  return Object.assign(new Error(answer.text), { responseCode: answer.code });
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = [];
  const rejectRecipients = new Map<string, SmtpAnswer>();
  const state = { refuseGreeting: null as SmtpAnswer | null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      callback(state.refuseGreeting ? smtpError(state.refuseGreeting) : undefined);
    },
    onRcptTo(address, _session, callback) {
      const answer = rejectRecipients.get(address.address.toLowerCase());
      callback(answer ? smtpError(answer) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ mail, raw: raw.toString('utf8'), rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null });
            callback(null);
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    rejectRecipients,
    get refuseGreeting() {
      return state.refuseGreeting;
    },
    set refuseGreeting(answer: SmtpAnswer | null) {
      state.refuseGreeting = answer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word (an SMTP server hung before its greeting). */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (srv.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken from the OS, then released). */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export function smtpConfig(port: number): SmtpTransportConfig {
  return {
    kind: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'none',
    auth: { type: 'none' },
    from: { name: 'Cobranzas ACME', email: 'cobranzas@acme.test' },
    replyTo: 'administracion@acme.test',
    connectionTimeoutMs: 3_000,
    greetingTimeoutMs: 3_000,
    socketTimeoutMs: 5_000,
  };
}

export interface TestDb {
  dir: string;
  db: Knex;
  t: AddonTables;
  cleanup(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'cadencia-mail-'));
  const db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
  const t = addonTables();
  await upV1(db, t);
  return {
    dir,
    db,
    t,
    cleanup: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
