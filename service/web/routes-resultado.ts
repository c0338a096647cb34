/**
 * «Registrar resultado»: what came of a contact with a customer (the same
 * COB_CONTACTO row `cadencia contacto registrar` writes, with the same rules)
 * and what happens to the customer's tasks due today: done, postponed to a
 * day, or left open. The GET only shows the form, filled from the query (the
 * daily digest's outcome buttons link here: a mail scanner following them
 * changes nothing); the POST validates and writes the contact, the tasks, the
 * dispute flag and the audit rows in one transaction.
 *
 * A collector may act only on customers with an open task assigned to them;
 * anything else is «not found», for the GET and the POST alike.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { contactProblem, recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { toIsoDate } from '../../connector/addon/dates';
import { addDays } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import { CONTACT_OUTCOMES, TIERS, type ContactOutcome, type IsoDate, type Tier } from '../../rules/types';
import { parseArAmount } from '../cli/amount';
import type { CompanyContext } from '../context';
import { stepRank } from '../cycle/digests';
import type { Auth, RouteModule, WebDeps } from './server';
import { audit } from './store';
import { RESULTADO } from './templates/resultado';
import { seesEveryone, type WebUser } from './users';
import { template } from './view';
import { customerNames, openTaskOf, pendingTasksQuery, type OpenTask } from './worklist';

type Row = Record<string, unknown>;
type Body = Record<string, unknown>;

/** The outcomes as the form names them, in the order shown. */
export const OUTCOME_CHOICES: readonly { value: ContactOutcome; label: string }[] = [
  { value: 'contactado', label: 'Contactado' },
  { value: 'promesa', label: 'Promesa de pago' },
  { value: 'disputa', label: 'Disputa' },
  { value: 'sin_respuesta', label: 'No responde' },
  { value: 'contacto_erroneo', label: 'Datos de contacto erróneos' },
  { value: 'dice_que_pago', label: 'Dice que pagó' },
  { value: 'nota', label: 'Nota (no es un contacto con el cliente)' },
];

export type TaskAction = 'hecha' | 'pospuesta' | 'abierta';

/**
 * What happens to today's task when the user keeps «según el resultado»:
 * a promise pauses the customer (the task stays open and the customer leaves
 * Hoy until the promised date plus grace passes), a reached customer, wrong
 * contact data or a dispute finish it, no answer tries again the next
 * business day, «says it paid» waits three business days for the receipt to
 * show, and a note changes nothing.
 */
export function defaultAction(outcome: ContactOutcome, asOf: IsoDate, ctx: CompanyContext): { action: TaskAction; until: IsoDate | null } {
  switch (outcome) {
    case 'contactado':
    case 'contacto_erroneo':
    case 'disputa':
      return { action: 'hecha', until: null };
    case 'sin_respuesta':
      return { action: 'pospuesta', until: ctx.calendar.addBusinessDays(asOf, 1) };
    case 'dice_que_pago':
      return { action: 'pospuesta', until: ctx.calendar.addBusinessDays(asOf, 3) };
    case 'promesa':
    case 'nota':
      return { action: 'abierta', until: null };
  }
}

export interface ResultCustomer {
  code: string;
  name: string;
  tier: Tier;
  /** Every pending task, whatever its date. */
  pending: OpenTask[];
  /** Pending tasks due today or before, the leading one first. */
  due: OpenTask[];
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** The customer as the form needs it, or null when the add-on tables know nothing of it. */
export async function loadResultCustomer(ctx: CompanyContext, code: string, asOf: IsoDate): Promise<ResultCustomer | null> {
  const rows = (await pendingTasksQuery(ctx, '9999-12-31', code)) as Row[];
  let name = rows.length > 0 ? (await customerNames(ctx, [code])).get(code) ?? code : '';
  let tierText = text(rows[0]?.A_NIVEL ?? rows[0]?.NIVEL);
  if (rows.length === 0) {
    const alert = (await ctx.db(ctx.tables.vAlertas).select('RAZON_SOCIAL', 'NIVEL').where('COD_CLIENT', code).first()) as Row | undefined;
    if (!alert) return null;
    name = text(alert.RAZON_SOCIAL);
    tierText = text(alert.NIVEL);
  }
  const tier = ((TIERS as readonly string[]).includes(tierText.toUpperCase()) ? tierText.toUpperCase() : 'B') as Tier;
  const pending = rows.map(openTaskOf);
  const rules = ctx.config.rules;
  const due = pending.filter((t) => t.dueOn <= asOf).sort((a, b) => {
    const ra = stepRank(a, tier, rules);
    const rb = stepRank(b, tier, rules);
    return ra[0] - rb[0] || ra[1] - rb[1] || a.id - b.id;
  });
  return { code, name: name || code, tier, pending, due };
}

/** A collector acts only on customers with an open task assigned to them; supervisors and administrators on any. */
export function mayActOn(user: WebUser, c: ResultCustomer): boolean {
  if (seesEveryone(user)) return true;
  const me = user.email.toLowerCase();
  return c.pending.some((t) => t.assigneeEmail === me);
}

/** The vouchers of the customer's open tasks, one per installment ('FAC A 0001-00001234'). */
function vouchersOf(c: ResultCustomer): { value: string; label: string }[] {
  const out = new Map<string, string>();
  for (const t of c.pending) {
    for (const part of t.vouchers.split(';').map((p) => p.trim()).filter(Boolean)) {
      if (part === '…') continue;
      const value = part.split(' vto ')[0]!.trim();
      if (!out.has(value)) out.set(value, part);
    }
  }
  return [...out].map(([value, label]) => ({ value, label }));
}

/** A date typed in the form: AAAA-MM-DD (the date input) or dd/mm/aaaa. */
function formDate(value: string): IsoDate | null | 'invalida' {
  const v = value.trim();
  if (v === '') return null;
  const ar = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = ar ? `${ar[3]}-${ar[2]!.padStart(2, '0')}-${ar[1]!.padStart(2, '0')}` : v;
  return toIsoDate(iso) ?? 'invalida';
}

interface FormValues {
  resultado: string;
  fecha: string;
  importe: string;
  motivo: string;
  comprobantes: string[];
  otros: string;
  tarea: string;
  hasta: string;
  observaciones: string;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' && v !== '' ? [v] : [];
}

function valuesOf(source: Body | undefined): FormValues {
  const s = (name: string) => (typeof source?.[name] === 'string' ? (source[name] as string) : '');
  return {
    resultado: s('resultado').trim().toLowerCase().replace(/-/g, '_'),
    fecha: s('fecha'),
    importe: s('importe'),
    motivo: s('motivo'),
    comprobantes: list(source?.comprobantes),
    otros: s('otros'),
    tarea: s('tarea') || 'auto',
    hasta: s('hasta'),
    observaciones: s('observaciones'),
  };
}

interface Checked {
  outcome: ContactOutcome;
  promiseDate: IsoDate | null;
  promiseAmount: number | null;
  action: TaskAction;
  until: IsoDate | null;
  note: string | null;
  disputed: string[];
}

const MAX_NOTE = 500;
const MAX_POSTPONE_DAYS = 365;

/** One clear Spanish line per bad field, or the values to write. */
export function checkForm(v: FormValues, asOf: IsoDate, ctx: CompanyContext): { errors: string[]; checked: Checked | null } {
  const errors: string[] = [];
  const outcome = (CONTACT_OUTCOMES as readonly string[]).includes(v.resultado) ? (v.resultado as ContactOutcome) : null;
  if (outcome === null) errors.push('Resultado: elija qué pasó con el contacto.');
  let promiseDate: IsoDate | null = null;
  let promiseAmount: number | null = null;
  if (outcome === 'promesa') {
    const d = formDate(v.fecha);
    if (d === null) errors.push('Fecha prometida: falta la fecha en que el cliente promete pagar.');
    else if (d === 'invalida') errors.push(`Fecha prometida: «${v.fecha}» no es una fecha (use dd/mm/aaaa).`);
    else promiseDate = d;
    if (v.importe.trim() === '') errors.push('Importe prometido: falta el importe que el cliente promete pagar.');
    else {
      try {
        promiseAmount = parseArAmount(v.importe, 'Importe prometido');
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    if (promiseDate !== null && promiseAmount !== null) {
      // The same rules as `cadencia contacto registrar` and the cycle's reading of COB_CONTACTO.
      const problem = contactProblem({ on: asOf, outcome, promiseDate, promiseAmount });
      if (problem) errors.push(problem.startsWith('La fecha') ? `Fecha prometida: ${problem}` : problem);
    }
  }
  const disputed = outcome === 'disputa'
    ? [...v.comprobantes.map((c) => c.trim()).filter(Boolean), ...(v.otros.trim() ? [v.otros.trim()] : [])]
    : [];
  if (outcome === 'disputa' && v.motivo.trim() === '') errors.push('Motivo: escriba por qué el cliente discute la deuda.');
  if (outcome === 'nota' && v.observaciones.trim() === '') errors.push('Observaciones: escriba el texto de la nota.');
  let action: TaskAction = 'abierta';
  let until: IsoDate | null = null;
  if (outcome !== null) {
    if (v.tarea === 'auto') ({ action, until } = defaultAction(outcome, asOf, ctx));
    else if (v.tarea === 'hecha' || v.tarea === 'abierta') action = v.tarea;
    else if (v.tarea === 'pospuesta') {
      action = 'pospuesta';
      const d = formDate(v.hasta);
      if (d === null) errors.push('Pospuesta hasta: falta la fecha en que la tarea vuelve a la lista.');
      else if (d === 'invalida') errors.push(`Pospuesta hasta: «${v.hasta}» no es una fecha (use dd/mm/aaaa).`);
      else if (d <= asOf) errors.push(`Pospuesta hasta: la fecha (${formatDate(d)}) tiene que ser posterior a hoy (${formatDate(asOf)}).`);
      else if (d > addDays(asOf, MAX_POSTPONE_DAYS)) errors.push(`Pospuesta hasta: la fecha (${formatDate(d)}) está a más de ${MAX_POSTPONE_DAYS} días.`);
      else until = d;
    } else errors.push('La tarea de hoy: elija qué pasa con la tarea.');
  }
  const parts = [
    outcome === 'disputa' && v.motivo.trim() ? `Motivo: ${v.motivo.trim()}.` : '',
    disputed.length > 0 ? `Comprobantes: ${disputed.join(', ')}.` : '',
    v.observaciones.trim(),
  ].filter(Boolean);
  const note = parts.join(' ');
  if (note.length > MAX_NOTE) errors.push(`Observaciones: el texto tiene ${note.length} caracteres; el máximo es ${MAX_NOTE}.`);
  if (errors.length > 0 || outcome === null) return { errors, checked: null };
  return { errors, checked: { outcome, promiseDate, promiseAmount, action, until, note: note || null, disputed } };
}

function actionChoices(v: FormValues, asOf: IsoDate, ctx: CompanyContext) {
  const auto = (o: ContactOutcome) => {
    const d = defaultAction(o, asOf, ctx);
    return d.action === 'hecha' ? 'hecha' : d.action === 'pospuesta' ? `pospuesta hasta el ${formatDate(d.until!)}` : 'sigue abierta';
  };
  return [
    {
      valor: 'auto',
      nombre: `Según el resultado (promesa: sigue abierta y el cliente queda en espera hasta la fecha prometida; contactado, datos erróneos o disputa: ${auto('contactado')}; `
        + `no responde: ${auto('sin_respuesta')}; dice que pagó: ${auto('dice_que_pago')}; nota: ${auto('nota')})`,
    },
    { valor: 'hecha', nombre: 'Hecha' },
    { valor: 'pospuesta', nombre: 'Pospuesta hasta la fecha de abajo' },
    { valor: 'abierta', nombre: 'Sigue abierta' },
  ].map((a) => ({ ...a, elegida: a.valor === v.tarea }));
}

function showForm(
  deps: WebDeps, reply: FastifyReply, a: Auth, c: ResultCustomer, v: FormValues, asOf: IsoDate, errors: string[], status: number,
): FastifyReply {
  const chosen = new Set(v.comprobantes);
  // The postponement date defaults to what the outcome would choose (or the next business day).
  const outcome = (CONTACT_OUTCOMES as readonly string[]).includes(v.resultado) ? (v.resultado as ContactOutcome) : null;
  const suggested = (outcome ? defaultAction(outcome, asOf, a.ctx).until : null) ?? a.ctx.calendar.addBusinessDays(asOf, 1);
  return deps.page(reply, { title: `Registrar resultado · ${c.name}`, user: a.user, csrf: a.csrf, company: a.company.name, section: 'hoy' },
    template(RESULTADO)({
      csrf: a.csrf,
      codigo: c.code,
      nombre: c.name,
      hoy: asOf,
      manana: addDays(asOf, 1),
      tarea: c.due[0] ?? null,
      errores: errors,
      resultados: OUTCOME_CHOICES.map((o) => ({ valor: o.value, nombre: o.label, elegido: o.value === v.resultado })),
      comprobantes: vouchersOf(c).map((x) => ({ valor: x.value, texto: x.label, elegido: chosen.has(x.value) })),
      acciones: actionChoices(v, asOf, a.ctx),
      valores: { ...v, hasta: v.hasta || suggested },
    }), status);
}

/** The customer of the URL when this user may act on it; otherwise the 404 page has been sent. */
async function customerFor(deps: WebDeps, req: FastifyRequest, reply: FastifyReply, a: Auth): Promise<ResultCustomer | null> {
  const code = (req.params as { code: string }).code.trim();
  const c = code && code.length <= 20 ? await loadResultCustomer(a.ctx, code, deps.asOf(a.ctx)) : null;
  if (!c || !mayActOn(a.user, c)) {
    deps.notFound(reply, a);
    return null;
  }
  return c;
}

function taskState(t: Row): Record<string, unknown> {
  return {
    id: Number(t.ID), paso: text(t.PASO), estado: text(t.ESTADO), fecha: toIsoDate(t.FECHA),
    motivoCierre: text(t.MOTIVO_CIERRE) || null, hechaPor: text(t.HECHA_POR) || null,
    pospuestaHasta: toIsoDate(t.POSPUESTA_HASTA),
  };
}

/** Writes the contact, moves today's tasks, flags a dispute and audits it all, in one transaction. */
async function record(ctx: CompanyContext, user: WebUser, c: ResultCustomer, x: Checked, asOf: IsoDate, now: Date): Promise<number> {
  const t = ctx.tables;
  return ctx.db.transaction(async (trx: Knex.Transaction) => {
    const lead = c.due[0] ?? null;
    const id = await recordContact(trx, t, {
      customerCode: c.code, on: asOf, outcome: x.outcome, promiseDate: x.promiseDate, promiseAmount: x.promiseAmount,
      taskId: lead?.id ?? null, user: user.email, note: x.note,
    }, now);
    await audit(trx, t, {
      user: user.email, action: 'resultado', customer: c.code, taskId: lead?.id ?? null, before: null,
      after: {
        contacto: id, resultado: x.outcome, fechaPromesa: x.promiseDate, importePromesa: x.promiseAmount,
        tarea: x.action, hasta: x.until, observaciones: x.note,
      },
    }, now);
    if (x.action !== 'abierta' && c.due.length > 0) {
      // Only what is still pending now (another user may have moved a task meanwhile).
      const rows = (await trx(t.tarea)
        .select('ID', 'PASO', 'ESTADO', 'FECHA', 'MOTIVO_CIERRE', 'HECHA_POR', 'POSPUESTA_HASTA')
        .whereIn('ID', c.due.map((d) => d.id))
        .andWhere('ESTADO', 'pendiente')) as Row[];
      for (const r of rows) {
        const change = x.action === 'hecha'
          ? { ESTADO: 'cerrada', MOTIVO_CIERRE: 'hecha', HECHA_POR: user.email.toLowerCase(), CERRADA: now }
          : { FECHA: x.until, POSPUESTA_HASTA: x.until };
        await trx(t.tarea).update(change).where('ID', Number(r.ID)).andWhere('ESTADO', 'pendiente');
        const after = x.action === 'hecha'
          ? { ...taskState(r), estado: 'cerrada', motivoCierre: 'hecha', hechaPor: user.email.toLowerCase() }
          : { ...taskState(r), fecha: x.until, pospuestaHasta: x.until };
        await audit(trx, t, {
          user: user.email, action: x.action === 'hecha' ? 'tarea_hecha' : 'tarea_pospuesta', customer: c.code,
          taskId: Number(r.ID), before: taskState(r), after, reason: `Resultado: ${x.outcome} (contacto n.º ${id}).`,
        }, now);
      }
    }
    if (x.outcome === 'disputa') {
      const before = (await trx(t.cliente).select('EN_DISPUTA').where('COD_CLIENT', c.code).first()) as Row | undefined;
      await setCustomerFlags(trx, t, c.code, { dispute: true }, now);
      await audit(trx, t, {
        user: user.email, action: 'marca_disputa', customer: c.code, taskId: lead?.id ?? null,
        before: { enDisputa: before ? Boolean(Number(before.EN_DISPUTA) || before.EN_DISPUTA === true) : false },
        after: { enDisputa: true }, reason: x.note,
      }, now);
    }
    return id;
  });
}

export const resultadoRoutes: RouteModule = (app, deps) => {
  app.get('/cliente/:code/resultado', async (req, reply) => {
    const a = await deps.auth(req, reply);
    if (!a) return reply;
    const c = await customerFor(deps, req, reply, a);
    if (!c) return reply;
    const q = req.query as Body;
    // Filled from the digest's buttons: ?resultado=promesa&fecha=…&importe=… (nothing is written).
    const v = valuesOf({ ...q, tarea: typeof q.tarea === 'string' ? q.tarea : 'auto' });
    if (!(CONTACT_OUTCOMES as readonly string[]).includes(v.resultado)) v.resultado = '';
    if (!['auto', 'hecha', 'pospuesta', 'abierta'].includes(v.tarea)) v.tarea = 'auto';
    return showForm(deps, reply, a, c, v, deps.asOf(a.ctx), [], 200);
  });

  app.post('/cliente/:code/resultado', async (req, reply) => {
    const a = await deps.auth(req, reply);
    if (!a) return reply;
    const c = await customerFor(deps, req, reply, a);
    if (!c) return reply;
    const asOf = deps.asOf(a.ctx);
    const v = valuesOf(req.body as Body | undefined);
    const { errors, checked } = checkForm(v, asOf, a.ctx);
    if (!checked) return showForm(deps, reply, a, c, v, asOf, errors, 400);
    const id = await record(a.ctx, a.user, c, checked, asOf, deps.now());
    a.ctx.logger.info(`Web: ${a.user.email} registró el contacto n.º ${id} (${checked.outcome}) del cliente ${c.code}; tarea: ${checked.action}.`);
    return reply.redirect('/hoy?hecho=resultado', 303);
  });
};
