/** `correo probar` and `correo vista-previa`. */
import { resolve } from 'node:path';
import { migrate } from '../../connector/addon/migrations';
import { companyInfo } from '../cycle/digests';
import { sendOutbox } from '../cycle/send-outbox';
import { domainOf, enqueueMail, toOutgoingMail } from '../mail/outbox-mail';
import { writePreviews } from '../mail/preview';
import { renderTestMail } from '../mail/render';
import { parseMailbox, transportFor } from '../mail-transport';
import { readConfig, UsageError, withCompany, type GlobalOptions } from './common';
import { todayIn } from '../clock';

export async function mailTest(to: string, opts: GlobalOptions): Promise<void> {
  const target = parseMailbox(to);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(target.email)) throw new UsageError(`Dirección de correo inválida: «${to}».`);
  await withCompany(opts, async (ctx) => {
    await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
    const transport = transportFor(ctx.config);
    try {
      const now = new Date();
      const rendered = await renderTestMail(ctx.templates, {
        company: companyInfo(ctx), to: { name: target.name || target.email, email: target.email }, sentAt: now,
        serverDescription: transport.description,
      });
      const mail = toOutgoingMail({
        kind: 'prueba', date: todayIn(ctx.config.calendar.timeZone, now), to: { name: target.name, email: target.email },
        mail: rendered, domain: domainOf(parseMailbox(ctx.config.mail.from).email), keyExtra: now.toISOString(),
      });
      await enqueueMail(ctx.db, ctx.tables, mail, now);
      const result = await sendOutbox(ctx, transport, { now, respectDigestHour: true });
      const row = (await ctx.db(ctx.tables.correo).where('CLAVE', mail.key).first('ESTADO', 'RESPUESTA')) as
        | { ESTADO: string; RESPUESTA: string | null } | undefined;
      if (row?.ESTADO === 'enviado') {
        console.log(`Correo de prueba enviado a ${target.email} por ${transport.description}.`);
        if (row.RESPUESTA) console.log(`Respuesta del servidor: ${row.RESPUESTA}`);
      } else {
        process.exitCode = 1;
        console.error(`No se pudo enviar el correo de prueba por ${transport.description}: ${row?.RESPUESTA ?? 'sin respuesta'}`);
        console.error(`Quedó en la cola (${result.deferred} en espera); el servicio lo reintentará.`);
      }
    } finally {
      transport.close();
    }
  });
}

export async function mailPreview(opts: GlobalOptions & { carpeta?: string }): Promise<void> {
  let templates: string | undefined;
  try {
    templates = readConfig(opts).mail.templatesFolder ?? undefined;
  } catch {
    templates = undefined; // without an INI, the shipped templates
  }
  const out = resolve(opts.carpeta ?? 'vista-previa');
  const files = await writePreviews(out, templates);
  console.log(`Vista previa con datos de ejemplo:\n${files.map((f) => `  ${f}`).join('\n')}`);
}
