/**
 * The calls the automatic sender makes into the customer-mail module
 * (recipients, compose and queue a reminder), in one place.
 */
import type { IsoDate } from '../../rules/types';
import type { CompanyContext } from '../context';
import { recipientsOf } from '../customer-mail/recipients';
import type { CustomerReminder } from '../customer-mail/send';

export interface RecipientsLike {
  valid: string[];
  invalid: string[];
}

/** The recipients of a reminder: the collections contact of the add-on wins over the ERP's e-mail. */
export function recipientsFor(erpEmail: string | null | undefined, collectionsEmail: string | null | undefined): RecipientsLike {
  return recipientsOf(erpEmail, collectionsEmail);
}

// Loaded on use: the composer reads the worklist's pages (web/), whose routes reach back to the cycle.
const customerMail = () => import('../customer-mail/send');

/** The customer's reminder of the day (what would go out), or the composer's Spanish reason why none may. Writes nothing. */
export async function composeAutomatic(ctx: CompanyContext, code: string, asOf: IsoDate): Promise<CustomerReminder | string> {
  const { composeCustomerReminder, isProblem } = await customerMail();
  const reminder = await composeCustomerReminder(ctx, code, asOf);
  return isProblem(reminder) ? reminder.problem : reminder;
}

/**
 * Queues a composed reminder with no user, closing the task `taskKey` (the
 * step it is about, written by this cycle or an earlier one) as done in the
 * same transaction. Resolves false when the same reminder was already queued.
 */
export async function queueAutomatic(ctx: CompanyContext, reminder: CustomerReminder, taskKey: string, now: Date): Promise<boolean> {
  const { queueCustomerReminder } = await customerMail();
  const task = (await ctx.db(ctx.tables.tarea).select('ID', 'PASO').where('CLAVE', taskKey).first()) as
    { ID: number; PASO: string } | undefined;
  const taskId = task && String(task.PASO).trim() === reminder.stepId ? Number(task.ID) : reminder.taskId;
  const result = await queueCustomerReminder(ctx, { ...reminder, taskId }, { user: null, now, markDone: true });
  return result.queued;
}
