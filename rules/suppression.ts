/**
 * Why a customer must not be contacted now, checked in this order:
 * do-not-contact, legal action, dispute (flag, or a 'disputa' contact during
 * the episode), money already sent and not applied that covers the debt, and
 * an unexpired payment promise. Contact caps are counted separately
 * (`contactCapacity`): they defer contacts instead of suppressing the customer.
 *
 * An inactive customer (disabled in the ERP) that still owes money IS chased:
 * being disabled stops new sales, not collection. 'cliente_inactivo' is
 * therefore never returned.
 */
import { addDays, daysBetween } from './dates';
import { formatDate, formatMoney } from './format';
import { promiseKept } from './kpis/promises';
import type { MoneyFlow } from './kpis/types';
import { NOT_A_CONTACT } from './types';
import type {
  ContactCaps, ContactRecord, CustomerOverrides, ExistingTask, IsoDate, RuleSettings, SuppressionReason, UnappliedMoney,
} from './types';

export interface Suppression {
  reason: SuppressionReason;
  /** Spanish sentence for staff (plan.suppressed, CLI, reports). */
  detail: string;
  /** Short Spanish text for the alert line. */
  short: string;
  /**
   * True when open tasks must close ('suspendida'): do-not-contact, dispute,
   * legal, unapplied money. A promise or the contact cap only defer: open
   * tasks are kept and resume when the promise expires or the cap allows.
   */
  closesTasks: boolean;
}

export interface SuppressionInput {
  overrides: CustomerOverrides | null;
  contacts: readonly ContactRecord[];
  unapplied: UnappliedMoney | null;
  /** Start of the current overdue episode, or null. */
  episode: IsoDate | null;
  /** What the contact would be about: the overdue balance, or what comes due for a reminder. */
  amountAtStake: number;
  today: IsoDate;
  settings: RuleSettings;
}

/** Contacts that happened up to `today`, latest first (by date, then id). */
function pastContactsLatestFirst(contacts: readonly ContactRecord[], today: IsoDate): ContactRecord[] {
  return contacts
    .filter((c) => c.on <= today)
    .sort((a, b) => (a.on !== b.on ? (a.on < b.on ? 1 : -1) : b.id - a.id));
}

/** Last day a promise protects the customer: promised date (or contact date) + grace days. */
export function promiseEnd(c: ContactRecord, graceDays: number): IsoDate {
  return addDays(c.promiseDate ?? c.on, graceDays);
}

/** The latest 'promesa' contact up to today, or null. */
export function latestPromise(contacts: readonly ContactRecord[], today: IsoDate): ContactRecord | null {
  return pastContactsLatestFirst(contacts, today).find((c) => c.outcome === 'promesa') ?? null;
}

/** The latest promise when it has not expired yet (promise date + grace ≥ today). */
export function activePromise(contacts: readonly ContactRecord[], today: IsoDate, graceDays: number): ContactRecord | null {
  const p = latestPromise(contacts, today);
  return p !== null && promiseEnd(p, graceDays) >= today ? p : null;
}

/** What tells a kept promise from a broken one: the customer's receipts, when the ERP profile can read them. */
export interface PromiseCheck {
  /** The customer's receipts since its earliest promise; null when the ERP cannot tell. */
  receipts: readonly MoneyFlow[] | null;
  tolerance: number;
}

/**
 * The latest promise that covered part of the episode (it still protected the
 * customer on or after the episode's first day, so a promise recorded on that
 * day or just before counts), expired, and was not kept: with the receipts at
 * hand, `promiseKept` decides; without them, staying in the episode past the
 * promise means it was broken.
 */
export function brokenPromise(
  contacts: readonly ContactRecord[],
  episode: IsoDate | null,
  today: IsoDate,
  graceDays: number,
  check: PromiseCheck | null = null,
): ContactRecord | null {
  if (episode === null) return null;
  const p = latestPromise(contacts, today);
  if (p === null || promiseEnd(p, graceDays) < episode || promiseEnd(p, graceDays) >= today) return null;
  if (check?.receipts && promiseKept(p, check.receipts, graceDays, check.tolerance)) return null;
  return p;
}

/**
 * A 'disputa' contact recorded during the episode that no later 'contactado'
 * or 'promesa' contact has settled.
 */
export function openDispute(contacts: readonly ContactRecord[], episode: IsoDate | null, today: IsoDate): ContactRecord | null {
  if (episode === null) return null;
  for (const c of pastContactsLatestFirst(contacts, today)) {
    if (c.on < episode) return null;
    if (c.outcome === 'contactado' || c.outcome === 'promesa') return null;
    if (c.outcome === 'disputa') return c;
  }
  return null;
}

export function unappliedTotal(u: UnappliedMoney | null): number {
  if (u === null) return 0;
  return Math.round((Math.max(0, u.onAccount) + Math.max(0, u.chequesInPortfolio)) * 100) / 100;
}

export function suppressionFor(input: SuppressionInput): Suppression | null {
  const { overrides, contacts, episode, today, settings } = input;
  if (overrides?.doNotContact) {
    return {
      reason: 'no_contactar', closesTasks: true, short: 'no contactar',
      detail: 'Marcado «no contactar» por el personal: no se generan gestiones.',
    };
  }
  if (overrides?.legal) {
    return {
      reason: 'gestion_judicial', closesTasks: true, short: 'en gestión judicial',
      detail: 'En gestión judicial: el seguimiento lo lleva el área legal.',
    };
  }
  if (overrides?.dispute) {
    return {
      reason: 'disputa', closesTasks: true, short: 'en disputa, derivar a mediación',
      detail: 'En disputa (marcado por el personal): derivar a mediación para acordar el monto antes de reclamar.',
    };
  }
  const dispute = openDispute(contacts, episode, today);
  if (dispute) {
    return {
      reason: 'disputa', closesTasks: true, short: 'en disputa, derivar a mediación',
      detail: `Disputa registrada el ${formatDate(dispute.on)}: derivar a mediación para acordar el monto antes de reclamar.`,
    };
  }
  const tolerance = settings.amounts.tolerance;
  const money = unappliedTotal(input.unapplied);
  if (money > tolerance && input.amountAtStake > tolerance && money >= input.amountAtStake - tolerance) {
    return {
      reason: 'dinero_sin_aplicar', closesTasks: true, short: 'tiene pagos sin aplicar que cubren la deuda',
      detail: `Tiene ${formatMoney(money)} sin aplicar (a cuenta y cheques en cartera), que cubren ${formatMoney(input.amountAtStake)}: `
        + 'imputar los pagos antes de reclamar.',
    };
  }
  const promise = activePromise(contacts, today, settings.promises.graceDays);
  if (promise) {
    const amount = promise.promiseAmount !== null ? ` de ${formatMoney(promise.promiseAmount)}` : '';
    const date = formatDate(promise.promiseDate ?? promise.on);
    return {
      reason: 'promesa_vigente', closesTasks: false, short: `promesa de pago para el ${date}`,
      detail: `Promesa de pago${amount} para el ${date}, vigente hasta el ${formatDate(promiseEnd(promise, settings.promises.graceDays))}.`,
    };
  }
  return null;
}

export interface ContactCapacity {
  /** Contacts counted in the period: tasks created (not skipped) plus staff contacts. */
  used: number;
  /** How many more contact tasks may be created now (Infinity without a cap). */
  remaining: number;
}

/**
 * Contacts within the last `periodDays` (today included): tasks other than
 * 'omitida' whose contact day falls in the period or later (a task moved to
 * the next business day is still this period's contact), plus staff contacts
 * not tied to one of those tasks (a contact recorded against a counted task is
 * the same contact). Tasks count by their contact day, never by the clock time
 * the row was written, so planning for another date (`--fecha`, `simular`)
 * counts the same as planning live.
 */
export function contactCapacity(
  tasks: readonly ExistingTask[],
  contacts: readonly ContactRecord[],
  today: IsoDate,
  caps: ContactCaps,
): ContactCapacity {
  const inPeriod = (d: IsoDate) => d <= today && daysBetween(d, today) < caps.periodDays;
  const counted = new Set(
    tasks.filter((t) => t.status !== 'omitida' && daysBetween(t.dueOn, today) < caps.periodDays).map((t) => t.id),
  );
  // A note (outcome 'nota') is not a contact with the customer.
  const staff = contacts.filter((c) => inPeriod(c.on) && !NOT_A_CONTACT.has(c.outcome) && (c.taskId === null || !counted.has(c.taskId))).length;
  const used = counted.size + staff;
  const remaining = caps.maxContacts > 0 ? Math.max(0, caps.maxContacts - used) : Infinity;
  return { used, remaining };
}

/** The suppression reported when the cap defers a contact. */
export function capSuppression(capacity: ContactCapacity, caps: ContactCaps): Suppression {
  return {
    reason: 'tope_contactos', closesTasks: false, short: 'tope de contactos alcanzado',
    detail: `Ya tuvo ${capacity.used} contactos en los últimos ${caps.periodDays} días (tope: ${caps.maxContacts}); `
      + 'la gestión se genera cuando haya lugar.',
  };
}
