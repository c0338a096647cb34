/** Sends what the outbox holds. Digests of the day wait for the configured hour when asked to. */
import { toIsoDate } from '../../connector/addon/dates';
import { timeIn, todayIn } from '../clock';
import type { CompanyContext } from '../context';
import { drainOutbox, type DrainResult } from '../mail/outbox';
import type { MailTransport } from '../mail/transport';

export interface SendOptions {
  now: Date;
  /** Service mode: today's digests leave at `resumen_hora`, not before. */
  respectDigestHour: boolean;
}

export async function sendOutbox(ctx: CompanyContext, transport: MailTransport, opts: SendOptions): Promise<DrainResult> {
  const { timeZone } = ctx.config.calendar;
  const today = todayIn(timeZone, opts.now);
  const notBefore = opts.respectDigestHour
    ? (row: { TIPO: string; FECHA: string | Date }) =>
        row.TIPO !== 'resumen' || (toIsoDate(row.FECHA) ?? today) < today || timeIn(timeZone, opts.now) >= ctx.config.schedule.digestAt
    : undefined;
  const result = await drainOutbox(ctx.db, ctx.tables, transport, {
    now: opts.now,
    maxAttempts: ctx.config.mail.maxAttempts,
    ...(notBefore ? { notBefore } : {}),
  });
  if (result.sent + result.failed > 0) {
    ctx.logger.info(`correo enviados=${result.sent} fallidos=${result.failed} en_espera=${result.deferred} via=${transport.description}`);
  }
  if (result.serverDown) {
    ctx.logger.warn(
      `correo: el servidor ${transport.description} no está disponible (${result.serverDown}); ` +
        `${result.deferred} correo(s) esperan al próximo envío sin gastar intentos`,
    );
  }
  return result;
}
