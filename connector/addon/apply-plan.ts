/**
 * Applies a cycle's Plan to the add-on tables. Writes go in short transactions
 * of at most `batchSize` rows (default 500) so no lock is held for long, in
 * this order: tier state and history, alerts, task closures, new tasks; the
 * outbox mails go in the transaction of the last task batch. Every write is
 * idempotent: applying the same plan twice writes nothing the second time.
 * The ERP's own tables are never written.
 */
import type { Knex } from 'knex';
import type { Alert, NewTask, Plan } from '../../rules/types';
import { applyAlerts } from './apply-alerts';
import { applyClosures, applyNewTasks } from './apply-tasks';
import { applyTiers } from './apply-tiers';
import type { OutgoingMail } from './outbox-rows';
import type { AddonTables } from './tables';

export interface ApplyContext {
  now: Date;
  /** Who handles a new task (name and email), or null when nobody is mapped. */
  assignees: (task: NewTask) => { name: string; email: string } | null;
  /** Mails to queue with the tasks (daily digests). */
  outbox?: OutgoingMail[];
  /** Name shown as RESPONSABLE of an alert; without it the column stays null. */
  alertAssignee?: (alert: Alert) => string | null;
  /** Rows per transaction (default 500). */
  batchSize?: number;
}

export interface ApplyCounts {
  /** New tasks inserted as 'pendiente'. */
  tasksCreated: number;
  /** New tasks inserted as 'omitida' (steps skipped while the service was down). */
  tasksSkipped: number;
  tasksClosed: number;
  /** Alerts inserted or changed. */
  alertsUpserted: number;
  alertsDeleted: number;
  /** COB_NIVEL_HIST rows written. */
  tierChanges: number;
  /** Outbox rows inserted, or refreshed while still pending. */
  mailsQueued: number;
}

export const DEFAULT_BATCH_SIZE = 500;

export async function applyPlan(db: Knex, t: AddonTables, plan: Plan, ctx: ApplyContext): Promise<ApplyCounts> {
  const batchSize = Math.max(1, ctx.batchSize ?? DEFAULT_BATCH_SIZE);
  const tierChanges = await applyTiers(db, t, plan.tiers, plan.today, batchSize);
  const alerts = await applyAlerts(db, t, plan.alerts, ctx.alertAssignee ?? (() => null), ctx.now, batchSize);
  const tasksClosed = await applyClosures(db, t, plan.close, ctx.now, batchSize);
  const tasks = await applyNewTasks(db, t, plan.create, ctx.assignees, ctx.outbox ?? [], ctx.now, batchSize);
  return {
    tasksCreated: tasks.created,
    tasksSkipped: tasks.skipped,
    tasksClosed,
    alertsUpserted: alerts.upserted,
    alertsDeleted: alerts.deleted,
    tierChanges,
    mailsQueued: tasks.mailsQueued,
  };
}
