/**
 * «Enviar por correo» and the customer's e-mail, from the Cliente page.
 *
 * - GET /cliente/:code/enviar shows exactly what goes out (recipients, the
 *   invalid addresses that are left out, subject, body, the statement PDF
 *   attached); it writes nothing.
 * - POST /cliente/:code/enviar (CSRF) queues it with queueCustomerReminder:
 *   the outbox row with its PDF, the contact by e-mail in the user's name, the
 *   task done and the audit, in one transaction; then asks the service to send
 *   now, and goes back to Hoy (the task is done: a collector may no longer
 *   see the customer). The same reminder (customer, step, day) is never queued twice.
 * - POST /cliente/:code/email sets or clears the collections contact
 *   (COB_CLIENTE.EMAIL_COBRANZA), audited.
 * - POST /cliente/:code/excluir opts the customer out of reminders
 *   (COB_CLIENTE.NO_CONTACTAR, through setCustomerFlags), with a reason, audited.
 *
 * Who may: whoever may see the customer's page (maySeeCustomer); anyone else
 * gets the same 404 as for an unknown customer, for the GETs and the POSTs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { setCustomerFlags } from '../../connector/addon/staff-input';
import type { CompanyContext } from '../context';
import { checkCollectionsEmail, collectionsEmailOf, recipientsOf, setCollectionsEmail } from '../customer-mail/recipients';
import { composeCustomerReminder, isProblem, queueCustomerReminder } from '../customer-mail/send';
import { parseMailbox } from '../mail-transport';
import { customerPath, maySeeCustomer } from './routes-cliente';
import type { Auth, RouteModule, WebDeps } from './server';
import { audit } from './store';
import { MESSAGE } from './templates/signin';
import { ENVIAR } from './templates/enviar';
import { template } from './view';

type Body = Record<string, unknown>;

function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Body | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

/** The signed-in user and the customer code they may see, or a reply already sent. */
async function customerOf(deps: WebDeps, req: FastifyRequest, reply: FastifyReply): Promise<{ auth: Auth; code: string } | null> {
  const auth = await deps.auth(req, reply);
  if (!auth) return null;
  const code = String((req.params as { code?: unknown }).code ?? '').trim();
  if (!code || code.length > 20 || !(await maySeeCustomer(auth.ctx, auth.user, code))) {
    deps.notFound(reply, auth);
    return null;
  }
  return { auth, code };
}

function message(deps: WebDeps, reply: FastifyReply, a: Auth, code: string, titulo: string, texto: string, status: number): FastifyReply {
  return deps.page(reply, { title: titulo, user: a.user, csrf: a.csrf, company: a.company.name },
    template(MESSAGE)({ titulo, texto, enlace: customerPath(code), enlaceTexto: 'Volver al cliente' }), status);
}

/** What the Cliente page shows of the customer's e-mail: where reminders go, the form, the opt-out. */
export async function customerMailView(ctx: CompanyContext, code: string, erpEmail: string | null, csrf: string) {
  const own = await collectionsEmailOf(ctx.db, ctx.tables, code);
  const r = recipientsOf(erpEmail, own);
  const flags = (await ctx.db(ctx.tables.cliente).select('NO_CONTACTAR').where('COD_CLIENT', code).first()) as Body | undefined;
  const v = flags?.NO_CONTACTAR;
  return {
    base: customerPath(code),
    csrf,
    destinatarios: r.valid,
    invalidos: r.invalid,
    origen: r.source === 'cobranza' ? 'contacto de cobranza' : 'correo del ERP',
    emailCobranza: own ?? '',
    excluido: v === true || v === 1 || v === '1',
  };
}

export const enviarRoutes: RouteModule = (app, deps) => {
  app.get('/cliente/:code/enviar', async (req, reply) => {
    const c = await customerOf(deps, req, reply);
    if (!c) return reply;
    const { auth: a, code } = c;
    const r = await composeCustomerReminder(a.ctx, code, deps.asOf(a.ctx));
    const mail = a.ctx.config.mail;
    const view = isProblem(r)
      ? { problema: r.problem, codigo: code, nombre: code, base: customerPath(code) }
      : {
        codigo: r.code, nombre: r.name, base: customerPath(r.code), csrf: a.csrf,
        remitente: parseMailbox(mail.customerFrom ?? mail.from).email,
        responderA: parseMailbox(mail.customerReplyTo ?? mail.replyTo ?? mail.customerFrom ?? mail.from).email,
        para: r.to, invalidos: r.invalid, asunto: r.subject, texto: r.text, adjunto: r.attachment.filename,
        reclamado: r.claimed, paso: r.stepId, delPaso: r.fromStep,
      };
    return deps.page(reply, { title: `Enviar por correo · ${view.nombre}`, user: a.user, csrf: a.csrf, company: a.company.name },
      template(ENVIAR)(view), isProblem(r) ? 409 : 200);
  });

  app.post('/cliente/:code/enviar', async (req, reply) => {
    const c = await customerOf(deps, req, reply);
    if (!c) return reply;
    const { auth: a, code } = c;
    const day = deps.asOf(a.ctx);
    const r = await composeCustomerReminder(a.ctx, code, day);
    if (isProblem(r)) return message(deps, reply, a, code, 'No se envió el correo', r.problem, 409);
    const result = await queueCustomerReminder(a.ctx, r, { user: a.user.email, now: deps.now(), markDone: true });
    if (!result.queued) {
      return message(deps, reply, a, code, 'Ya enviado', `El recordatorio del paso ${r.stepId} ya se envió hoy a ${r.name}: no se manda dos veces.`, 409);
    }
    a.ctx.logger.info(`Web: ${a.user.email} envió por correo el recordatorio del paso ${r.stepId} al cliente ${code} (${r.to.join(', ')}).`);
    deps.options.mailQueued?.(a.company.id);
    return reply.redirect('/hoy?hecho=correo', 303);
  });

  app.post('/cliente/:code/email', async (req, reply) => {
    const c = await customerOf(deps, req, reply);
    if (!c) return reply;
    const { auth: a, code } = c;
    let value: string | null;
    try {
      value = checkCollectionsEmail(field(req, 'email'));
    } catch (e) {
      return message(deps, reply, a, code, 'Correo no guardado', (e as Error).message, 400);
    }
    const now = deps.now();
    await a.ctx.db.transaction(async (trx: Knex.Transaction) => {
      const before = await setCollectionsEmail(trx, a.ctx.tables, code, value, now);
      await audit(trx, a.ctx.tables, { user: a.user.email, action: 'email_cobranza', customer: code, before: { email: before }, after: { email: value } }, now);
    });
    a.ctx.logger.info(`Web: ${a.user.email} ${value ? `cargó el contacto de cobranza ${value}` : 'quitó el contacto de cobranza'} del cliente ${code}.`);
    return reply.redirect(`${customerPath(code)}?hecho=email`, 303);
  });

  app.post('/cliente/:code/excluir', async (req, reply) => {
    const c = await customerOf(deps, req, reply);
    if (!c) return reply;
    const { auth: a, code } = c;
    const reason = field(req, 'motivo').trim();
    if (reason === '') return message(deps, reply, a, code, 'No se excluyó', 'Motivo: escriba por qué el cliente no debe recibir más avisos.', 400);
    if (reason.length > 300) return message(deps, reply, a, code, 'No se excluyó', `Motivo: el texto tiene ${reason.length} caracteres; el máximo es 300.`, 400);
    const now = deps.now();
    await a.ctx.db.transaction(async (trx: Knex.Transaction) => {
      const row = (await trx(a.ctx.tables.cliente).select('NO_CONTACTAR').where('COD_CLIENT', code).first()) as Body | undefined;
      const before = row ? row.NO_CONTACTAR === true || Number(row.NO_CONTACTAR) === 1 : false;
      await setCustomerFlags(trx, a.ctx.tables, code, { doNotContact: true }, now);
      await audit(trx, a.ctx.tables, {
        user: a.user.email, action: 'marca_no_contactar', customer: code, before: { noContactar: before }, after: { noContactar: true }, reason,
      }, now);
    });
    a.ctx.logger.info(`Web: ${a.user.email} excluyó de los avisos al cliente ${code}: ${reason}`);
    return reply.redirect(`${customerPath(code)}?hecho=excluido`, 303);
  });
};
