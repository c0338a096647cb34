/** `correo probar`, `correo reintentar` and `correo vista-previa`. */
import { resolve } from 'node:path';
import { migrate } from '../../connector/addon/migrations';
import type { OutgoingMail } from '../../connector/addon/outbox-rows';
import { formatDate } from '../../rules/format';
import type { AppConfig } from '../config';
import { buildDayMails, companyInfo, companyInfoOf } from '../cycle/digests';
import { readAndPlan, type PlannedCycle } from '../cycle/read-and-plan';
import { sendOutbox } from '../cycle/send-outbox';
import { domainOf, enqueueMail, toOutgoingMail } from '../mail/outbox-mail';
import { writeMails, writePreviews } from '../mail/preview';
import { renderTestMail } from '../mail/render';
import { parseMailbox, transportFor } from '../mail-transport';
import { dateOption, positiveInt, readConfig, UsageError, withCompany, type GlobalOptions } from './common';
import { todayIn } from '../clock';
import { toIsoDate } from '../../connector/addon/dates';
import { requeueFailed } from '../mail/outbox';

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
        if (row?.ESTADO === 'fallido') console.error('El servidor lo rechazó: no se reintenta. Revise la dirección y pruebe de nuevo.');
        else console.error(`Quedó en la cola (${result.deferred} en espera); el servicio lo reintentará.`);
      }
    } finally {
      transport.close();
    }
  });
}

/**
 * Requeues failed mails (all, the ids given, or those of one day) with their
 * attempts reset, then sends what is due now, as the service would.
 */
export async function mailRetry(ids: string[], opts: GlobalOptions & { fecha?: string }): Promise<void> {
  const wanted = ids.map((id) => positiveInt(id, 'n.º de correo'));
  const config = readConfig(opts);
  const date = opts.fecha === undefined ? undefined : dateOption(opts.fecha, config);
  await withCompany(opts, async (ctx) => {
    await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
    if (wanted.length > 0) {
      const known = (await ctx.db(ctx.tables.correo).select('ID', 'ESTADO').whereIn('ID', wanted)) as { ID: number; ESTADO: string }[];
      const missing = wanted.filter((id) => !known.some((k) => Number(k.ID) === id));
      if (missing.length > 0) throw new UsageError(`No existe el correo n.º ${missing.join(', ')} en la cola (vea «cadencia estado»).`);
      for (const k of known) {
        if (k.ESTADO !== 'fallido') console.log(`El correo n.º ${k.ID} no está fallido (estado: ${k.ESTADO}); no se toca.`);
      }
    }
    const filter = { ...(wanted.length > 0 ? { ids: wanted } : {}), ...(date ? { date } : {}) };
    const requeued = await requeueFailed(ctx.db, ctx.tables, filter);
    if (requeued.length === 0) {
      console.log(`No hay correos fallidos${date ? ` del ${formatDate(date)}` : ''}${wanted.length > 0 ? ' con esos números' : ''} para reintentar.`);
      return;
    }
    console.log(`${requeued.length} correo(s) fallido(s) vuelven a la cola con los intentos en cero.`);
    const transport = transportFor(ctx.config);
    try {
      await sendOutbox(ctx, transport, { now: new Date(), respectDigestHour: true });
    } finally {
      transport.close();
    }
    const after = (await ctx.db(ctx.tables.correo).select('ID', 'ESTADO', 'RESPUESTA').whereIn('ID', requeued.map((r) => r.ID))) as {
      ID: number; ESTADO: string; RESPUESTA: string | null;
    }[];
    let pending = 0;
    for (const r of requeued) {
      const now = after.find((a) => Number(a.ID) === r.ID);
      const what = `n.º ${r.ID} · ${formatDate(toIsoDate(r.FECHA) ?? '')} · ${r.TIPO} · ${r.DESTINATARIO}`;
      if (now?.ESTADO === 'enviado') console.log(`  ${what}: enviado.`);
      else if (now?.ESTADO === 'fallido') console.log(`  ${what}: volvió a fallar: ${now.RESPUESTA ?? ''}`);
      else {
        pending += 1;
        console.log(`  ${what}: en la cola${now?.RESPUESTA ? ` (último error: ${now.RESPUESTA})` : ''}.`);
      }
    }
    if (pending > 0) console.log(`${pending} correo(s) quedan en la cola: el servicio los envía en su próximo envío.`);
    if (after.some((a) => a.ESTADO === 'fallido')) process.exitCode = 1;
  });
}

export async function mailPreview(opts: GlobalOptions & { carpeta?: string; cliente?: string; fecha?: string }): Promise<void> {
  const out = resolve(opts.carpeta ?? 'vista-previa');
  if (opts.cliente !== undefined) {
    await customerPreview(opts.cliente.trim(), out, opts);
    return;
  }
  let config: AppConfig | null = null;
  try {
    config = readConfig(opts);
  } catch (err) {
    // Without an INI, the shipped templates and the demo's company; a named one must be valid.
    if (opts.config !== undefined || opts.empresa !== undefined) throw err;
  }
  const company = config ? companyInfoOf(config) : undefined;
  const files = await writePreviews(out, config?.mail.templatesFolder ?? undefined, company);
  const whose = config ? `${config.company.name}, con clientes de ejemplo` : 'datos de ejemplo';
  console.log(`Vista previa (${whose}; para un cliente real: --cliente <código>):\n${files.map((f) => `  ${f}`).join('\n')}`);
}

/** Only what concerns one customer, so the day's mails are those it would appear in. */
function onlyCustomer(cycle: PlannedCycle, code: string): PlannedCycle {
  const own = (c: string) => c === code;
  return {
    ...cycle,
    plan: {
      ...cycle.plan,
      tiers: cycle.plan.tiers.filter((d) => own(d.customerCode)),
      create: cycle.plan.create.filter((t) => own(t.customerCode)),
      close: cycle.plan.close.filter((c) => c.key.startsWith(`${code}|`)),
      keep: cycle.plan.keep.filter((k) => k.startsWith(`${code}|`)),
      alerts: cycle.plan.alerts.filter((a) => own(a.customerCode)),
      suppressed: cycle.plan.suppressed.filter((s) => own(s.customerCode)),
    },
    tasksOf: new Map([...cycle.tasksOf].filter(([c]) => own(c))),
  };
}

/** The mails the company's INI, templates and ERP data would produce today for one customer; nothing is written to the database. */
async function customerPreview(code: string, out: string, opts: GlobalOptions & { fecha?: string }): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const asOf = dateOption(opts.fecha, ctx.config);
    const cycle = await readAndPlan(ctx, { asOf, explain: new Set([code]) });
    const customer = cycle.customers.get(code);
    if (!customer) throw new UsageError(`--cliente: no existe el cliente «${code}» en el ERP.`);
    const { mails } = await buildDayMails(ctx, onlyCustomer(cycle, code), { fresh: true });
    const title = `${customer.code} — ${customer.name}, ${formatDate(asOf)}`;
    if (mails.length === 0) {
      const alert = cycle.plan.alerts.find((a) => a.customerCode === code);
      const why = !ctx.calendar.isBusinessDay(asOf)
        ? 'no es día hábil: los resúmenes salen el próximo día hábil'
        : alert?.nextStepId && alert.nextActionOn
          ? `próximo paso ${alert.nextStepId} el ${formatDate(alert.nextActionOn)}`
          : alert ? alert.message : 'el cliente está al día';
      console.log(`${title}: no aparece en ningún correo de ese día (${why}). Pruebe otra fecha con --fecha AAAA-MM-DD.`);
      return;
    }
    const named: Record<string, OutgoingMail> = {};
    for (const mail of mails) named[`${mail.kind}-${fileSafe(parseMailbox(mail.to).email)}`] = mail;
    const files = writeMails(out, named);
    console.log(`Vista previa de ${title} (configuración ${ctx.config.file}; no se guardó ni envió nada):`);
    for (const mail of mails) console.log(`  ${mail.kind} para ${mail.to}: ${mail.subject}`);
    console.log(files.map((f) => `  ${f}`).join('\n'));
  });
}

function fileSafe(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '_');
}
