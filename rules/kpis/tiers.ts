/**
 * Tier distribution and migrations.
 *
 * - Distribution: how many customers sit in each tier now (COB_CLIENTE.NIVEL).
 * - Migrations: the tier changes recorded in COB_NIVEL_HIST within the period,
 *   counted per (from, to) pair; a first classification has no "from" tier.
 *   Moving to a worse letter (A→B, B→C, A→C) is a downgrade, to a better one an
 *   upgrade: the balance of the two says whether the portfolio is improving.
 */
import { TIERS, type IsoDate, type Tier } from '../types';
import { inPeriod, type Period } from './types';

export type TierCounts = Record<Tier, number>;

export function tierDistribution(tiers: Iterable<string | null>): TierCounts {
  const out: TierCounts = { A: 0, B: 0, C: 0 };
  for (const t of tiers) if (t === 'A' || t === 'B' || t === 'C') out[t] += 1;
  return out;
}

export interface TierChange {
  customerCode: string;
  on: IsoDate;
  from: string | null;
  to: string;
}

export interface TierMigrations {
  /** Count per 'A>B' ('>B' for a first classification). */
  pairs: Record<string, number>;
  upgrades: number;
  downgrades: number;
  firstClassifications: number;
}

export function tierMigrations(changes: readonly TierChange[], period: Period): TierMigrations {
  const out: TierMigrations = { pairs: {}, upgrades: 0, downgrades: 0, firstClassifications: 0 };
  const rank = (t: string): number => TIERS.indexOf(t as Tier);
  for (const c of changes) {
    if (!inPeriod(c.on, period) || c.from === c.to) continue;
    const key = `${c.from ?? ''}>${c.to}`;
    out.pairs[key] = (out.pairs[key] ?? 0) + 1;
    if (c.from === null || rank(c.from) < 0) out.firstClassifications += 1;
    else if (rank(c.to) > rank(c.from)) out.downgrades += 1;
    else out.upgrades += 1;
  }
  return out;
}
