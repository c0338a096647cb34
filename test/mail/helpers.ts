/** Test helpers: a real SMTP server on 127.0.0.1 and a fresh add-on database in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
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
}

export interface TestSmtp {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ mail, raw: raw.toString('utf8'), rcptTo: session.envelope.rcptTo.map((r) => r.address) });
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
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
