/**
 * «Cliente»: one customer's page, its account statement (printable page and
 * PDF) and its letter (PDF).
 *
 * Who may look: supervisors and administrators, every customer; a cobrador,
 * only customers with a pending task assigned to them (COB_TAREA, any date:
 * a postponed task still counts). Anything else — an unknown code too — is
 * the same 404, so nothing tells whether the customer exists.
 *
 * The page's figures come from loadCustomerAccount (the customer read alone,
 * filtered in SQL); its messages from the digest's own code (customer-messages.ts),
 * word for word those of the day's digest. The letter is the carta message of
 * the leading step, or the «intimacion» carta when the step has no carta
 * channel (see customer-messages.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../rules/format';
import type { IsoDate } from '../../rules/types';
import type { CompanyContext } from '../context';
import { readCustomerAsOf } from '../cycle/state-as-of';
import { companyInfo } from '../cycle/digests';
import { normalizeArgentineMobile } from '../mail/whatsapp';
import { ROLE_LABEL } from '../mail/labels';
import { fileSafe, statementOf } from './statement';
import { accountOf, type CustomerAccount, type CustomerRead, type TimelineKind } from './customer-account';
import { readyMessages, type ReadyMessages } from './customer-messages';
import { letterPdf, statementPdf, statementTotals, type StatementData } from './pdf';
import { customerMailView } from './routes-enviar';
import { flashOf, type Auth, type RouteModule, type WebDeps } from './server';
import { MESSAGE } from './templates/signin';
import { CLIENTE, ESTADO_DE_CUENTA } from './templates/cliente';
import { seesEveryone } from './users';
import { template } from './view';

const TIMELINE_LABEL: Record<TimelineKind, string> = {
  contacto: 'Contacto',
  promesa: 'Promesa',
  disputa: 'Disputa',
  tarea: 'Tarea',
  nivel: 'Nivel',
};

/** Whether the user may see the customer: everyone's for supervisors, their own pending tasks' for a cobrador. */
export async function maySeeCustomer(ctx: CompanyContext, user: Auth['user'], code: string): Promise<boolean> {
  if (seesEveryone(user)) return true;
  const row = await ctx.db(ctx.tables.tarea)
    .where('COD_CLIENT', code)
    .andWhere('ESTADO', 'pendiente')
    .andWhereRaw('LOWER(RESPONSABLE_EMAIL) = ?', [user.email.toLowerCase()])
    .first('ID');
  return row !== undefined;
}

export { fileSafe, statementOf };

/** The customer's URL path. */
export function customerPath(code: string): string {
  return `/cliente/${encodeURIComponent(code)}`;
}

/**
 * A tel: link for a phone number as written in the ERP, or null without
 * digits; a mobile in international form (+549…), which dials from anywhere.
 */
export function telLink(phone: string | null | undefined, mobile = false): string | null {
  if (!phone) return null;
  const international = mobile ? normalizeArgentineMobile(phone) : null;
  if (international) return `tel:+${international}`;
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : null;
}

/** A mailto: link with subject and body (lines as CRLF, RFC 6068). */
export function mailtoLink(to: string | null, subject: string, body: string): string {
  const address = to ? encodeURIComponent(to).replace(/%40/g, '@') : '';
  const text = body.replace(/\r?\n/g, '\r\n');
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

function statementView(data: StatementData) {
  const lines = [...data.lines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.voucher.localeCompare(b.voucher));
  return {
    cuotas: lines.map((l) => ({ ...l, vencida: l.daysLate > 0 })),
    totales: statementTotals(data),
  };
}

function messagesView(ready: ReadyMessages | null, base: string) {
  if (!ready) return [];
  return ready.channels.map((m) => {
    const c = ready.entry.item.customer;
    const numbers = m.esTelefono ? [{ n: c.phone, mobile: false }, { n: c.mobile, mobile: true }] : [];
    return {
      ...m,
      base,
      mailto: m.esEmail ? mailtoLink(c.email, m.asunto ?? '', m.texto) : null,
      tel: numbers.flatMap(({ n, mobile }) => {
        const href = telLink(n, mobile);
        return href && n ? [{ href, numero: n }] : [];
      }),
    };
  });
}

function todayView(account: CustomerAccount, ready: ReadyMessages | null) {
  const t = account.today;
  const item = ready?.entry.item;
  return {
    mensaje: t.message,
    // With a step due today the alert's line already names it.
    proximo: t.nextStepId && t.nextActionOn && !item
      ? `Próximo paso: ${t.nextStepId} el ${formatDate(t.nextActionOn)}${t.role ? ` (${ROLE_LABEL[t.role as keyof typeof ROLE_LABEL] ?? t.role})` : ''}.`
      : null,
    suspendido: t.suppressed.filter((s) => !item?.pause || s.detail !== item.pause).map((s) => s.detail),
    pausa: item?.pause ?? null,
    pasosEnPausa: ready?.view.enPausa?.pasos ?? '',
    paso: item ? item.stepId : null,
    etapa: ready?.view.etapa ?? null,
    canales: ready?.view.canalesResumen ?? null,
    responsable: ready ? ready.entry.assignee.name : null,
    pasos: ready?.view.pasos ?? [],
    promesaIncumplida: ready?.view.promesaIncumplida ?? null,
  };
}

interface Loaded {
  auth: Auth;
  found: CustomerRead;
  account: CustomerAccount;
  day: IsoDate;
}

/** The signed-in user and the customer, or a reply already sent (sign-in, or 404). */
async function load(deps: WebDeps, req: FastifyRequest, reply: FastifyReply): Promise<Loaded | null> {
  const auth = await deps.auth(req, reply);
  if (!auth) return null;
  const code = String((req.params as { code?: unknown }).code ?? '').trim();
  if (!code || code.length > 40 || !(await maySeeCustomer(auth.ctx, auth.user, code))) {
    deps.notFound(reply, auth);
    return null;
  }
  const day = deps.asOf(auth.ctx);
  const found = await readCustomerAsOf(auth.ctx, code, day);
  if (!found) {
    deps.notFound(reply, auth);
    return null;
  }
  return { auth, found, account: accountOf(auth.ctx, found, day), day };
}

function sendPdf(reply: FastifyReply, bytes: Buffer, name: string): FastifyReply {
  return reply.code(200)
    .type('application/pdf')
    .header('Content-Disposition', `attachment; filename="${name}"`)
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(bytes);
}

export const clienteRoutes: RouteModule = (app, deps) => {
  app.get('/cliente/:code', async (req, reply) => {
    const l = await load(deps, req, reply);
    if (!l) return reply;
    const { auth, account, found, day } = l;
    const c = account.customer;
    const base = customerPath(c.code);
    const ready = readyMessages(auth.ctx, found, day);
    const statement = statementOf(auth.ctx, account);
    const staffSeller = c.sellerCode ? auth.ctx.config.staff.sellers[c.sellerCode] : undefined;
    const flash = flashOf(req.query);
    return deps.page(reply, { title: c.name, user: auth.user, csrf: auth.csrf, company: auth.company.name, flash }, template(CLIENTE)({
      code: c.code,
      name: c.name,
      tier: account.tier.tier,
      base,
      vendedor: staffSeller?.name ?? account.seller?.name ?? null,
      contacto: {
        email: c.email, phone: c.phone, mobile: c.mobile, telPhone: telLink(c.phone), telMobile: telLink(c.mobile, true),
      },
      nivel: account.tier,
      hoy: todayView(account, ready),
      ...statementView(statement),
      historial: account.timeline.map((e) => ({ ...e, tipo: TIMELINE_LABEL[e.kind] })),
      mensajes: messagesView(ready, base),
      carta: (ready?.letter ?? null) !== null,
      enviar: ready !== null && !ready.entry.item.pause,
      correo: await customerMailView(auth.ctx, c.code, c.email, auth.csrf),
    }));
  });

  app.get('/cliente/:code/estado-de-cuenta', async (req, reply) => {
    const l = await load(deps, req, reply);
    if (!l) return reply;
    const { auth, account } = l;
    const data = statementOf(auth.ctx, account);
    const c = data.customer;
    return deps.page(reply, { title: `Estado de cuenta — ${c.name}`, user: auth.user, csrf: auth.csrf, company: auth.company.name },
      template(ESTADO_DE_CUENTA)({
        code: c.code,
        name: c.name,
        base: customerPath(c.code),
        asOf: data.asOf,
        empresa: data.company,
        empresaContacto: [data.company.phone && `Tel.: ${data.company.phone}`, data.company.email].filter(Boolean).join(' · '),
        clienteContacto: [`Cliente N.º ${c.code}`, c.email, c.phone && `Tel.: ${c.phone}`].filter(Boolean).join(' · '),
        ...statementView(data),
      }));
  });

  app.get('/cliente/:code/estado-de-cuenta.pdf', async (req, reply) => {
    const l = await load(deps, req, reply);
    if (!l) return reply;
    const data = statementOf(l.auth.ctx, l.account);
    return sendPdf(reply, await statementPdf(data), `estado-de-cuenta-${fileSafe(data.customer.code)}-${data.asOf}.pdf`);
  });

  app.get('/cliente/:code/carta.pdf', async (req, reply) => {
    const l = await load(deps, req, reply);
    if (!l) return reply;
    const { auth, account, found, day } = l;
    const letter = readyMessages(auth.ctx, found, day)?.letter ?? null;
    const c = account.customer;
    if (!letter) {
      return deps.page(reply, { title: 'Sin carta', user: auth.user, csrf: auth.csrf, company: auth.company.name },
        template(MESSAGE)({
          titulo: 'Sin carta para hoy',
          texto: `${c.name} no tiene hoy un paso pendiente para contactar (o está en pausa): no hay carta para generar.`,
          enlace: customerPath(c.code),
          enlaceTexto: 'Volver al cliente',
        }), 404);
    }
    const bytes = await letterPdf({
      company: companyInfo(auth.ctx),
      customer: { code: c.code, name: c.name, email: c.email, phone: c.phone },
      asOf: day,
      place: null,
      text: letter.text,
    });
    return sendPdf(reply, bytes, `carta-${fileSafe(c.code)}-${day}.pdf`);
  });
};
