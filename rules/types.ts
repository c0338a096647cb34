/**
 * The domain's plain data: what the connector reads from the ERP (the
 * snapshot), what the rules decide (tiers, plan), and the rule settings the
 * INI provides. No I/O here and nothing that knows which ERP it came from.
 *
 * Conventions:
 * - Calendar dates are ISO strings 'YYYY-MM-DD' in the company's time zone
 *   (`IsoDate`); "no date" is `null` (Tango's 1800-01-01 never gets past the
 *   connector).
 * - Amounts are numbers in the voucher currency rounded to cents; compare them
 *   with the configured tolerance, never with `=== 0`.
 * - Customer and seller codes are trimmed strings.
 */

export type IsoDate = string;

export type Tier = 'A' | 'B' | 'C';
export const TIERS: readonly Tier[] = ['A', 'B', 'C'];

// ---------------------------------------------------------------------------
// Snapshot: what a cycle reads from the ERP
// ---------------------------------------------------------------------------

export interface Seller {
  code: string;
  name: string;
  /** Mostly empty in real installations: the INI maps seller codes to staff. */
  email: string | null;
}

export interface Customer {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  sellerCode: string | null;
  /** Relationship start (Tango FECHA_ALTA). */
  createdOn: IsoDate | null;
  /** Set when the customer was disabled (Tango FECHA_INHA other than 1800-01-01). */
  inactiveSince: IsoDate | null;
  /** Credit limit; null when absent or zero (rarely filled in real databases). */
  creditLimit: number | null;
  /** Foreign-currency clause: amounts are adjusted at payment time. */
  foreignCurrencyClause: boolean;
  /** Current account balance as the ERP keeps it (informative only). */
  erpBalance: number | null;
}

/** One installment (due date) of a sales voucher that still owes money. */
export interface OpenInstallment {
  customerCode: string;
  voucherType: string;
  voucherNumber: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  /** Original amount of the installment. */
  amount: number;
  /** What is still owed after applications (> tolerance). */
  pending: number;
}

/** Payment behaviour of a customer over the look-back window, aggregated in SQL. */
export interface PaymentBehaviour {
  customerCode: string;
  /** Number of installment applications (payments) in the window. */
  paymentCount: number;
  /** Total amount paid in the window. */
  paidAmount: number;
  /** Amount-weighted average of days late (0 for on-time payments). */
  weightedDaysLate: number;
  /** Payments made more than `lateThresholdDays` after the due date. */
  lateCount: number;
  /** Worst days late seen in the window. */
  maxDaysLate: number;
  lastPaymentOn: IsoDate | null;
  /** Amount invoiced to the customer in the window (credit volume). */
  invoicedAmount: number;
}

/** Money the customer already sent that is not applied to installments yet. */
export interface UnappliedMoney {
  customerCode: string;
  /** Receipts (and credit notes) on account, not yet applied. */
  onAccount: number;
  /** Cheques received and still in portfolio. */
  chequesInPortfolio: number;
}

/** Per-customer overrides staff set in COB_CLIENTE. */
export interface CustomerOverrides {
  customerCode: string;
  fixedTier: Tier | null;
  doNotContact: boolean;
  dispute: boolean;
  legal: boolean;
  note: string | null;
}

/** What the service remembers of a customer's tier between cycles. */
export interface TierState {
  customerCode: string;
  tier: Tier;
  since: IsoDate;
  /** A better tier the customer qualifies for, waiting for its hold period. */
  candidate: Tier | null;
  candidateSince: IsoDate | null;
}

/**
 * What came of a contact. 'dice_que_pago': the customer says it already paid
 * (to check against the receipts). 'nota': a note staff keep about the
 * customer, not a contact with it (never counted as one: caps, KPIs, letters).
 */
export type ContactOutcome =
  'contactado' | 'promesa' | 'disputa' | 'contacto_erroneo' | 'sin_respuesta' | 'dice_que_pago' | 'nota';
export const CONTACT_OUTCOMES: readonly ContactOutcome[] = [
  'contactado', 'promesa', 'disputa', 'contacto_erroneo', 'sin_respuesta', 'dice_que_pago', 'nota',
];

/** Outcomes that are not a contact with the customer. */
export const NOT_A_CONTACT: ReadonlySet<ContactOutcome> = new Set(['nota']);

/** A contact outcome recorded by staff (COB_CONTACTO). */
export interface ContactRecord {
  id: number;
  customerCode: string;
  /** Day the contact happened. */
  on: IsoDate;
  outcome: ContactOutcome;
  promiseDate: IsoDate | null;
  promiseAmount: number | null;
  taskId: number | null;
}

// ---------------------------------------------------------------------------
// Rule settings (validated from the INI by service/config)
// ---------------------------------------------------------------------------

export type Channel = 'email' | 'whatsapp' | 'telefono' | 'carta';
export const CHANNELS: readonly Channel[] = ['email', 'whatsapp', 'telefono', 'carta'];

export type AssigneeRole = 'vendedor' | 'cobrador' | 'supervisor';
export const ASSIGNEE_ROLES: readonly AssigneeRole[] = ['vendedor', 'cobrador', 'supervisor'];

export type Stage = 'preventiva' | 'administrativa' | 'extrajudicial';
export const STAGES: readonly Stage[] = ['preventiva', 'administrativa', 'extrajudicial'];

/** Customer-message templates, one per step kind (files in mail-templates/). */
export type MessageTemplate = 'recordatorio' | 'primer-aviso' | 'seguimiento' | 'escalamiento' | 'intimacion';
export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  'recordatorio', 'primer-aviso', 'seguimiento', 'escalamiento', 'intimacion',
];

export interface CadenceStep {
  /** Stable identifier, part of the task's natural key: 'D-3', 'D+7', 'D+30'… */
  id: string;
  /** Days from the due date: negative before it, positive after. */
  offsetDays: number;
  channels: Channel[];
  template: MessageTemplate;
  role: AssigneeRole;
  stage: Stage;
  /**
   * Sent to the customer by the cycle itself, without a person (INI: a sixth
   * part «automatico»). Only steps with the email channel; off by default.
   */
  automatic?: boolean;
}

/** Thresholds for one tier: a customer is in the tier when every set limit holds. */
export interface TierLimits {
  /** Highest amount-weighted average days late. */
  maxWeightedDaysLate: number;
  /** Highest share (0–1) of payments more than `lateThresholdDays` late. */
  maxLateShare: number;
  /** Highest days overdue of the oldest open installment. */
  maxOldestDaysOverdue: number;
  /** Highest overdue balance against the credit limit (0–n); ignored without a limit. */
  maxOverdueToCredit: number | null;
  /** Highest overdue balance in money; null = no limit. */
  maxOverdueBalance: number | null;
}

export interface TierRules {
  /** A payment more than this many days late counts as late for `maxLateShare`. */
  lateThresholdDays: number;
  /** Tier for customers without enough history. */
  newCustomerTier: Tier;
  /** Fewer payments than this in the window makes a customer "new"… */
  minPaymentsForHistory: number;
  /** …and so does a relationship younger than this. */
  minRelationshipDays: number;
  /** Days the better criteria must hold before a customer improves tier. */
  improvementHoldDays: number;
  /** Limits for A and for B; whoever fits neither is C. */
  A: TierLimits;
  B: TierLimits;
  /** Weights (%) of the behaviour score: payment history, invoicing volume, relationship age. */
  weights: TierWeights;
}

/**
 * How much each behaviour input counts. Each input scores 0 (level A), 0.5 (B)
 * or 1 (C); the weighted score gives A under 0.35, B under 0.6, else C. Payment
 * history alone sets the best tier reachable, and the overdue debt (net of
 * money sent and not applied) the worst it can be spared.
 */
export interface TierWeights {
  history: number;
  volume: number;
  age: number;
}

export interface ContactCaps {
  /** Most contact tasks per customer within `periodDays` (0 = no cap). */
  maxContacts: number;
  periodDays: number;
}

export interface AmountRules {
  /** At or under this an installment counts as paid (over-applications go negative). */
  tolerance: number;
  /** A customer whose overdue balance is under this gets no overdue step. */
  minOverdueToAct: number;
}

export interface PromiseRules {
  /** Days after the promised date before a promise counts as broken. */
  graceDays: number;
}

export interface RuleSettings {
  tiers: TierRules;
  cadence: Record<Tier, CadenceStep[]>;
  caps: ContactCaps;
  amounts: AmountRules;
  promises: PromiseRules;
  /** Days of history read for tiering. */
  lookBackDays: number;
}

/** Business calendar: which days count for scheduling contacts. */
export interface CalendarSettings {
  timeZone: string;
  /** ISO weekdays that are business days (1 = Monday … 7 = Sunday). */
  businessWeekdays: number[];
  /** Use the national holidays of this country (ISO code, 'AR'). */
  holidayCountry: string | null;
  /** Company-specific non-working dates. */
  extraHolidays: IsoDate[];
  /** Dates that are working days even if a holiday (e.g. a bridge day the company works). */
  extraWorkingDays: IsoDate[];
}

// ---------------------------------------------------------------------------
// Decisions: tiers and the plan
// ---------------------------------------------------------------------------

export interface CustomerMetrics {
  customerCode: string;
  paymentCount: number;
  weightedDaysLate: number;
  /** Share (0–1) of payments late beyond the threshold; null without payments. */
  lateShare: number | null;
  overdueBalance: number;
  openBalance: number;
  oldestDaysOverdue: number;
  /** Receipts on account plus cheques in portfolio: money sent, not applied yet. */
  unapplied: number;
  /** Overdue balance the unapplied money does not cover (it covers the oldest installments first). */
  uncoveredOverdue: number;
  /** Days overdue of the oldest installment the unapplied money does not cover (0 if all covered). */
  uncoveredOldestDaysOverdue: number;
  invoicedAmount: number;
  relationshipDays: number | null;
  creditLimit: number | null;
  overdueToCredit: number | null;
}

export interface TierDecision {
  customerCode: string;
  tier: Tier;
  since: IsoDate;
  previousTier: Tier | null;
  changed: boolean;
  /** Tier the metrics alone point to (may differ while an improvement is on hold). */
  computedTier: Tier;
  candidate: Tier | null;
  candidateSince: IsoDate | null;
  /** Machine-readable rule that decided: 'fijo', 'nuevo', 'criterios', 'empeora', 'mejora', 'espera-mejora'. */
  rule: string;
  /** The explanation, in Spanish, for staff and the CLI. */
  reason: string;
  metrics: CustomerMetrics;
}

export type TaskStatus = 'pendiente' | 'cerrada' | 'omitida';
export type CloseReason = 'pagada' | 'reemplazada' | 'suspendida' | 'cliente_al_dia';

export type SuppressionReason =
  | 'no_contactar'
  | 'disputa'
  | 'gestion_judicial'
  | 'promesa_vigente'
  | 'dinero_sin_aplicar'
  | 'tope_contactos'
  | 'cliente_inactivo';

/** A task as stored in COB_TAREA (what the planner needs of it). */
export interface ExistingTask {
  id: number;
  /** Natural key: `${customerCode}|${episode}|${stepId}`. */
  key: string;
  customerCode: string;
  /** Episode start date for overdue steps; the due date for pre-due steps. */
  episode: IsoDate;
  stepId: string;
  status: TaskStatus;
  dueOn: IsoDate;
  createdOn: IsoDate;
  /** Who a person reassigned the task to (worklist), overriding the cadence's role; absent otherwise. */
  assignedTo?: { name: string; email: string } | null;
}

/** A task the planner wants created. */
export interface NewTask {
  key: string;
  customerCode: string;
  episode: IsoDate;
  stepId: string;
  status: 'pendiente' | 'omitida';
  /** Business day the contact should happen. */
  dueOn: IsoDate;
  channels: Channel[];
  template: MessageTemplate;
  role: AssigneeRole;
  stage: Stage;
  tier: Tier;
  daysOverdue: number;
  overdueBalance: number;
  /** The installments this contact is about. */
  installments: OpenInstallment[];
  /** For a follow-up created because a promise was broken. */
  brokenPromise: ContactRecord | null;
}

/** The alert row for a customer that needs attention (COB_ALERTA). */
export interface Alert {
  customerCode: string;
  tier: Tier;
  /** Start of the current delinquency episode (first overdue day), null if only pre-due. */
  episode: IsoDate | null;
  oldestDaysOverdue: number;
  overdueBalance: number;
  openBalance: number;
  unapplied: number;
  stage: Stage;
  /** Next contact step and when. */
  nextStepId: string | null;
  nextActionOn: IsoDate | null;
  role: AssigneeRole | null;
  suppressedBy: SuppressionReason | null;
  /** Spanish one-liner shown in the ERP. */
  message: string;
}

export interface TaskClosure {
  taskId: number;
  key: string;
  reason: CloseReason;
}

/** Everything the planner decided for one cycle; the write side applies it as is. */
export interface Plan {
  today: IsoDate;
  tiers: TierDecision[];
  create: NewTask[];
  close: TaskClosure[];
  /** Keys of open tasks that stay as they are. */
  keep: string[];
  /** One alert per customer needing action; customers absent here have their alert removed. */
  alerts: Alert[];
  /** Why customers with overdue balance got no task this cycle. */
  suppressed: { customerCode: string; reason: SuppressionReason; detail: string }[];
}
