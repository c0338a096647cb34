/**
 * The messages ready to send to one customer today, for its web page: the
 * digest entry the daily digest has for it (same leading step, same figures,
 * same signature: whoever owns that step), built by the digest's own code
 * (digestEntries → messageVarsFor → channelMessageView) from the customer
 * read alone. So the page's messages are word for word those of the digest
 * for the same day and the same data.
 *
 * The letter (carta PDF): the carta message of the leading step when the step
 * has a carta channel; otherwise the carta of the «intimacion» template with
 * the same figures and signature (a formal letter is what staff print when
 * they want one, whatever the channel of the day). No letter when the customer
 * has no step due today or is paused (a promise in force, the contact cap):
 * the digest offers no messages then either.
 */
import { addToPlan, emptyPlan } from '../../rules/planning';
import type { IsoDate, MessageTemplate } from '../../rules/types';
import type { CompanyContext } from '../context';
import { companyInfo, digestEntries, type DigestEntry, type DigestSource } from '../cycle/digests';
import { channelMessageView, messageVarsFor, renderCustomerMessage } from '../mail/render';
import { itemView } from '../mail/views';
import type { CustomerRead } from './customer-account';

/** The template of the letter when the leading step has no carta channel. */
export const FALLBACK_LETTER_TEMPLATE: MessageTemplate = 'intimacion';

export interface ReadyMessages {
  entry: DigestEntry;
  /** One per channel of the leading step, as the digest lists them; empty when paused. */
  channels: ReturnType<typeof channelMessageView>[];
  /** The digest's view of the entry (steps, installments, claim), for the page's wording. */
  view: ReturnType<typeof itemView>;
  /** The letter's text, and from which template it comes; null when paused. */
  letter: { text: string; template: MessageTemplate; fromStep: boolean } | null;
}

/** The digest's input for one customer read alone. */
export function digestSourceOf(found: CustomerRead, asOf: IsoDate): DigestSource {
  const { read } = found;
  const code = read.customer.code;
  return {
    asOf,
    plan: addToPlan(emptyPlan(asOf), read.plan),
    customers: read.inputs.customers,
    sellers: read.inputs.sellers,
    installmentsOf: new Map(read.rows.length > 0 ? [[code, read.rows]] : []),
    tasksOf: read.inputs.tasksOf,
    contactsOf: read.inputs.contactsOf,
    unappliedOf: read.inputs.unappliedOf,
  };
}

/** Today's messages for the customer; null when it has no step due today. */
export function readyMessages(ctx: CompanyContext, found: CustomerRead, asOf: IsoDate): ReadyMessages | null {
  const code = found.read.customer.code;
  const entry = digestEntries(ctx, digestSourceOf(found, asOf)).find((e) => e.item.customer.code === code);
  if (!entry) return null;
  const { item, assignee } = entry;
  const vars = messageVarsFor(item, asOf, { company: companyInfo(ctx) }, assignee.name);
  const channels = item.pause ? [] : item.channels.map((channel) => channelMessageView(ctx.templates, item, channel, vars));
  let letter: ReadyMessages['letter'] = null;
  if (!item.pause) {
    const own = channels.find((c) => c.esCarta);
    letter = own
      ? { text: own.texto, template: item.template, fromStep: true }
      : {
        text: renderCustomerMessage(ctx.templates, FALLBACK_LETTER_TEMPLATE, 'carta', vars).text,
        template: FALLBACK_LETTER_TEMPLATE,
        fromStep: false,
      };
  }
  return { entry, channels, view: itemView(item, 0, asOf), letter };
}
