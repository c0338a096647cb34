/**
 * The worklist's web server (fastify), served by the service itself on the
 * company network. Every page is rendered on the server and works without
 * JavaScript; every change is a POST with a CSRF token; sessions live in the
 * company's add-on tables behind an HttpOnly, SameSite cookie; sign-in is
 * rate-limited; the Content Security Policy allows nothing from elsewhere.
 *
 * A GET never changes data (mail scanners follow links): a sign-in link opens
 * a page with a button, and the digest's outcome links open a filled form.
 */
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { IsoDate } from '../../rules/types';
import type { WebConfig } from '../config';
import type { CompanyContext } from '../context';
import { todayIn } from '../clock';
import type { Logger } from '../logging';
import { enqueueMail, domainOf, toOutgoingMail } from '../mail/outbox-mail';
import { parseMailbox } from '../mail-transport';
import { APP_CSS, APP_JS } from './templates/assets';
import { HOY } from './templates/hoy';
import { CONFIRM_LINK, LINK_PROBLEM, MESSAGE, SIGN_IN } from './templates/signin';
import { checkLink, consumeLink, createLink, createSession, endSession, purgeExpired, sessionEmail } from './store';
import { verifyPassword } from './security';
import { findUser, passwordHashOf, seesEveryone, type WebUser } from './users';
import { renderPage, template, type PageFrame } from './view';
import { hoyEntries } from './worklist';
import { ROUTE_MODULES } from './routes';
import { publicUrlOf } from './public-url';
import { sentFlash } from './sent-flash';

export interface WebCompany {
  id: string;
  name: string;
  /** The company's open context (the service's own, shared with its cycles). */
  context(): Promise<CompanyContext>;
}

export interface WebServerOptions {
  companies: readonly WebCompany[];
  web: WebConfig;
  logger: Logger;
  now?: () => Date;
  /** The worklist's «today» for a company; by default today in the company's time zone. */
  asOf?: (ctx: CompanyContext) => IsoDate;
  /** Called after a mail was queued (a sign-in link) so the outbox is sent now. */
  mailQueued?: (companyId: string) => void;
}

/** Who is asking, in which company. */
export interface Auth {
  company: WebCompany;
  ctx: CompanyContext;
  user: WebUser;
  csrf: string;
}

/** What route modules get from the server. */
export interface WebDeps {
  options: WebServerOptions;
  now(): Date;
  asOf(ctx: CompanyContext): IsoDate;
  /** The signed-in user, or a reply already sent (redirect to sign-in, or refusal). */
  auth(req: FastifyRequest, reply: FastifyReply): Promise<Auth | null>;
  /** Sends a page inside the layout. */
  page(reply: FastifyReply, frame: Omit<PageFrame, 'company'> & { company?: string }, body: string, status?: number): FastifyReply;
  /** A 404 page (also for what a user may not see: nothing tells it exists). */
  notFound(reply: FastifyReply, auth: Auth | null): FastifyReply;
  publicUrl: string;
}

export const SESSION_COOKIE = 'cadencia_sesion';

export { publicUrlOf };

/** Only paths of this site after sign-in (no open redirect). */
export function safeReturn(value: unknown): string {
  const v = typeof value === 'string' ? value : '';
  return /^\/(?![/\\])[^\s]*$/.test(v) && !v.startsWith('/ingresar') && !v.startsWith('/e/') ? v : '/hoy';
}

function httpsOptions(web: WebConfig): { key?: Buffer; cert?: Buffer; pfx?: Buffer; passphrase?: string } | null {
  const tls = web.tls;
  if (!tls) return null;
  if (tls.kind === 'pem') return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
  return { pfx: readFileSync(tls.pfxFile), ...(tls.passphrase ? { passphrase: tls.passphrase } : {}) };
}

interface Body { [key: string]: unknown }

function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Body | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

export async function buildWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  const { web, logger } = options;
  const now = options.now ?? (() => new Date());
  const asOf = options.asOf ?? ((ctx: CompanyContext) => todayIn(ctx.config.calendar.timeZone, now()));
  const https = httpsOptions(web);
  const app = (https ? Fastify({ https, logger: false, trustProxy: false }) : Fastify({ logger: false })) as unknown as FastifyInstance;
  const secure = https !== null;
  const publicUrl = publicUrlOf(web);

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    hsts: secure ? { maxAge: 15552000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(csrf, {
    cookieKey: 'cadencia_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure },
    getToken: (req) => field(req, '_csrf'),
  });
  await app.register(rateLimit, { global: false });

  const byId = new Map(options.companies.map((c) => [c.id, c]));
  const single = options.companies.length === 1 ? options.companies[0]! : null;
  const companyName = (c: WebCompany | null | undefined) => c?.name ?? (single?.name ?? '');

  const page: WebDeps['page'] = (reply, frame, body, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store')
      .send(renderPage({ company: frame.company ?? companyName(single), ...frame }, body));

  const notFound: WebDeps['notFound'] = (reply, auth) =>
    page(reply, {
      title: 'No encontrado', user: auth?.user ?? null, csrf: auth?.csrf ?? null, company: companyName(auth?.company),
    }, template(MESSAGE)({ titulo: 'No encontrado', texto: 'La página que busca no existe o no está a su cargo.', enlace: '/hoy', enlaceTexto: 'Volver a Hoy' }), 404);

  function sessionCookie(reply: FastifyReply, value: string, hours: number): void {
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: hours * 3600 });
  }

  async function currentAuth(req: FastifyRequest, reply: FastifyReply): Promise<Auth | null> {
    const raw = req.cookies[SESSION_COOKIE] ?? '';
    const dot = raw.indexOf('.');
    if (dot <= 0) return null;
    const company = byId.get(raw.slice(0, dot));
    if (!company) return null;
    const ctx = await company.context();
    const email = await sessionEmail(ctx.db, ctx.tables, raw.slice(dot + 1), now());
    if (!email) return null;
    const user = await findUser(ctx.db, ctx.tables, ctx.config, email);
    if (!user || !user.active) return null;
    return { company, ctx, user, csrf: reply.generateCsrf() };
  }

  const auth: WebDeps['auth'] = async (req, reply) => {
    const found = await currentAuth(req, reply);
    if (found) {
      if (req.method === 'POST') {
        // @fastify/csrf-protection: the token of the form against the secret of the cookie.
        const ok = await new Promise<boolean>((resolve) => {
          app.csrfProtection(req, reply, (err?: Error) => resolve(!err));
        });
        if (!ok) {
          page(reply, { title: 'Formulario vencido', user: found.user, csrf: found.csrf, company: found.company.name },
            template(MESSAGE)({ titulo: 'Formulario vencido', texto: 'El formulario venció o no vino de esta página. Vuelva atrás, recargue la página e intente de nuevo.' }), 403);
          return null;
        }
      }
      return found;
    }
    if (req.method === 'GET') {
      await reply.redirect(`/ingresar?volver=${encodeURIComponent(req.url)}`);
    } else {
      page(reply, { title: 'Sesión vencida', user: null, csrf: null },
        template(MESSAGE)({ titulo: 'Sesión vencida', texto: 'Su sesión venció. Ingrese de nuevo.', enlace: '/ingresar', enlaceTexto: 'Ingresar' }), 401);
    }
    return null;
  };

  const deps: WebDeps = { options, now, asOf, auth, page, notFound, publicUrl };

  app.get('/static/app.css', (_req, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(APP_CSS));
  app.get('/static/app.js', (_req, reply) => reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(APP_JS));

  app.get('/', async (req, reply) => reply.redirect((await currentAuth(req, reply)) ? '/hoy' : '/ingresar'));

  const signInForm = (reply: FastifyReply, view: { volver: string; email?: string; empresa?: string; error?: string | null; flash?: string | null }, status = 200) =>
    page(reply, { title: 'Ingresar', user: null, csrf: null, error: view.error ?? null, flash: view.flash ?? null }, template(SIGN_IN)({
      csrf: reply.generateCsrf(),
      volver: view.volver,
      email: view.email ?? '',
      variasEmpresas: options.companies.length > 1,
      empresas: options.companies.map((c) => ({ id: c.id, nombre: c.name, elegida: c.id === view.empresa })),
    }), status);

  app.get('/ingresar', (req, reply) => signInForm(reply, { volver: safeReturn((req.query as Body).volver) }));

  const signInLimit = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };

  app.post('/ingresar', { ...signInLimit, preHandler: app.csrfProtection }, async (req, reply) => {
    const volver = safeReturn(field(req, 'volver'));
    const email = field(req, 'email').trim().toLowerCase();
    const company = single ?? byId.get(field(req, 'empresa'));
    if (!company || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      return signInForm(reply, { volver, email, error: 'Escriba su correo (y elija la empresa).' }, 400);
    }
    const ctx = await company.context();
    const user = await findUser(ctx.db, ctx.tables, ctx.config, email);
    if (field(req, 'modo') === 'enlace') {
      if (user?.active) {
        const token = await createLink(ctx.db, ctx.tables, email, web.linkHours, now());
        await queueLinkMail(ctx, company, user, `${publicUrl}/e/${token}${volver !== '/hoy' ? `?volver=${encodeURIComponent(volver)}` : ''}`, web.linkHours, now());
        options.mailQueued?.(company.id);
        logger.info(`Web: enlace de ingreso pedido por ${email}.`);
      } else {
        logger.warn(`Web: pedido de enlace para ${email}, que no es un usuario activo.`);
      }
      // The same answer either way: the page does not tell who is a user.
      return signInForm(reply, { volver, email, flash: `Si ${email} es un usuario, le llega un enlace para entrar (vale ${web.linkHours} horas y sirve una sola vez).` });
    }
    const password = field(req, 'clave');
    const ok = user?.active === true && password.length > 0 &&
      await verifyPassword(password, await passwordHashOf(ctx.db, ctx.tables, email));
    if (!ok) {
      logger.warn(`Web: ingreso con contraseña rechazado para ${email}.`);
      return signInForm(reply, { volver, email, error: 'Correo o contraseña incorrectos.' }, 401);
    }
    const token = await createSession(ctx.db, ctx.tables, email, web.sessionHours, now());
    sessionCookie(reply, `${company.id}.${token}`, web.sessionHours);
    logger.info(`Web: ${email} ingresó con contraseña.`);
    return reply.redirect(volver, 303);
  });

  const linkProblem = (reply: FastifyReply, reason: string) =>
    page(reply, { title: 'Enlace no válido', user: null, csrf: null }, template(LINK_PROBLEM)({
      motivo: reason === 'usado'
        ? 'Este enlace ya se usó. Cada enlace sirve una sola vez.'
        : reason === 'vencido' ? 'Este enlace venció.' : 'Este enlace no es válido.',
    }), 410);

  async function linkCompany(token: string): Promise<{ company: WebCompany; ctx: CompanyContext; check: Awaited<ReturnType<typeof checkLink>> } | null> {
    let fallback: { company: WebCompany; ctx: CompanyContext; check: Awaited<ReturnType<typeof checkLink>> } | null = null;
    for (const company of options.companies) {
      const ctx = await company.context();
      const check = await checkLink(ctx.db, ctx.tables, token, now());
      if (check.ok || check.reason !== 'desconocido') return { company, ctx, check };
      fallback ??= { company, ctx, check };
    }
    return fallback;
  }

  app.get('/e/:token', signInLimit, async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const volver = safeReturn((req.query as Body).volver);
    const found = await linkCompany(token);
    if (!found) return linkProblem(reply, 'desconocido');
    if (!found.check.ok) {
      // Already signed in (e.g. the digest's link opened twice): go on.
      const current = await currentAuth(req, reply);
      if (current) return reply.redirect(volver);
      return linkProblem(reply, found.check.reason);
    }
    const current = await currentAuth(req, reply);
    if (current && current.user.email === found.check.email && current.company.id === found.company.id) return reply.redirect(volver);
    return page(reply, { title: 'Ingresar', user: null, csrf: null, company: found.company.name },
      template(CONFIRM_LINK)({ email: found.check.email, token, volver, csrf: reply.generateCsrf() }));
  });

  app.post('/e/:token', { ...signInLimit, preHandler: app.csrfProtection }, async (req, reply) => {
    const token = (req.params as { token: string }).token;
    const volver = safeReturn(field(req, 'volver'));
    const found = await linkCompany(token);
    if (!found) return linkProblem(reply, 'desconocido');
    const used = await consumeLink(found.ctx.db, found.ctx.tables, token, now());
    if (!used.ok) return linkProblem(reply, used.reason);
    const user = await findUser(found.ctx.db, found.ctx.tables, found.ctx.config, used.email);
    if (!user?.active) return linkProblem(reply, 'desconocido');
    const session = await createSession(found.ctx.db, found.ctx.tables, used.email, web.sessionHours, now());
    sessionCookie(reply, `${found.company.id}.${session}`, web.sessionHours);
    logger.info(`Web: ${used.email} ingresó con un enlace.`);
    return reply.redirect(volver, 303);
  });

  app.post('/salir', async (req, reply) => {
    const a = await auth(req, reply);
    if (!a) return reply;
    const raw = req.cookies[SESSION_COOKIE] ?? '';
    await endSession(a.ctx.db, a.ctx.tables, raw.slice(raw.indexOf('.') + 1));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/ingresar', 303);
  });

  app.get('/hoy', async (req, reply) => {
    const a = await auth(req, reply);
    if (!a) return reply;
    const q = req.query as Body;
    // A supervisor may look at someone else's list (?de=<correo>).
    const other = seesEveryone(a.user) && typeof q.de === 'string' && q.de.includes('@') ? q.de.toLowerCase() : null;
    const day = asOf(a.ctx);
    const entries = await hoyEntries(a.ctx, day, { owner: other ?? a.user.email });
    const flash = (q.hecho === 'correo' ? await sentFlash(a.ctx, a.user.email, now()) : null) ?? flashOf(q);
    return page(reply, { title: 'Hoy', user: a.user, csrf: a.csrf, company: a.company.name, section: 'hoy', flash },
      template(HOY)({
        asOf: day,
        otro: other,
        ...hoyPage(entries.filter((e) => !e.pause), q.pagina, other),
        enEspera: entries.filter((e) => e.pause),
      }));
  });

  app.setNotFoundHandler(async (req, reply) => notFound(reply, await currentAuth(req, reply).catch(() => null)));

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) {
      return page(reply, { title: 'Demasiados intentos', user: null, csrf: null },
        template(MESSAGE)({ titulo: 'Demasiados intentos', texto: 'Hubo demasiados intentos de ingreso desde este equipo. Espere un minuto y vuelva a intentar.' }), 429);
    }
    if (status === 403 && /csrf/i.test(err.message)) {
      return page(reply, { title: 'Formulario vencido', user: null, csrf: null },
        template(MESSAGE)({ titulo: 'Formulario vencido', texto: 'El formulario venció o no vino de esta página. Vuelva atrás, recargue la página e intente de nuevo.' }), 403);
    }
    if (status < 500) {
      return page(reply, { title: 'Pedido inválido', user: null, csrf: null },
        template(MESSAGE)({ titulo: 'Pedido inválido', texto: 'El pedido no se pudo entender. Vuelva a la página anterior e intente de nuevo.' }), status);
    }
    logger.error(`Web: error en ${req.method} ${req.url.split('?')[0]}: ${err.message}`, { stack: err.stack });
    return page(reply, { title: 'Error', user: null, csrf: null },
      template(MESSAGE)({ titulo: 'No se pudo completar', texto: 'Ocurrió un error al atender el pedido; quedó anotado en el registro del servicio. Intente de nuevo en unos minutos.' }), 500);
  });

  // Expired sessions and links go away now and then.
  const purge = setInterval(() => {
    for (const c of options.companies) {
      void c.context().then((ctx) => purgeExpired(ctx.db, ctx.tables, now())).catch(() => undefined);
    }
  }, 3_600_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  for (const register of ROUTE_MODULES) await register(app, deps);
  return app;
}

/** Customers per page of Hoy: a long list is read in pages, highest priority first. */
export const HOY_PAGE_SIZE = 100;

function hoyPage<T>(all: T[], pageParam: unknown, other: string | null) {
  const pages = Math.max(1, Math.ceil(all.length / HOY_PAGE_SIZE));
  const n = Math.min(pages, Math.max(1, Number.parseInt(typeof pageParam === 'string' ? pageParam : '1', 10) || 1));
  const link = (k: number) => `/hoy?${other ? `de=${encodeURIComponent(other)}&` : ''}pagina=${k}`;
  return {
    total: all.length,
    entradas: all.slice((n - 1) * HOY_PAGE_SIZE, n * HOY_PAGE_SIZE),
    paginas: pages > 1 ? { actual: n, de: pages, anterior: n > 1 ? link(n - 1) : null, siguiente: n < pages ? link(n + 1) : null } : null,
  };
}

/** The flash line after a redirect (?hecho=…), from a fixed list: no text from the URL reaches the page. */
const FLASHES: Record<string, string> = {
  resultado: 'Resultado registrado.',
  reasignada: 'Tarea reasignada.',
  marca: 'Marca del cliente actualizada.',
  usuario: 'Usuario actualizado.',
  correo: 'Correo enviado al cliente.',
  email: 'Correo del cliente actualizado.',
  excluido: 'Cliente excluido de los avisos.',
};

export function flashOf(query: unknown): string | null {
  const key = (query as Body | undefined)?.hecho;
  return typeof key === 'string' ? FLASHES[key] ?? null : null;
}

export type RouteModule = (app: FastifyInstance, deps: WebDeps) => Promise<void> | void;

async function queueLinkMail(ctx: CompanyContext, company: WebCompany, user: WebUser, link: string, hours: number, at: Date): Promise<void> {
  const day = todayIn(ctx.config.calendar.timeZone, at);
  const text = [
    `Hola, ${user.name}:`,
    '',
    `Para entrar a la lista de trabajo de cobranzas de ${company.name}, abra este enlace:`,
    '',
    link,
    '',
    `Vale ${hours} horas y sirve una sola vez. Si no lo pidió, ignore este correo.`,
  ].join('\n');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const html = `<p>Hola, ${esc(user.name)}:</p><p>Para entrar a la lista de trabajo de cobranzas de ${esc(company.name)}, abra este enlace:</p>` +
    `<p><a href="${esc(link)}">Entrar a cadencia</a></p><p>Vale ${hours} horas y sirve una sola vez. Si no lo pidió, ignore este correo.</p>`;
  const mail = toOutgoingMail({
    kind: 'enlace', date: day, to: { name: user.name, email: user.email },
    mail: { subject: `Enlace para entrar a cobranzas de ${company.name}`, text, html },
    domain: domainOf(parseMailbox(ctx.config.mail.from).email),
    keyExtra: link.slice(link.lastIndexOf('/e/') + 3, link.lastIndexOf('/e/') + 19),
  });
  await enqueueMail(ctx.db, ctx.tables, mail, at);
}
