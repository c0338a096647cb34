/**
 * Issue 15 items 3 and 4, the SQL side on a real T-SQL server: listing and
 * requeueing failed mails (by number, by day, all), the pending mails grouped
 * by their last error (what `estado` shows), an outage postponing a batch
 * with its reason, and the date of the last successful cycle that keeps a
 * cycle from going back in time; a drain through a real SMTP server that
 * answers 5xx and 4xx, then is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upV1 } from '../../connector/addon/schema-v1';
import { addonTables } from '../../connector/addon/tables';
import { drainOutbox, failedMails, outboxStatements, pendingWithErrors, requeueFailed } from '../../service/mail/outbox';
import { createTransport, type MailTransport } from '../../service/mail/transport';
import { closedPort, smtpConfig, startSmtp } from '../mail/helpers';
import { enqueueMail, type OutgoingMail } from '../../service/mail/outbox-mail';
import { lastSuccessfulAsOf } from '../../service/cycle/run-cycle';
import { closeAdmin, createTestDatabase, type TestDatabase } from './harness';

let test: TestDatabase;
const t = addonTables();
const NOW = new Date('2026-03-16T11:00:00Z');

function mail(who: string, date: string): OutgoingMail {
  const key = `${who}@acme.test|${date}|resumen`;
  return {
    key, kind: 'resumen', date, to: `${who}@acme.test`, subject: `Resumen ${who}`, html: '<p>x</p>', text: 'x',
    messageId: `<${who}.${date}@acme.test>`,
  };
}

beforeAll(async () => {
  test = await createTestDatabase('mailretry');
  await upV1(test.db, t); // the add-on tables only: the ERP views need ERP tables this database has not
});
afterAll(async () => {
  await test.drop();
  await closeAdmin();
});

type Row = Record<string, unknown>;

async function states(): Promise<[number, string, number][]> {
  const rows = (await test.db(t.correo).select('ID', 'ESTADO', 'INTENTOS').orderBy('ID')) as Row[];
  return rows.map((r) => [Number(r.ID), String(r.ESTADO), Number(r.INTENTOS)]);
}

describe('failed mails on SQL Server', () => {
  it('a drain through a real SMTP server: 5xx fails at once, 4xx spends one attempt, an outage spends none', async () => {
    const smtp = await startSmtp();
    const transports: MailTransport[] = [];
    try {
      smtp.rejectRecipients.set('rechazo@acme.test', { code: 550, text: '5.1.1 User unknown' });
      smtp.rejectRecipients.set('lleno@acme.test', { code: 452, text: '4.2.2 Mailbox full' });
      for (const who of ['ok', 'rechazo', 'lleno']) await enqueueMail(test.db, t, mail(who, '2026-03-10'), NOW);
      const up = createTransport(smtpConfig(smtp.port));
      transports.push(up);
      expect(await drainOutbox(test.db, t, up, { now: NOW, maxAttempts: 5 })).toEqual({ sent: 1, failed: 2, deferred: 0 });
      const rows = (await test.db(t.correo).select('DESTINATARIO', 'ESTADO', 'INTENTOS', 'RESPUESTA').orderBy('ID')) as Row[];
      expect(rows.map((r) => [r.DESTINATARIO, r.ESTADO, Number(r.INTENTOS), r.RESPUESTA])).toEqual([
        ['ok@acme.test', 'enviado', 0, expect.stringMatching(/^250/)],
        ['rechazo@acme.test', 'fallido', 1, 'Rechazado por el servidor (definitivo, no se reintenta): 550 5.1.1 User unknown'],
        ['lleno@acme.test', 'pendiente', 1, 'Rechazado por el servidor (temporal): 452 4.2.2 Mailbox full'],
      ]);

      const down = createTransport(smtpConfig(await closedPort()));
      transports.push(down);
      const later = new Date(NOW.getTime() + 60_000);
      const result = await drainOutbox(test.db, t, down, { now: later, maxAttempts: 5 });
      expect(result).toMatchObject({ sent: 0, failed: 0, deferred: 1 });
      const waiting = (await test.db(t.correo).where('DESTINATARIO', 'lleno@acme.test').first('ESTADO', 'INTENTOS', 'RESPUESTA')) as Row;
      expect([waiting.ESTADO, Number(waiting.INTENTOS)]).toEqual(['pendiente', 1]);
      expect(String(waiting.RESPUESTA)).toMatch(/^Servidor de correo no disponible: .*ECONNREFUSED/);
    } finally {
      for (const tr of transports) tr.close();
      await smtp.close();
      await test.db(t.correo).delete();
    }
  });

  it('lists, groups and requeues failed mails by number, by day and all', async () => {
    for (const [who, date] of [['a', '2026-03-13'], ['b', '2026-03-13'], ['c', '2026-03-16'], ['d', '2026-03-16'], ['e', '2026-03-16']] as const) {
      expect(await enqueueMail(test.db, t, mail(who, date), NOW)).toBe(true);
    }
    const ids = (await states()).map(([id]) => id);
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    const rejected = 'Rechazado por el servidor (definitivo, no se reintenta): 550 5.1.1 User unknown';
    await test.db(t.correo).update({ ESTADO: 'fallido', INTENTOS: 1, RESPUESTA: rejected }).whereIn('ID', [a, b, c]);
    // An outage postpones d and e with its reason, attempts untouched.
    const down = 'Servidor de correo no disponible: ESOCKET: connect ECONNREFUSED 127.0.0.1:25';
    await outboxStatements.postpone(test.db, t, [d, e], new Date(NOW.getTime() + 60_000), down);
    expect(await pendingWithErrors(test.db, t)).toEqual([{ reason: down, n: 2 }]);

    const failed = await failedMails(test.db, t);
    expect(failed.map((f) => [f.ID, String(f.DESTINATARIO), Number(f.INTENTOS), f.RESPUESTA])).toEqual([
      [a, 'a@acme.test', 1, rejected], [b, 'b@acme.test', 1, rejected], [c, 'c@acme.test', 1, rejected],
    ]);
    expect((await failedMails(test.db, t, { date: '2026-03-16' })).map((f) => f.ID)).toEqual([c]);

    expect((await requeueFailed(test.db, t, { ids: [b] })).map((f) => f.ID)).toEqual([b]);
    expect(await states()).toEqual([[a, 'fallido', 1], [b, 'pendiente', 0], [c, 'fallido', 1], [d, 'pendiente', 0], [e, 'pendiente', 0]]);
    expect((await requeueFailed(test.db, t, { date: '2026-03-13' })).map((f) => f.ID)).toEqual([a]);
    expect((await requeueFailed(test.db, t, { date: '2026-03-13' }))).toEqual([]);
    expect((await requeueFailed(test.db, t)).map((f) => f.ID)).toEqual([c]);
    expect((await states()).map(([, s, n]) => [s, n])).toEqual(Array(5).fill(['pendiente', 0]));
    const due = (await test.db(t.correo).select('ID').where('ESTADO', 'pendiente').whereNull('PROXIMO_INTENTO').orderBy('ID')) as Row[];
    expect(due.map((r) => Number(r.ID))).toEqual([a, b, c]);
    // The requeued ones keep their last answer until the next attempt: estado groups them with the outage ones.
    expect(await pendingWithErrors(test.db, t)).toEqual([{ reason: rejected, n: 3 }, { reason: down, n: 2 }]);
  });

  it('the last successful cycle date ignores failed and running cycles and other companies', async () => {
    expect(await lastSuccessfulAsOf(test.db, t, 'acme')).toBeNull();
    // Rows as the cycle log leaves them (startRun's OUTPUT id is the stand-in's difference, left to the cycle's own T-SQL work).
    const run = (company: string, asOf: string, status: string) =>
      test.db(t.ejecucion).insert({ EMPRESA: company, FECHA_CORTE: asOf, INICIO: NOW, FIN: NOW, ESTADO: status });
    await run('acme', '2026-03-16', 'ok');
    await run('acme', '2026-03-09', 'ok');
    await run('acme', '2026-03-20', 'error');
    await run('acme', '2026-03-23', 'en_curso');
    await run('otra', '2026-04-01', 'ok');
    expect(await lastSuccessfulAsOf(test.db, t, 'acme')).toBe('2026-03-16');
    expect(await lastSuccessfulAsOf(test.db, t, 'otra')).toBe('2026-04-01');
  });
});
