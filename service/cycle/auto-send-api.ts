/**
 * The calls the automatic sender makes into the customer-mail module
 * (recipients, compose and queue a reminder), in one place.
 */
import type { IsoDate } from '../../rules/types';
import type { CompanyContext } from '../context';
import { recipientsOf } from '../customer-mail/recipients';

export interface RecipientsLike {
  valid: string[];
  invalid: string[];
}

/** The recipients of a reminder: the collections contact of the add-on wins over the ERP's e-mail. */
export function recipientsFor(erpEmail: string | null | undefined, collectionsEmail: string | null | undefined): RecipientsLike {
  return recipientsOf(erpEmail, collectionsEmail);
}

export interface SentReminder {
  /** True when this call queued the mail (false: the same reminder was already queued today). */
  queued: boolean;
  to: string[];
  stepId: string;
}

/**
 * Composes the customer's reminder of the day and queues it with no user,
 * closing the task `taskKey` as done in the same transaction. Throws with the
 * composer's Spanish reason when nothing may be sent.
 */
export async function sendAutomaticReminder(
  ctx: CompanyContext, code: string, taskKey: string, asOf: IsoDate, now: Date,
): Promise<SentReminder> {
  // Loaded on use: the composer reads the worklist's pages (web/), whose routes reach back to the cycle.
  const { composeCustomerReminder, isProblem, queueCustomerReminder } = await import('../customer-mail/send');
  const reminder = await composeCustomerReminder(ctx, code, asOf);
  if (isProblem(reminder)) throw new Error(reminder.problem);
  // The composer reads the digest's entry, which carries no task id: the cycle knows the task it is about.
  const task = (await ctx.db(ctx.tables.tarea).select('ID', 'PASO').where('CLAVE', taskKey).first()) as
    { ID: number; PASO: string } | undefined;
  const taskId = task && String(task.PASO).trim() === reminder.stepId ? Number(task.ID) : reminder.taskId;
  const result = await queueCustomerReminder(ctx, { ...reminder, taskId }, { user: null, now, markDone: true });
  return { queued: result.queued, to: reminder.to, stepId: reminder.stepId };
}
