/**
 * «Supervisión», for supervisors and administrators (a cobrador gets the 404
 * page, for GETs and POSTs alike, and nothing is written):
 * - GET /supervisor: the team's work per person (pending tasks due today or
 *   before, overdue ones), the KPIs of `cadencia informe` for the last four
 *   weeks (the same functions: buildPeriodReport and reportTransposed) with
 *   server-drawn SVG charts, and the customers with tasks, each with a form to
 *   reassign their pending tasks; ?cliente=<código> opens the customer's
 *   marks and reassignment panel.
 * - POST /supervisor/reasignar: every pending task of a customer to another
 *   user (RESPONSABLE, RESPONSABLE_EMAIL, ASIGNADA_POR), audited.
 * - POST /supervisor/marcas: the customer's marks with a mandatory reason,
 *   through setCustomerFlags (the validation of `cliente marcar`), audited.
 * - GET /supervisor/auditoria: the last 200 audit rows.
 * The reassign and marks forms are exported (customerSupervisorPanel) for
 * the Cliente page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCustomerFlags, type CustomerFlags } from '../../connector/addon/staff-input';
import { toIsoDate } from '../../connector/addon/dates';
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from '../../rules/aging';
import { addDays } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import { TIERS, type IsoDate, type Tier } from '../../rules/types';
import { flagsOf } from '../cli/commands-staff';
import type { CompanyContext } from '../context';
import { buildPeriodReport } from '../reports/load-report';
import { groupLabel, periodLabel, reportTransposed } from '../reports/report-table';
import { BUCKET_COLORS } from '../reports/report-view';
import { flashOf, safeReturn, type Auth, type RouteModule, type WebDeps } from './server';
import { audit } from './store';
import { svgBars, svgHorizontalBars, svgLines } from './svg-chart';
import { AUDIT, MARKS_FORM, REASSIGN_FORM, SUPERVISOR } from './templates/supervisor';
import { MESSAGE } from './templates/signin';
import { listUsers, ROLE_LABEL, seesEveryone, type WebUser } from './users';
import { template } from './view';
import { hoyEntries, pendingTasksQuery } from './worklist';

type Row = Record<string, unknown>;
interface Body { [key: string]: unknown }

/** Customers per page in «Clientes con tareas». */
export const CUSTOMERS_PER_PAGE = 30;
/** Days of the KPI period shown (four weeks ending today). */
export const KPI_DAYS = 28;
export const AUDIT_ROWS = 200;

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Body | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

function person(name: string | null, email: string | null): string {
  if (name && email) return `${name} <${email}>`;
  return name ?? email ?? 'sin responsable';
}

export interface TeamRow {
  email: string | null;
  name: string;
  tasks: number;
  customers: number;
  overdue: number;
  late: number;
  oldestLate: IsoDate | null;
}

/** Pending tasks due on or before `asOf`, per assignee (by the stored RESPONSABLE_EMAIL). */
export async function teamWork(ctx: CompanyContext, asOf: IsoDate, users: readonly WebUser[]): Promise<TeamRow[]> {
  const rows = (await pendingTasksQuery(ctx, asOf)) as Row[];
  const names = new Map(users.map((u) => [u.email, u.name]));
  const acc = new Map<string, { name: string; tasks: number; customers: Map<string, number>; late: number; oldest: IsoDate | null }>();
  for (const r of rows) {
    const email = text(r.RESPONSABLE_EMAIL).toLowerCase();
    const a = acc.get(email) ?? { name: names.get(email) ?? (text(r.RESPONSABLE) || email || 'Sin responsable'), tasks: 0, customers: new Map(), late: 0, oldest: null };
    a.tasks += 1;
    a.customers.set(text(r.COD_CLIENT), num(r.A_VENCIDO ?? r.SALDO_VENCIDO));
    const due = toIsoDate(r.FECHA);
    if (due && due < asOf) {
      a.late += 1;
      if (a.oldest === null || due < a.oldest) a.oldest = due;
    }
    acc.set(email, a);
  }
  // Staff with nothing today are listed too, so the supervisor sees who is free.
  for (const u of users) if (u.active && !acc.has(u.email)) acc.set(u.email, { name: u.name, tasks: 0, customers: new Map(), late: 0, oldest: null });
  return [...acc].map(([email, a]) => ({
    email: email || null,
    name: a.name,
    tasks: a.tasks,
    customers: a.customers.size,
    overdue: Math.round([...a.customers.values()].reduce((s, v) => s + v, 0) * 100) / 100,
    late: a.late,
    oldestLate: a.oldest,
  })).sort((x, y) => y.tasks - x.tasks || x.name.localeCompare(y.name, 'es'));
}

export interface CustomerMarks {
  noContactar: boolean;
  disputa: boolean;
  judicial: boolean;
  nivelFijo: Tier | null;
}

export async function marksOf(ctx: CompanyContext, code: string): Promise<CustomerMarks | null> {
  const r = (await ctx.db(ctx.tables.cliente).where('COD_CLIENT', code).first()) as Row | undefined;
  if (!r) return null;
  const tier = text(r.NIVEL_FIJO).toUpperCase();
  return {
    noContactar: truthy(r.NO_CONTACTAR),
    disputa: truthy(r.EN_DISPUTA),
    judicial: truthy(r.GESTION_JUDICIAL),
    nivelFijo: (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : null,
  };
}

const yes = (b: boolean): string => (b ? 'sí' : 'no');

function marksText(m: CustomerMarks): string {
  return `no contactar: ${yes(m.noContactar)}; disputa: ${yes(m.disputa)}; gestión judicial: ${yes(m.judicial)}; nivel fijo: ${m.nivelFijo ?? 'ninguno'}`;
}

/** Whether cadencia knows the customer: a row of its own, a task or an alert. */
async function knownCustomer(ctx: CompanyContext, code: string): Promise<{ name: string } | null> {
  const t = ctx.tables;
  const alert = (await ctx.db(t.vAlertas).select('RAZON_SOCIAL').where('COD_CLIENT', code).first()) as Row | undefined;
  if (alert) return { name: text(alert.RAZON_SOCIAL) || code };
  const own = await ctx.db(t.cliente).select('COD_CLIENT').where('COD_CLIENT', code).first();
  const task = own ? null : await ctx.db(t.tarea).select('ID').where('COD_CLIENT', code).first();
  return own || task ? { name: code } : null;
}

/** The distinct assignees of a customer's pending tasks. */
async function pendingAssignees(ctx: CompanyContext, code: string): Promise<{ ids: number[]; who: string[] }> {
  const rows = (await ctx.db(ctx.tables.tarea).select('ID', 'RESPONSABLE', 'RESPONSABLE_EMAIL')
    .where({ COD_CLIENT: code, ESTADO: 'pendiente' }).orderBy('ID')) as Row[];
  const who = [...new Set(rows.map((r) => person(text(r.RESPONSABLE) || null, text(r.RESPONSABLE_EMAIL).toLowerCase() || null)))];
  return { ids: rows.map((r) => num(r.ID)), who };
}

function staffOptions(users: readonly WebUser[], chosen: string | null): object[] {
  return users.filter((u) => u.active).map((u) => ({ email: u.email, name: u.name, rol: ROLE_LABEL[u.role].toLowerCase(), elegido: u.email === chosen }));
}

/** The reassign form for one customer. */
export function reassignFormHtml(view: { csrf: string; code: string; users: readonly WebUser[]; current: string | null; volver?: string }): string {
  return template(REASSIGN_FORM)({ csrf: view.csrf, code: view.code, volver: view.volver ?? null, personal: staffOptions(view.users, view.current) });
}

/** The marks form for one customer, filled with its current marks. */
export function marksFormHtml(view: { csrf: string; code: string; marks: CustomerMarks | null; volver?: string }): string {
  return template(MARKS_FORM)({
    csrf: view.csrf, code: view.code, volver: view.volver ?? null, niveles: TIERS,
    marcas: view.marks ?? { noContactar: false, disputa: false, judicial: false, nivelFijo: null },
  });
}

/**
 * Both supervisor forms for the Cliente page (empty for a cobrador). `volver`
 * is where the POSTs go back to (with ?hecho=…), e.g. `/cliente/<código>`.
 */
export async function customerSupervisorPanel(auth: Auth, code: string, volver?: string): Promise<string> {
  if (!seesEveryone(auth.user)) return '';
  const users = await listUsers(auth.ctx.db, auth.ctx.tables, auth.ctx.config);
  const current = (await auth.ctx.db(auth.ctx.tables.tarea).select('RESPONSABLE_EMAIL')
    .where({ COD_CLIENT: code, ESTADO: 'pendiente' }).orderBy('ID').first()) as Row | undefined;
  const opts = volver === undefined ? {} : { volver };
  return reassignFormHtml({ csrf: auth.csrf, code, users, current: text(current?.RESPONSABLE_EMAIL).toLowerCase() || null, ...opts }) +
    marksFormHtml({ csrf: auth.csrf, code, marks: await marksOf(auth.ctx, code), ...opts });
}

/** The KPI section: `cadencia informe --desde <hoy − 27> --hasta <hoy> --por vendedor`, with charts. */
async function kpiSection(ctx: CompanyContext, asOf: IsoDate): Promise<object> {
  const period = { from: addDays(asOf, -(KPI_DAYS - 1)), to: asOf };
  const { report, loaded } = await buildPeriodReport(ctx, period, 'vendedor', { today: asOf });
  const names = loaded.classification.sellerNames;
  const t = report.total;
  const notas: string[] = [];
  if (!loaded.data.closing.length) notas.push('No hay foto diaria guardada para la fecha de cierre: los saldos figuran en cero.');
  else if (loaded.closingLive) notas.push('Saldos de hoy calculados en este momento desde el ERP.');
  else if (report.closingDate !== null && report.closingDate < report.period.to) {
    notas.push(`Saldos de la última foto diaria anterior al cierre, la del ${formatDate(report.closingDate)}.`);
  }
  if (!report.openingAvailable) notas.push('CEI sin datos: falta la foto diaria del día anterior al período.');
  const sellers = [...report.groups].sort((a, b) => b.overdue - a.overdue);
  return {
    periodo: periodLabel(report),
    desde: period.from,
    hasta: period.to,
    notas,
    kpis: reportTransposed(report, names),
    graficos: {
      antiguedad: svgBars('Saldo por antigüedad al cierre', AGING_BUCKETS.map((b, i) => ({ label: AGING_BUCKET_LABELS[b], value: t.aging[b], color: BUCKET_COLORS[i]! }))),
      tendencia: report.trend.length > 1
        ? svgLines('Saldo y vencido por día', report.trend.map((p) => formatDate(p.date)), [
          { label: 'Saldo a cobrar', values: report.trend.map((p) => p.total), color: '#1e3a5f' },
          { label: 'Vencido', values: report.trend.map((p) => p.overdue), color: '#dc2626' },
        ])
        : null,
      vendedores: sellers.length > 0
        ? svgHorizontalBars('Vencido por vendedor', sellers.map((g) => ({ label: groupLabel(g.group, names), value: g.overdue })), '#b91c1c')
        : null,
    },
  };
}

function withFlash(path: string, key: string): string {
  const clean = path.replace(/[?&]hecho=[^&#]*/g, '');
  const [base, hash] = clean.split('#', 2) as [string, string | undefined];
  return `${base}${base.includes('?') ? '&' : '?'}hecho=${key}${hash ? `#${hash}` : ''}`;
}

/** Back to the page the form came from (the supervisor page or a Cliente page), else /supervisor. */
function backTo(req: FastifyRequest, key: string): string {
  const volver = field(req, 'volver');
  const target = volver ? safeReturn(volver) : '/supervisor';
  return withFlash(target.startsWith('/supervisor') || target.startsWith('/cliente/') ? target : '/supervisor', key);
}

function problem(deps: WebDeps, reply: FastifyReply, a: Auth, text: string, status = 400): FastifyReply {
  return deps.page(reply, { title: 'No se pudo guardar', user: a.user, csrf: a.csrf, company: a.company.name, section: 'supervisor' },
    template(MESSAGE)({ titulo: 'No se pudo guardar', texto: text, enlace: '/supervisor', enlaceTexto: 'Volver a Supervisión' }), status);
}

const ACTION_LABEL: Record<string, string> = {
  reasignar: 'Reasignación',
  marcas: 'Marcas del cliente',
  usuario_rol: 'Rol de usuario',
  usuario_bloqueo: 'Bloqueo de usuario',
  usuario_clave: 'Contraseña de usuario',
  resultado: 'Resultado de contacto',
  hecha: 'Tarea hecha',
  posponer: 'Tarea pospuesta',
};

/** An audit value as people read it: JSON objects become «clave: valor; …». */
function readable(value: unknown): string {
  const s = text(value);
  if (!s) return '—';
  if (s.startsWith('{') || s.startsWith('[')) {
    try {
      const v = JSON.parse(s) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        return Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${k}: ${x === null ? '—' : typeof x === 'boolean' ? yes(x) : String(x)}`).join('; ');
      }
      if (Array.isArray(v)) return v.map(String).join(', ');
    } catch { /* shown as stored */ }
  }
  return s;
}

function whenText(value: unknown, timeZone: string): string {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return text(value);
  return new Intl.DateTimeFormat('es-AR', {
    timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d).replace(',', '');
}

export const supervisorRoutes: RouteModule = (app, deps) => {
  /** The signed-in supervisor or administrator; a cobrador gets the 404 page. */
  async function supervisor(req: FastifyRequest, reply: FastifyReply): Promise<Auth | null> {
    const a = await deps.auth(req, reply);
    if (!a) return null;
    if (!seesEveryone(a.user)) {
      deps.notFound(reply, a);
      return null;
    }
    return a;
  }

  app.get('/supervisor', async (req, reply) => {
    const a = await supervisor(req, reply);
    if (!a) return reply;
    const q = req.query as Body;
    const ctx = a.ctx;
    const day = deps.asOf(ctx);
    const users = await listUsers(ctx.db, ctx.tables, ctx.config);
    const personas = (await teamWork(ctx, day, users)).map((p) => ({
      email: p.email, name: p.name, tareas: p.tasks, clientes: p.customers, vencido: p.overdue, atrasadas: p.late, masAntigua: p.oldestLate,
    }));
    const entries = await hoyEntries(ctx, day);
    const pages = Math.max(1, Math.ceil(entries.length / CUSTOMERS_PER_PAGE));
    const requested = Number(typeof q.pagina === 'string' ? q.pagina : '1');
    const pagina = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, pages) : 1;
    const clientes = entries.slice((pagina - 1) * CUSTOMERS_PER_PAGE, pagina * CUSTOMERS_PER_PAGE).map((e) => ({
      code: e.code, name: e.name, tier: e.tier, overdue: e.overdue,
      responsable: [...new Set(e.tasks.map((x) => x.assigneeName ?? x.assigneeEmail ?? 'sin responsable'))].join(', '),
      form: reassignFormHtml({ csrf: a.csrf, code: e.code, users, current: e.lead.assigneeEmail }),
    }));
    const buscado = typeof q.cliente === 'string' ? q.cliente.trim().slice(0, 20) : '';
    let panel: object | null = null;
    if (buscado) {
      const known = await knownCustomer(ctx, buscado);
      if (known) {
        const { who } = await pendingAssignees(ctx, buscado);
        panel = { code: buscado, name: known.name, responsables: who.join(', '), html: await customerSupervisorPanel(a, buscado, `/supervisor?cliente=${encodeURIComponent(buscado)}#panel-cliente`) };
      }
    }
    return deps.page(reply, { title: 'Supervisión', user: a.user, csrf: a.csrf, company: a.company.name, section: 'supervisor', flash: flashOf(q) },
      template(SUPERVISOR)({
        asOf: day,
        personas,
        ...(await kpiSection(ctx, day)),
        buscado,
        panel,
        buscadoSinResultado: buscado !== '' && panel === null,
        clientes,
        total: entries.length,
        pagina,
        paginas: pages > 1 ? pages : null,
        anterior: pagina > 1 ? pagina - 1 : null,
        siguiente: pagina < pages ? pagina + 1 : null,
      }));
  });

  app.post('/supervisor/reasignar', async (req, reply) => {
    const a = await supervisor(req, reply);
    if (!a) return reply;
    const ctx = a.ctx;
    const code = field(req, 'cliente').trim();
    const to = field(req, 'a').trim().toLowerCase();
    const users = await listUsers(ctx.db, ctx.tables, ctx.config);
    const target = users.find((u) => u.email === to && u.active);
    if (!target) return problem(deps, reply, a, 'Elija a quién reasignar entre los usuarios activos.');
    const before = await pendingAssignees(ctx, code);
    if (!code || before.ids.length === 0) return problem(deps, reply, a, `El cliente «${code}» no tiene tareas pendientes para reasignar.`);
    const at = deps.now();
    await ctx.db.transaction(async (trx) => {
      await trx(ctx.tables.tarea)
        .update({ RESPONSABLE: target.name.slice(0, 100), RESPONSABLE_EMAIL: target.email, ASIGNADA_POR: a.user.email })
        .where({ COD_CLIENT: code, ESTADO: 'pendiente' });
    });
    await audit(ctx.db, ctx.tables, {
      user: a.user.email, action: 'reasignar', customer: code,
      before: `${before.who.join(', ')} (${before.ids.length} ${before.ids.length === 1 ? 'tarea' : 'tareas'})`,
      after: person(target.name, target.email),
      reason: field(req, 'motivo').trim() || null,
    }, at);
    deps.options.logger.info(`Web: ${a.user.email} reasignó las tareas pendientes del cliente ${code} a ${target.email}.`);
    return reply.redirect(backTo(req, 'reasignada'), 303);
  });

  app.post('/supervisor/marcas', async (req, reply) => {
    const a = await supervisor(req, reply);
    if (!a) return reply;
    const ctx = a.ctx;
    const code = field(req, 'cliente').trim();
    const reason = field(req, 'motivo').trim();
    if (!code || !(await knownCustomer(ctx, code))) return problem(deps, reply, a, `No hay un cliente «${code}» en cadencia.`);
    if (!reason) return problem(deps, reply, a, 'Escriba el motivo de la marca: queda en la auditoría.');
    if (reason.length > 500) return problem(deps, reply, a, 'El motivo no puede superar los 500 caracteres.');
    let flags: Partial<CustomerFlags>;
    try {
      flags = flagsOf({ contactar: field(req, 'contactar'), disputa: field(req, 'disputa'), judicial: field(req, 'judicial'), nivelFijo: field(req, 'nivel_fijo') });
    } catch {
      return problem(deps, reply, a, 'Alguna marca tiene un valor que no corresponde: vuelva a la página, recárguela e intente de nuevo.');
    }
    const empty: CustomerMarks = { noContactar: false, disputa: false, judicial: false, nivelFijo: null };
    const before = (await marksOf(ctx, code)) ?? empty;
    const at = deps.now();
    await setCustomerFlags(ctx.db, ctx.tables, code, flags, at);
    const after = (await marksOf(ctx, code)) ?? empty;
    await audit(ctx.db, ctx.tables, { user: a.user.email, action: 'marcas', customer: code, before: marksText(before), after: marksText(after), reason }, at);
    deps.options.logger.info(`Web: ${a.user.email} cambió las marcas del cliente ${code}.`);
    return reply.redirect(backTo(req, 'marca'), 303);
  });

  app.get('/supervisor/auditoria', async (req, reply) => {
    const a = await supervisor(req, reply);
    if (!a) return reply;
    const ctx = a.ctx;
    const users = await listUsers(ctx.db, ctx.tables, ctx.config);
    const names = new Map(users.map((u) => [u.email, u.name]));
    const rows = (await ctx.db(ctx.tables.auditoria).select('*').orderBy('ID', 'desc').limit(AUDIT_ROWS)) as Row[];
    const tz = ctx.config.calendar.timeZone;
    const filas = rows.map((r) => {
      const email = text(r.USUARIO).toLowerCase();
      const action = text(r.ACCION);
      return {
        cuando: whenText(r.FECHA, tz),
        quien: names.get(email) && names.get(email) !== email ? `${names.get(email)} (${email})` : email,
        accion: ACTION_LABEL[action] ?? action,
        cliente: text(r.COD_CLIENT) || null,
        antes: readable(r.ANTES),
        despues: readable(r.DESPUES),
        motivo: text(r.MOTIVO) || null,
      };
    });
    return deps.page(reply, { title: 'Auditoría', user: a.user, csrf: a.csrf, company: a.company.name, section: 'supervisor' },
      template(AUDIT)({ filas }));
  });
};
