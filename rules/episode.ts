/**
 * The customer's delinquency episode: it starts the first day its overdue
 * balance reaches `minOverdueToAct` and ends when the balance falls below it.
 * Its start date identifies the episode in task keys, so it must stay the
 * same from cycle to cycle while the episode lasts.
 */
import { addDays } from './dates';
import type { IsoDate, OpenInstallment } from './types';

export interface EpisodeInput {
  /** Overdue installments, oldest first. */
  overdue: readonly OpenInstallment[];
  overdueBalance: number;
  /** From the previous alert (COB_ALERTA.EPISODIO). */
  currentEpisode: IsoDate | null;
  /** Episodes of the customer's open overdue tasks (to recover a lost alert). */
  openTaskEpisodes: readonly IsoDate[];
  today: IsoDate;
  minOverdueToAct: number;
  tolerance: number;
}

/**
 * The episode start, or null when the customer is not in an episode:
 * 1. not overdue enough → null;
 * 2. the previous alert's episode, kept while the customer stays overdue
 *    (even when its oldest installment gets paid);
 * 3. else the earliest episode of its open overdue tasks (alert lost);
 * 4. else the day after the due date on which the overdue balance (of the
 *    installments still open) first reached the threshold — with a small
 *    threshold, the oldest overdue due date + 1.
 */
export function currentEpisode(e: EpisodeInput): IsoDate | null {
  if (e.overdue.length === 0 || e.overdueBalance <= e.tolerance || e.overdueBalance < e.minOverdueToAct) return null;
  if (e.currentEpisode !== null && e.currentEpisode <= e.today) return e.currentEpisode;
  const fromTasks = e.openTaskEpisodes.filter((d) => d <= e.today).sort()[0];
  if (fromTasks !== undefined) return fromTasks;
  let cents = 0;
  const min = Math.round(e.minOverdueToAct * 100);
  for (const i of e.overdue) {
    cents += Math.round(i.pending * 100);
    if (cents >= min) return addDays(i.dueOn, 1);
  }
  return addDays(e.overdue.at(-1)!.dueOn, 1);
}
