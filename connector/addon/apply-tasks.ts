/**
 * Task writes: closures (UPDATE … WHERE ID IN (…) AND ESTADO = 'pendiente')
 * and new tasks (INSERT … SELECT … WHERE NOT EXISTS on CLAVE), in short
 * transactions of `batchSize` rows. The outbox mails go in the transaction of
 * the last task batch, so tasks and the digests describing them land together.
 */
import type { Knex } from 'knex';
import type { CloseReason, NewTask, TaskClosure } from '../../rules/types';
import { chunk } from './chunks';
import { PARAM_LIMIT } from '../dialect/addon-sql';
import { applyOutbox } from './apply-outbox';
import type { OutgoingMail } from './outbox-rows';
import { rowsPerStatement } from './set-statements';
import type { AddonTables } from './tables';
import { TASK_COLUMNS, TASK_LIMITS, taskRow, type Assignee } from './task-rows';
import { closeTasksStatement, existingTaskKeysStatement, insertTasksStatement } from './write-statements';

export async function applyClosures(
  db: Knex, t: AddonTables, closures: readonly TaskClosure[], now: Date, batchSize: number,
): Promise<number> {
  const byReason = new Map<CloseReason, number[]>();
  for (const c of closures) {
    const ids = byReason.get(c.reason) ?? [];
    if (!ids.includes(c.taskId)) ids.push(c.taskId);
    byReason.set(c.reason, ids);
  }
  let closed = 0;
  for (const [reason, ids] of byReason) {
    for (const batch of chunk(ids, Math.min(batchSize, PARAM_LIMIT - 10))) {
      closed += ((await closeTasksStatement(db, t, batch, reason, now)) as unknown[]).length;
    }
  }
  return closed;
}

export interface TaskWriteResult {
  created: number;
  skipped: number;
  mailsQueued: number;
}

export async function applyNewTasks(
  db: Knex, t: AddonTables, tasks: readonly NewTask[], assignees: (task: NewTask) => Assignee,
  outbox: readonly OutgoingMail[], now: Date, batchSize: number,
): Promise<TaskWriteResult> {
  const unique = new Map<string, NewTask>();
  for (const task of tasks) {
    if (task.key.length > TASK_LIMITS.key) {
      throw new Error(`La clave de tarea «${task.key}» supera los ${TASK_LIMITS.key} caracteres.`);
    }
    if (!unique.has(task.key)) unique.set(task.key, task);
  }
  const batches = chunk([...unique.values()], batchSize);
  if (batches.length === 0) batches.push([]);
  const result: TaskWriteResult = { created: 0, skipped: 0, mailsQueued: 0 };
  const perStatement = rowsPerStatement(TASK_COLUMNS.length);

  for (const [i, batch] of batches.entries()) {
    const last = i === batches.length - 1;
    if (batch.length === 0 && (!last || outbox.length === 0)) continue;
    await db.transaction(async (trx) => {
      let created = 0;
      let skipped = 0;
      if (batch.length > 0) {
        const existing = new Set<string>();
        for (const keys of chunk(batch.map((b) => b.key), PARAM_LIMIT)) {
          for (const row of (await existingTaskKeysStatement(trx, t, keys)) as { CLAVE: string }[]) {
            existing.add(row.CLAVE);
          }
        }
        const missing = batch.filter((task) => !existing.has(task.key));
        const rows = missing.map((task) => taskRow(task, assignees(task), now));
        for (const part of chunk(rows, perStatement)) await insertTasksStatement(trx, t, part);
        created = missing.filter((task) => task.status === 'pendiente').length;
        skipped = missing.length - created;
      }
      const mails = last ? await applyOutbox(trx, t, outbox, now) : 0;
      // Counted only once the transaction commits.
      result.created += created;
      result.skipped += skipped;
      result.mailsQueued += mails;
    });
  }
  return result;
}
