/**
 * A customer's stored state as it was on a given day, for `explicar --fecha`:
 * its tier from the tier history (never a tier decided after that day), the
 * contacts and tasks dated up to that day, and its timeline of contacts,
 * promises, tasks and tier changes.
 */
import { loadRecentContacts } from '../../connector/addon/state';
import { toIsoDate } from '../../connector/addon/dates';
import { TIERS, type ContactRecord, type IsoDate, type Tier } from '../../rules/types';
import type { CompanyContext } from '../context';
import { readAndPlanCustomer, type CycleInputs, type OneCustomerPlan } from './read-and-plan';
import { appliedVersions } from '../../connector/addon/migrations';

export interface TierChange {
  on: IsoDate;
  from: Tier | null;
  to: Tier;
  rule: string;
  reason: string;
}

export interface CustomerHistory {
  asOf: IsoDate;
  /** Oldest first, up to asOf. */
  tierChanges: TierChange[];
  /** Whether the history holds changes after asOf (the stored tier is newer than the date asked). */
  changedAfter: boolean;
  /** Contacts recorded up to asOf, oldest first, with who recorded them and their notes. */
  contacts: (ContactRecord & { user: string | null; note: string | null })[];
  /** Contact tasks dated up to asOf, oldest first, any status. */
  tasks: HistoryTask[];
}

export interface HistoryTask {
  on: IsoDate;
  stepId: string;
  /** pendiente | cerrada | omitida (as stored). */
  status: string;
  skipped: boolean;
  /** 'email, telefono'. */
  channels: string;
  role: string;
  /** Staff member the task was assigned to (RESPONSABLE). */
  responsible: string | null;
  /** MOTIVO_CIERRE: pagada | reemplazada | suspendida | cliente_al_dia. */
  closeReason: string | null;
}

const textOrNull = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());

const asTier = (v: unknown): Tier | null => {
  const t = v === null || v === undefined ? '' : String(v).trim().toUpperCase();
  return (TIERS as readonly string[]).includes(t) ? (t as Tier) : null;
};

/** Reads the customer's tier history, contacts and tasks up to `asOf` (every query filtered to the customer). */
export async function loadCustomerHistory(ctx: CompanyContext, code: string, asOf: IsoDate): Promise<CustomerHistory> {
  const rows = (await ctx.db(ctx.tables.nivelHist)
    .select('FECHA', 'NIVEL_ANTERIOR', 'NIVEL', 'REGLA', 'MOTIVO')
    .where('COD_CLIENT', code)
    .orderBy([{ column: 'FECHA' }, { column: 'ID' }])) as Record<string, unknown>[];
  const tierChanges: TierChange[] = [];
  let changedAfter = false;
  for (const r of rows) {
    const on = toIsoDate(r.FECHA);
    const to = asTier(r.NIVEL);
    if (!on || !to) continue;
    if (on > asOf) {
      changedAfter = true;
      continue;
    }
    tierChanges.push({ on, from: asTier(r.NIVEL_ANTERIOR), to, rule: String(r.REGLA ?? '').trim(), reason: String(r.MOTIVO ?? '') });
  }
  const notes = new Map(((await ctx.db(ctx.tables.contacto)
    .select('ID', 'USUARIO', 'OBSERVACIONES')
    .where('COD_CLIENT', code)
    .andWhere('FECHA', '<=', asOf)) as Record<string, unknown>[])
    .map((r) => [Number(r.ID), { user: textOrNull(r.USUARIO), note: textOrNull(r.OBSERVACIONES) }] as const));
  const contacts = ((await loadRecentContacts(ctx.db, ctx.tables, '1900-01-01', undefined, code)).get(code) ?? [])
    .filter((c) => c.on <= asOf)
    .map((c) => ({ ...c, ...(notes.get(c.id) ?? { user: null, note: null }) }));
  const taskRows = (await ctx.db(ctx.tables.tarea)
    .select('FECHA', 'PASO', 'ESTADO', 'CANALES', 'ROL', 'RESPONSABLE', 'MOTIVO_CIERRE')
    .where('COD_CLIENT', code)
    .andWhere('FECHA', '<=', asOf)
    .orderBy([{ column: 'FECHA' }, { column: 'ID' }])) as Record<string, unknown>[];
  const tasks: HistoryTask[] = [];
  for (const r of taskRows) {
    const on = toIsoDate(r.FECHA);
    if (!on) continue;
    const status = String(r.ESTADO ?? '').trim();
    tasks.push({
      on, stepId: String(r.PASO ?? '').trim(), status, skipped: status === 'omitida',
      channels: String(r.CANALES ?? '').split(',').join(', '), role: String(r.ROL ?? '').trim(),
      responsible: textOrNull(r.RESPONSABLE), closeReason: textOrNull(r.MOTIVO_CIERRE),
    });
  }
  return { asOf, tierChanges, changedAfter, contacts, tasks };
}

/**
 * Replaces what the cycle remembers of `code` by its state on `history.asOf`:
 * nothing decided, recorded or scheduled after that day is used.
 */
export function rewindCustomer(inputs: CycleInputs, code: string, history: CustomerHistory): void {
  const asOf = history.asOf;
  const stored = inputs.tierStates.get(code);
  const last = history.tierChanges[history.tierChanges.length - 1];
  if (stored && stored.since <= asOf && !history.changedAfter) {
    const waiting = stored.candidateSince !== null && stored.candidateSince <= asOf;
    inputs.tierStates.set(code, { ...stored, candidate: waiting ? stored.candidate : null, candidateSince: waiting ? stored.candidateSince : null });
  } else if (last) {
    inputs.tierStates.set(code, { customerCode: code, tier: last.to, since: last.on, candidate: null, candidateSince: null });
  } else {
    inputs.tierStates.delete(code);
  }
  // CREADA is the wall clock of the cycle that wrote the task: the task's own day decides.
  inputs.tasksOf.set(code, (inputs.tasksOf.get(code) ?? []).filter((t) => t.dueOn <= asOf));
  inputs.contactsOf.set(code, (inputs.contactsOf.get(code) ?? []).filter((c) => c.on <= asOf));
  const episode = inputs.episodes.get(code);
  if (episode && episode > asOf) inputs.episodes.set(code, null);
}

/**
 * One customer read and planned as of `asOf`, its stored state taken back to
 * that day, with its history (null before the add-on schema exists): what
 * `explicar` prints and the web page of a customer shows. Null when the ERP
 * has no such customer.
 */
export async function readCustomerAsOf(
  ctx: CompanyContext, code: string, asOf: IsoDate,
): Promise<{ read: OneCustomerPlan; history: CustomerHistory | null } | null> {
  const wanted = code.trim();
  const migrated = (await appliedVersions(ctx.db, ctx.tables)).length > 0;
  const history = migrated ? await loadCustomerHistory(ctx, wanted, asOf) : null;
  const read = await readAndPlanCustomer(ctx, wanted, asOf, history ? (inputs) => rewindCustomer(inputs, wanted, history) : undefined);
  return read ? { read, history } : null;
}
