/**
 * Automatic reminders: the cadence steps an accountant marked «automatico»
 * go to the customer from the cycle itself, with no person in between.
 *
 * A customer is reminded automatically when the LEADING step of its pending
 * steps due today (the one the digest would show) is automatic in the
 * customer's current tier, and:
 * - the planner does not hold the customer back (plan.suppressed: no-contact,
 *   dispute, legal, a promise in force, money on account covering the debt,
 *   the contact cap);
 * - the contact cap still has room for this contact (a task created by an
 *   earlier cycle counts as one contact already: its own reminder is that
 *   contact, so it is left out of the count);
 * - the customer has at least one valid address (collections contact kept in
 *   the add-on, else the ERP's e-mail); without one it is reported as skipped
 *   and stays in the responsible person's digest.
 * Such a customer is handled by the cycle: it is not a task in the staff
 * digest. The mail itself is queued only on business days inside the service
 * hours ([servicio] desde / hasta); a cycle outside them sends nothing and
 * the next one inside does. A cycle for another day than today (`ejecutar
 * --fecha`, a late rerun) writes to no customer: its figures are not today's,
 * so its automatic steps stay tasks in that day's digests.
 *
 * The reminder is composed (customer-mail/send.ts) before the day's digests
 * are built, so a customer the composer refuses stays in its digest; it is
 * queued after the plan is written (the task exists), each in its own
 * transaction with the contact and the task done (outbox key per customer,
 * step and day: a rerun never queues it twice).
 */
import { appliedVersions } from '../../connector/addon/migrations';
import { contactCapacity } from '../../rules/suppression';
import type { IsoDate, Tier } from '../../rules/types';
import { formatDate } from '../../rules/format';
import { timeIn, todayIn } from '../clock';
import type { CompanyContext } from '../context';
import { customerLeads, type DigestSource } from './digests';
import type { CustomerReminder } from '../customer-mail/send';
import { composeAutomatic, queueAutomatic, recipientsFor } from './auto-send-api';

export interface AutoReminder {
  customerCode: string;
  customerName: string;
  tier: Tier;
  stepId: string;
  taskKey: string;
  /** Where it goes (valid addresses). */
  to: string[];
}

export interface AutoSkip {
  customerCode: string;
  customerName: string;
  stepId: string;
  /** Spanish, for the run log and `simular`. */
  reason: string;
}

export interface AutoSelection {
  /** Customers to remind now (or at the next cycle inside hours). */
  due: AutoReminder[];
  /** Customers whose leading step is automatic but who are not reminded (and why). */
  skipped: AutoSkip[];
}

export function hasAutomaticSteps(ctx: Pick<CompanyContext, 'config'>): boolean {
  return Object.values(ctx.config.rules.cadence).some((steps) => steps.some((s) => s.automatic));
}

/** Source of the cycle's selection: the digest's view of the day plus the customers' tasks and contacts. */
export type AutoSource = DigestSource;

/**
 * Which customers the cycle reminds itself today. Pure over the cycle's data;
 * `collectionsEmailOf` gives the add-on's collections contact of a customer.
 */
export function selectAutomatic(
  ctx: CompanyContext, cycle: AutoSource, collectionsEmailOf: (code: string) => string | null,
): AutoSelection {
  const out: AutoSelection = { due: [], skipped: [] };
  if (!hasAutomaticSteps(ctx)) return out;
  const rules = ctx.config.rules;
  const suppressed = new Map(cycle.plan.suppressed.map((x) => [x.customerCode, x]));
  for (const { code, customer, tier, lead } of customerLeads(ctx, cycle)) {
    // The step as the customer's CURRENT tier defines it: a step left from another tier is for staff.
    const step = rules.cadence[tier].find((s) => s.id === lead.stepId);
    if (!step?.automatic) continue;
    const skip = (reason: string) => out.skipped.push({ customerCode: code, customerName: customer.name, stepId: step.id, reason });
    const held = suppressed.get(code);
    if (held) {
      skip(held.detail);
      continue;
    }
    const others = (cycle.tasksOf.get(code) ?? []).filter((t) => t.key !== lead.key);
    const capacity = contactCapacity(others, cycle.contactsOf.get(code) ?? [], cycle.asOf, rules.caps);
    if (capacity.remaining < 1) {
      skip(`tope de contactos: ya tuvo ${capacity.used} en los últimos ${rules.caps.periodDays} días (tope: ${rules.caps.maxContacts})`);
      continue;
    }
    const recipients = recipientsFor(customer.email, collectionsEmailOf(code));
    if (recipients.valid.length === 0) {
      skip(recipients.invalid.length > 0
        ? `sin un correo válido (${recipients.invalid.map((a) => `«${a}»`).join(', ')}): queda en el resumen del responsable`
        : 'sin correo cargado: queda en el resumen del responsable');
      continue;
    }
    out.due.push({
      customerCode: code, customerName: customer.name, tier, stepId: step.id, taskKey: lead.key, to: recipients.valid,
    });
  }
  return out;
}

/**
 * The add-on's collections contacts (COB_CLIENTE.EMAIL_COBRANZA), in one read;
 * empty before schema v5 (read-only commands on a database not migrated yet).
 */
export async function readCollectionsEmails(ctx: CompanyContext): Promise<Map<string, string>> {
  if (!(await appliedVersions(ctx.db, ctx.tables)).includes(5)) return new Map();
  const rows = (await ctx.db(ctx.tables.cliente)
    .select('COD_CLIENT', 'EMAIL_COBRANZA')
    .whereNotNull('EMAIL_COBRANZA')) as { COD_CLIENT: string; EMAIL_COBRANZA: string | null }[];
  const out = new Map<string, string>();
  for (const r of rows) {
    const v = String(r.EMAIL_COBRANZA ?? '').trim();
    if (v !== '') out.set(String(r.COD_CLIENT).trim(), v);
  }
  return out;
}

/** Whether `now` is a moment the cycle may write to customers: a business day, inside the service hours. */
export function contactWindow(ctx: CompanyContext, asOf: IsoDate, now: Date): { open: boolean; why: string | null } {
  if (!ctx.calendar.isBusinessDay(asOf)) return { open: false, why: `el ${asOf} no es día hábil` };
  const t = timeIn(ctx.config.calendar.timeZone, now);
  const { from, to } = ctx.config.schedule;
  if (t < from || t >= to) return { open: false, why: `son las ${t}, fuera del horario de ${from} a ${to}` };
  return { open: true, why: null };
}

export interface AutoResult {
  /** Mails to customers this cycle queued. */
  queued: number;
  sent: AutoReminder[];
  skipped: AutoSkip[];
  /** Why nothing went out now (outside hours, not a business day), or null. */
  waiting: string | null;
}

/** Reminders composed before the day's digests are built, queued after the plan is written. */
export interface PreparedAutomatic {
  ready: { r: AutoReminder; reminder: CustomerReminder }[];
  skipped: AutoSkip[];
  waiting: string | null;
  /** Customers handled by the cycle: not a task in the staff digests. */
  handled: Set<string>;
}

/**
 * Composes the selected reminders (inside the contact window only). A
 * customer the composer refuses (paused, too many addresses…) is skipped and
 * stays in its responsible person's digest; outside the window the selected
 * customers wait for the next cycle inside it, out of the digest.
 */
export async function prepareAutomatic(
  ctx: CompanyContext, selection: AutoSelection, asOf: IsoDate, now: Date,
): Promise<PreparedAutomatic> {
  const out: PreparedAutomatic = { ready: [], skipped: [...selection.skipped], waiting: null, handled: new Set() };
  if (selection.due.length === 0) return out;
  // A cycle for another day (ejecutar --fecha, a rerun) writes to nobody: its figures are not today's.
  // Its automatic steps stay tasks in that day's digests.
  const today = todayIn(ctx.config.calendar.timeZone, now);
  if (asOf !== today) {
    out.waiting = `${selection.due.length} cliente(s); el ciclo es del ${formatDate(asOf)} y hoy es ${formatDate(today)}: `
      + 'a los clientes sólo se les escribe en el ciclo del día; quedan en el resumen del responsable';
    return out;
  }
  const window = contactWindow(ctx, asOf, now);
  if (!window.open) {
    out.waiting = `${selection.due.length} cliente(s); ${window.why ?? ''}; se envía en el próximo ciclo dentro del horario`;
    for (const r of selection.due) out.handled.add(r.customerCode);
    return out;
  }
  for (const r of selection.due) {
    const reminder = await composeAutomatic(ctx, r.customerCode, asOf);
    if (typeof reminder === 'string') {
      out.skipped.push({ customerCode: r.customerCode, customerName: r.customerName, stepId: r.stepId, reason: `no se envía: ${reminder}` });
      continue;
    }
    out.ready.push({ r: { ...r, to: reminder.to }, reminder });
    out.handled.add(r.customerCode);
  }
  return out;
}

/**
 * Queues the prepared reminders (after the plan is written: the tasks exist),
 * each in its own transaction with the contact and the task done. One that
 * fails is logged; the next cycle tries it again.
 */
export async function sendAutomatic(ctx: CompanyContext, prepared: PreparedAutomatic, now: Date): Promise<AutoResult> {
  const result: AutoResult = { queued: 0, sent: [], skipped: [...prepared.skipped], waiting: prepared.waiting };
  for (const { r, reminder } of prepared.ready) {
    try {
      if (await queueAutomatic(ctx, reminder, r.taskKey, now)) result.queued += 1;
      result.sent.push(r);
    } catch (err) {
      result.skipped.push({
        customerCode: r.customerCode, customerName: r.customerName, stepId: r.stepId,
        reason: `no se pudo encolar (${(err as Error).message}); se reintenta en el próximo ciclo`,
      });
    }
  }
  return result;
}

/** Run-log lines: what went out, what was skipped and why. */
export function autoLogLines(company: string, r: AutoResult): string[] {
  const lines: string[] = [];
  if (r.waiting) lines.push(`envio_automatico empresa=${company}: sin enviar (${r.waiting})`);
  for (const s of r.sent) lines.push(`envio_automatico empresa=${company} cliente=${s.customerCode} paso=${s.stepId} para=${s.to.join(';')}`);
  for (const s of r.skipped) {
    lines.push(`envio_automatico empresa=${company} cliente=${s.customerCode} paso=${s.stepId} omitido: ${s.reason}`);
  }
  return lines;
}
