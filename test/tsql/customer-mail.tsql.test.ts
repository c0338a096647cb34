/**
 * A reminder to a customer on a real T-SQL server and a real SMTP server:
 * composeCustomerReminder / queueCustomerReminder write the outbox row, its
 * PDF (CORREO_ADJUNTO), the contact by e-mail, the task done and the audit in
 * one transaction, once per customer, step and day; the drain sends the mail
 * with the PDF, From/Reply-To the collections address and bounces to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_START } from '../../service/cli/commands-demo';
import { type CompanyContext } from '../../service/context';
import { setCollectionsEmail } from '../../service/customer-mail/recipients';
import { composeCustomerReminder, isProblem, queueCustomerReminder } from '../../service/customer-mail/send';
import { runCycle } from '../../service/cycle/run-cycle';
import { transportFor } from '../../service/mail-transport';
import { drainOutbox } from '../../service/mail/outbox';
import { morningOf, smtpMail } from '../e2e/helpers';
import { startSmtp, type TestSmtp } from '../mail/helpers';
import { openTsqlDemoCompany, type TsqlCompany } from './demo-company';

type Row = Record<string, unknown>;
const NOW = new Date(`${DEMO_START}T11:30:00Z`);

describe('Reminders to customers on T-SQL', () => {
  let company: TsqlCompany;
  let ctx: CompanyContext;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
    company = await openTsqlDemoCompany('custmail', { configure: (c) => ({ ...c, mail: smtpMail(c, smtp.port) }) });
    ({ ctx } = company);
    await runCycle(ctx, { asOf: DEMO_START, now: () => morningOf(DEMO_START) });
    await ctx.db(ctx.tables.correo).update({ ESTADO: 'enviado' }); // the staff digests are not this test's business
  }, 300_000);

  afterAll(async () => {
    await company?.close();
    await smtp?.close();
  });

  it('queues once, records the contact by e-mail, closes the task and sends the PDF from the collections address', async () => {
    await setCollectionsEmail(ctx.db, ctx.tables, '000032', 'pagos@rossi.com.ar', NOW);
    const r = await composeCustomerReminder(ctx, '000032', DEMO_START);
    if (isProblem(r)) throw new Error(r.problem);
    expect(r.to).toEqual(['pagos@rossi.com.ar']);
    const first = await queueCustomerReminder(ctx, r, { user: 'laura.gomez@distribuidora-ejemplo.com.ar', now: NOW, markDone: true });
    const again = await queueCustomerReminder(ctx, r, { user: null, now: NOW, markDone: true });
    expect(first.queued).toBe(true);
    expect(again.queued).toBe(false);
    const contacts = (await ctx.db(ctx.tables.contacto).whereRaw('RTRIM(COD_CLIENT) = ?', ['000032'])) as Row[];
    expect(contacts.map((c) => [c.RESULTADO, c.CANAL, c.USUARIO, c.TAREA_ID])).toEqual([
      ['contactado', 'email', 'laura.gomez@distribuidora-ejemplo.com.ar', r.taskId],
    ]);
    const task = (await ctx.db(ctx.tables.tarea).where('ID', r.taskId!).first()) as Row;
    expect(task).toMatchObject({ ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: 'laura.gomez@distribuidora-ejemplo.com.ar' });

    const transport = transportFor(ctx.config);
    try {
      expect(await drainOutbox(ctx.db, ctx.tables, transport, { now: NOW, maxAttempts: 3 })).toMatchObject({ sent: 1, failed: 0 });
    } finally {
      transport.close();
    }
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.rcptTo).toEqual(['pagos@rossi.com.ar']);
    expect(got.mailFrom).toBe('cobranzas@distribuidora-ejemplo.com.ar');
    expect(got.mail.replyTo?.value[0]?.address).toBe('cobranzas@distribuidora-ejemplo.com.ar');
    const pdf = got.mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`estado-de-cuenta-000032-${DEMO_START}.pdf`);
    expect(pdf!.content.equals(r.attachment.content)).toBe(true);
  });
});
