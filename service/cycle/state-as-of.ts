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
import type { CycleInputs } from './read-and-plan';

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
  contacts: ContactRecord[];
  /** Contact tasks dated up to asOf. */
  tasks: { on: IsoDate; stepId: string; skipped: boolean; channels: string; role: string }[];
}

const asTier = (v: unknown): Tier | null => {
  const t = v === null || v === undefined ? '' : String(v).trim().toUpperCase();
  return (TIERS as readonly string[]).includes(t) ? (t as Tier) : null;
};

/** Reads the customer's tier history and every contact recorded, up to `asOf` (two queries). */
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
  const contacts = ((await loadRecentContacts(ctx.db, ctx.tables, '1900-01-01')).get(code) ?? [])
    .filter((c) => c.on <= asOf);
  const taskRows = (await ctx.db(ctx.tables.tarea)
    .select('FECHA', 'PASO', 'ESTADO', 'CANALES', 'ROL')
    .where('COD_CLIENT', code)
    .andWhere('FECHA', '<=', asOf)
    .orderBy([{ column: 'FECHA' }, { column: 'ID' }])) as Record<string, unknown>[];
  const tasks: CustomerHistory['tasks'] = [];
  for (const r of taskRows) {
    const on = toIsoDate(r.FECHA);
    if (!on) continue;
    tasks.push({
      on, stepId: String(r.PASO ?? '').trim(), skipped: String(r.ESTADO ?? '').trim() === 'omitida',
      channels: String(r.CANALES ?? '').split(',').join(', '), role: String(r.ROL ?? '').trim(),
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
