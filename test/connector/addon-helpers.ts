/** Shared fixtures for the add-on tests: a temp SQLite database, plan builders and table dumps. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../../connector/connection';
import { migrate } from '../../connector/addon/migrations';
import { addonTables, type AddonTables } from '../../connector/addon/tables';
import type { Alert, NewTask, OpenInstallment, Plan, TierDecision } from '../../rules/types';

export interface TempDb {
  db: Knex;
  t: AddonTables;
  close(): Promise<void>;
}

export async function tempDb(opts: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'cadencia-addon-'));
  const db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
  const t = addonTables();
  if (opts.migrate !== false) await migrate(db, t, undefined, () => new Date('2026-03-01T10:00:00Z'));
  return {
    db,
    t,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every add-on table, ordered, as JSON: equal dumps mean nothing was written. */
export async function dumpAddon(db: Knex, t: AddonTables): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const name of [t.cliente, t.alerta, t.tarea, t.contacto, t.nivelHist, t.correo, t.ejecucion, t.migracion]) {
    const rows = await db(name).select('*').orderByRaw('1');
    out[name] = rows.map((r: object) => ({ ...r }));
  }
  return JSON.stringify(out);
}

export function installment(customerCode: string, n: number, dueOn: string, pending: number): OpenInstallment {
  return {
    customerCode,
    voucherType: 'FAC',
    voucherNumber: `0001-${String(n).padStart(8, '0')}`,
    issuedOn: '2026-01-01',
    dueOn,
    amount: pending,
    pending,
  };
}

export function newTask(customerCode: string, stepId: string, over: Partial<NewTask> = {}): NewTask {
  const episode = over.episode ?? '2026-02-01';
  return {
    key: `${customerCode}|${episode}|${stepId}`,
    customerCode,
    episode,
    stepId,
    status: 'pendiente',
    dueOn: '2026-03-02',
    channels: ['email', 'telefono'],
    template: 'primer-aviso',
    role: 'vendedor',
    stage: 'administrativa',
    tier: 'B',
    daysOverdue: 29,
    overdueBalance: 1234.56,
    installments: [installment(customerCode, 1234, '2026-02-01', 1234.56)],
    brokenPromise: null,
    ...over,
  };
}

export function alert(customerCode: string, over: Partial<Alert> = {}): Alert {
  return {
    customerCode,
    tier: 'B',
    episode: '2026-02-01',
    oldestDaysOverdue: 29,
    overdueBalance: 1234.56,
    openBalance: 2000,
    unapplied: 0,
    stage: 'administrativa',
    nextStepId: 'D+30',
    nextActionOn: '2026-03-03',
    role: 'cobrador',
    suppressedBy: null,
    message: 'Vencido hace 29 días: $ 1.234,56',
    ...over,
  };
}

export function tierDecision(customerCode: string, over: Partial<TierDecision> = {}): TierDecision {
  return {
    customerCode,
    tier: 'C',
    since: '2026-03-01',
    previousTier: 'B',
    changed: true,
    computedTier: 'C',
    candidate: null,
    candidateSince: null,
    rule: 'empeora',
    reason: 'Promedio de atraso de 40 días (límite de B: 25).',
    metrics: {
      customerCode, paymentCount: 5, weightedDaysLate: 40, lateShare: 0.6, overdueBalance: 1234.56,
      openBalance: 2000, oldestDaysOverdue: 29, unapplied: 0, uncoveredOverdue: 1234.56, uncoveredOldestDaysOverdue: 29,
      invoicedAmount: 10000, relationshipDays: 400,
      creditLimit: null, overdueToCredit: null,
    },
    ...over,
  };
}

export function emptyPlan(over: Partial<Plan> = {}): Plan {
  return { today: '2026-03-01', tiers: [], create: [], close: [], keep: [], alerts: [], suppressed: [], ...over };
}
