/**
 * The few calls the automatic sender makes into the customer-mail module
 * (recipients, compose and queue a reminder), in one place.
 * PROVISIONAL until service/customer-mail lands: replaced by re-exports.
 */
import type { CompanyContext } from '../context';
import type { IsoDate } from '../../rules/types';

export interface RecipientsLike {
  valid: string[];
  invalid: string[];
}

export function recipientsFor(erpEmail: string | null | undefined, collectionsEmail: string | null | undefined): RecipientsLike {
  const text = (collectionsEmail ?? '').trim() !== '' ? collectionsEmail : erpEmail;
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const raw of String(text ?? '').split(/[;,\n\r]+/)) {
    const part = raw.trim();
    if (part === '') continue;
    if (/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(part)) valid.push(part);
    else invalid.push(part);
  }
  return { valid, invalid };
}

export interface SentReminder {
  /** True when this call queued the mail (false: it was already queued today). */
  queued: boolean;
  to: string[];
}

export async function sendAutomaticReminder(
  _ctx: CompanyContext, _code: string, _asOf: IsoDate, _now: Date,
): Promise<SentReminder> {
  throw new Error('customer-mail not merged yet');
}
