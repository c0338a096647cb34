/**
 * Recovery at 7, 30 and 60 days ("recupero a 7/30/60 días").
 *
 * A delinquency episode starts when a customer falls overdue (COB_TAREA
 * EPISODIO). Its first contact is the first recorded outcome that reached the
 * customer on or after the episode start. Recovery at N days is the share of
 * the overdue balance at that first contact which the customer paid (ERP
 * receipts) from the contact day through N days later, each episode capped at
 * its own balance, summed over the episodes whose first contact fell in the
 * period and whose N days have already passed:
 *
 *   recovery(N) = Σ min(paid in [contact, contact + N], overdue at contact) / Σ overdue at contact
 *
 * The overdue balance at the first contact is that of the episode's latest
 * task created on or before the contact (its SALDO_VENCIDO), else its first task.
 */
import { addDays } from '../dates';
import type { ContactRecord, IsoDate } from '../types';
import { REACHED_OUTCOMES, type KpiTask } from './contacts';
import { inPeriod, type MoneyFlow, type Period, type Ratio } from './types';

export const RECOVERY_HORIZONS = [7, 30, 60] as const;
export type RecoveryHorizon = (typeof RECOVERY_HORIZONS)[number];

export interface ContactedEpisode {
  customerCode: string;
  episode: IsoDate;
  firstContactOn: IsoDate;
  overdueAtContact: number;
}

/** First reaching contact of each overdue episode, with the overdue balance then. */
export function contactedEpisodes(tasks: readonly KpiTask[], contacts: readonly ContactRecord[]): ContactedEpisode[] {
  const episodes = new Map<string, KpiTask[]>();
  for (const t of tasks) {
    if (t.overdueBalance <= 0) continue; // pre-due reminders are not a delinquency episode
    const key = `${t.customerCode}|${t.episode}`;
    const list = episodes.get(key) ?? [];
    list.push(t);
    episodes.set(key, list);
  }
  const startsOf = new Map<string, IsoDate[]>();
  for (const list of episodes.values()) {
    const t = list[0] as KpiTask;
    startsOf.set(t.customerCode, [...(startsOf.get(t.customerCode) ?? []), t.episode].sort());
  }
  const reached = [...contacts].filter((c) => REACHED_OUTCOMES.has(c.outcome)).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id));
  const out: ContactedEpisode[] = [];
  for (const list of episodes.values()) {
    const first = list[0] as KpiTask;
    const starts = startsOf.get(first.customerCode) ?? [];
    const next = starts.find((s) => s > first.episode) ?? null;
    const ids = new Set(list.map((t) => t.id));
    const contact = reached.find((c) =>
      c.customerCode === first.customerCode &&
      (c.taskId !== null && ids.has(c.taskId) ? true : c.on >= first.episode && (next === null || c.on < next)));
    if (!contact) continue;
    const byCreation = [...list].sort((a, b) => (a.createdOn < b.createdOn ? -1 : a.createdOn > b.createdOn ? 1 : a.id - b.id));
    const before = byCreation.filter((t) => t.createdOn <= contact.on);
    const task = before[before.length - 1] ?? byCreation[0] as KpiTask;
    out.push({
      customerCode: first.customerCode, episode: first.episode, firstContactOn: contact.on, overdueAtContact: task.overdueBalance,
    });
  }
  return out.sort((a, b) => (a.firstContactOn < b.firstContactOn ? -1 : a.firstContactOn > b.firstContactOn ? 1 : a.customerCode.localeCompare(b.customerCode)));
}

export function recoveryRate(
  episodes: readonly ContactedEpisode[], flows: readonly MoneyFlow[], period: Period, horizon: number, asOf: IsoDate,
): Ratio {
  let owed = 0;
  let recovered = 0;
  for (const e of episodes) {
    if (!inPeriod(e.firstContactOn, period)) continue;
    const until = addDays(e.firstContactOn, horizon);
    if (until > asOf) continue; // not matured yet
    const paid = flows
      .filter((f) => f.kind === 'cobro' && f.customerCode === e.customerCode && f.on >= e.firstContactOn && f.on <= until)
      .reduce((sum, f) => sum + f.amount, 0);
    owed += e.overdueAtContact;
    recovered += Math.min(paid, e.overdueAtContact);
  }
  return { numerator: recovered, denominator: owed, rate: owed > 0 ? recovered / owed : null };
}
