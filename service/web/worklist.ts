/**
 * What the worklist shows, read from the add-on tables (never the whole ERP):
 * «Hoy» lists one entry per customer with pending tasks due today or before,
 * in the list of whoever owns the customer's leading step (the same rule as
 * the daily digest), ordered by priority: tier C first, then days late, then
 * the amount overdue. Customers paused by a promise in force (or the contact
 * cap) are listed apart, not to be contacted.
 */
import type { Knex } from 'knex';
import { stepLabel } from '../../rules/alert';
import { addDays } from '../../rules/dates';
import { TIERS, type IsoDate, type Tier } from '../../rules/types';
import { toIsoDate } from '../../connector/addon/dates';
import type { CompanyContext } from '../context';
import { dialectOf } from '../../connector/connection';
import { trimmedSql } from '../../connector/dialect/addon-sql';
import { checkViewSources } from '../../connector/addon/views';
import { stepRank } from '../cycle/digests';
import { CHANNEL_LABEL, OUTCOME_LABEL, TIER_RANK } from '../mail/labels';

type Row = Record<string, unknown>;

export interface LastContact {
  on: IsoDate;
  outcome: string;
  label: string;
  promiseDate: IsoDate | null;
  promiseAmount: number | null;
  note: string | null;
  user: string | null;
}

export interface OpenTask {
  id: number;
  stepId: string;
  step: string;
  dueOn: IsoDate;
  channels: string[];
  vouchers: string;
  assigneeName: string | null;
  assigneeEmail: string | null;
  postponedUntil: IsoDate | null;
  reassignedBy: string | null;
}

export interface HoyEntry {
  code: string;
  name: string;
  tier: Tier;
  daysLate: number;
  overdue: number;
  lead: OpenTask;
  tasks: OpenTask[];
  lastContact: LastContact | null;
  /** Why the customer waits today (a promise in force, the contact cap), or null. */
  pause: string | null;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

function num(v: unknown): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}

function tierOf(v: unknown): Tier {
  const t = text(v).toUpperCase();
  return (TIERS as readonly string[]).includes(t) ? (t as Tier) : 'B';
}

const PAUSES: Record<string, string> = {
  promesa_vigente: 'promesa de pago vigente',
  tope_contactos: 'tope de contactos del período',
};

/** Pending tasks due on or before `asOf`, optionally of one customer, with the alert's figures. */
export function pendingTasksQuery(ctx: CompanyContext, asOf: IsoDate, customer?: string, owner?: string): Knex.QueryBuilder {
  const t = ctx.tables;
  const q = ctx.db({ x: t.tarea })
    .leftJoin({ a: t.alerta }, 'a.COD_CLIENT', 'x.COD_CLIENT')
    .select(
      'x.ID', 'x.COD_CLIENT', 'x.PASO', 'x.FECHA', 'x.CANALES', 'x.NIVEL', 'x.DIAS_ATRASO', 'x.SALDO_VENCIDO',
      'x.COMPROBANTES', 'x.RESPONSABLE', 'x.RESPONSABLE_EMAIL', 'x.POSPUESTA_HASTA', 'x.ASIGNADA_POR',
      { A_NIVEL: 'a.NIVEL' }, { A_DIAS: 'a.DIAS_ATRASO' }, { A_VENCIDO: 'a.SALDO_VENCIDO' },
      'a.SUSPENDIDA_POR',
    )
    .where('x.ESTADO', 'pendiente')
    .andWhere('x.FECHA', '<=', asOf);
  if (customer !== undefined) q.andWhere('x.COD_CLIENT', customer);
  // Only customers with at least one due task of that person: their leading step may still be someone else's.
  if (owner !== undefined) {
    q.whereIn('x.COD_CLIENT', ctx.db(t.tarea).select('COD_CLIENT')
      .where('ESTADO', 'pendiente').andWhere('FECHA', '<=', asOf).andWhereRaw('LOWER(??) = ?', ['RESPONSABLE_EMAIL', owner]));
  }
  return q.orderBy([{ column: 'x.COD_CLIENT' }, { column: 'x.ID' }]);
}

export function openTaskOf(r: Row): OpenTask {
  return {
    id: num(r.ID),
    stepId: text(r.PASO),
    step: stepLabel(text(r.PASO)),
    dueOn: toIsoDate(r.FECHA) ?? '',
    channels: text(r.CANALES).split(',').map((c) => c.trim()).filter(Boolean)
      .map((c) => CHANNEL_LABEL[c as keyof typeof CHANNEL_LABEL] ?? c),
    vouchers: text(r.COMPROBANTES),
    assigneeName: text(r.RESPONSABLE) || null,
    assigneeEmail: text(r.RESPONSABLE_EMAIL).toLowerCase() || null,
    postponedUntil: toIsoDate(r.POSPUESTA_HASTA),
    reassignedBy: text(r.ASIGNADA_POR) || null,
  };
}

/**
 * Customer names from the ERP's customer table (the profile's view sources),
 * one scan for a list of codes: cheaper than joining the ERP on trimmed codes row by row.
 */
export async function customerNames(ctx: CompanyContext, codes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const s = checkViewSources(ctx.profile.addon.views);
  const code = trimmedSql(s.customerCode, dialectOf(ctx.db));
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = (await ctx.db.from(s.customerTable)
      .select(ctx.db.raw(`${code} AS CODIGO`), ctx.db.raw(`${s.customerName} AS NOMBRE`))
      .whereRaw(`${code} IN (${codes.slice(i, i + 1000).map(() => '?').join(', ')})`, codes.slice(i, i + 1000))) as Row[];
    for (const r of rows) out.set(text(r.CODIGO), text(r.NOMBRE));
  }
  return out;
}

/** The latest contact recorded for each customer. */
export async function lastContacts(ctx: CompanyContext, codes: readonly string[]): Promise<Map<string, LastContact>> {
  const out = new Map<string, LastContact>();
  const t = ctx.tables;
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = (await ctx.db(t.contacto)
      .select('COD_CLIENT', 'FECHA', 'RESULTADO', 'FECHA_PROMESA', 'IMPORTE_PROMESA', 'OBSERVACIONES', 'USUARIO', 'ID')
      .whereIn('COD_CLIENT', codes.slice(i, i + 1000))
      .orderBy([{ column: 'COD_CLIENT' }, { column: 'FECHA', order: 'desc' }, { column: 'ID', order: 'desc' }])) as Row[];
    for (const r of rows) {
      const code = text(r.COD_CLIENT);
      if (out.has(code)) continue;
      const outcome = text(r.RESULTADO).toLowerCase();
      out.set(code, {
        on: toIsoDate(r.FECHA) ?? '',
        outcome,
        label: OUTCOME_LABEL[outcome] ?? outcome,
        promiseDate: toIsoDate(r.FECHA_PROMESA),
        promiseAmount: r.IMPORTE_PROMESA === null || r.IMPORTE_PROMESA === undefined ? null : num(r.IMPORTE_PROMESA),
        note: text(r.OBSERVACIONES) || null,
        user: text(r.USUARIO) || null,
      });
    }
  }
  return out;
}

/** The promised date of each customer's latest promise recorded up to `asOf`. */
async function latestPromiseDates(ctx: CompanyContext, codes: readonly string[], asOf: IsoDate): Promise<Map<string, IsoDate>> {
  const out = new Map<string, IsoDate>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = (await ctx.db(ctx.tables.contacto)
      .select('COD_CLIENT', 'FECHA_PROMESA')
      .whereIn('COD_CLIENT', codes.slice(i, i + 1000))
      .andWhere('RESULTADO', 'promesa')
      .andWhere('FECHA', '<=', asOf)
      .orderBy([{ column: 'COD_CLIENT' }, { column: 'FECHA', order: 'desc' }, { column: 'ID', order: 'desc' }])) as Row[];
    for (const r of rows) {
      const code = text(r.COD_CLIENT);
      const date = toIsoDate(r.FECHA_PROMESA);
      if (!out.has(code) && date) out.set(code, date);
    }
  }
  return out;
}

export interface HoyOptions {
  /** Only the entries whose leading step belongs to this e-mail; all when absent. */
  owner?: string;
  customer?: string;
}

/** Today's entries, one per customer, highest priority first. */
export async function hoyEntries(ctx: CompanyContext, asOf: IsoDate, opts: HoyOptions = {}): Promise<HoyEntry[]> {
  const rows = (await pendingTasksQuery(ctx, asOf, opts.customer, opts.owner?.toLowerCase())) as Row[];
  const byCustomer = new Map<string, Row[]>();
  for (const r of rows) {
    const code = text(r.COD_CLIENT);
    const list = byCustomer.get(code) ?? [];
    list.push(r);
    byCustomer.set(code, list);
  }
  const rules = ctx.config.rules;
  const entries: HoyEntry[] = [];
  for (const [code, list] of byCustomer) {
    const first = list[0]!;
    const tier = tierOf(first.A_NIVEL ?? first.NIVEL);
    const tasks = list.map(openTaskOf)
      .sort((a, b) => {
        const ra = stepRank(a, tier, rules);
        const rb = stepRank(b, tier, rules);
        return ra[0] - rb[0] || ra[1] - rb[1] || a.id - b.id;
      });
    const lead = tasks[0]!;
    if (opts.owner && lead.assigneeEmail !== opts.owner.toLowerCase()) continue;
    const suspended = text(first.SUSPENDIDA_POR);
    entries.push({
      code,
      name: code,
      tier,
      daysLate: num(first.A_DIAS ?? first.DIAS_ATRASO),
      overdue: num(first.A_VENCIDO ?? first.SALDO_VENCIDO),
      lead,
      tasks,
      lastContact: null,
      pause: PAUSES[suspended] ?? null,
    });
  }
  const codes = entries.map((e) => e.code);
  const names = await customerNames(ctx, codes);
  for (const e of entries) e.name = names.get(e.code) || e.code;
  const contacts = await lastContacts(ctx, codes);
  const promises = await latestPromiseDates(ctx, entries.filter((e) => !e.pause).map((e) => e.code), asOf);
  const grace = rules.promises.graceDays;
  for (const e of entries) {
    e.lastContact = contacts.get(e.code) ?? null;
    // A promise recorded since the last cycle pauses the customer at once, until its date (plus grace) passes
    // (whatever was recorded after it, e.g. a note: the planner looks at the latest promise too).
    const promised = promises.get(e.code);
    if (!e.pause && promised && addDays(promised, grace) >= asOf) {
      e.pause = PAUSES.promesa_vigente!;
    }
  }
  return entries.sort((a, b) =>
    TIER_RANK[a.tier] - TIER_RANK[b.tier] || b.daysLate - a.daysLate || b.overdue - a.overdue || a.code.localeCompare(b.code));
}
