/**
 * What the mail renderer needs, as plain data. The cycle (or the CLI) builds
 * these from the plan and the ERP snapshot; nothing here touches a database.
 */
import type { AssigneeRole, Channel, IsoDate, MessageTemplate, Stage, Tier } from '../../rules/types';

export interface CompanyInfo {
  name: string;
  phone: string | null;
  email: string | null;
  /** Free text from the INI: bank account, CBU/alias, where to send receipts… */
  paymentInstructions: string | null;
  /** Online payment link from the INI. */
  paymentLink: string | null;
}

export interface MailCustomer {
  code: string;
  name: string;
  email: string | null;
  phone: string | null;
  mobile: string | null;
}

export interface MailInstallment {
  /** As staff read it, e.g. 'FAC A 0001-00001234'. */
  voucher: string;
  dueOn: IsoDate;
  pending: number;
  /** Days past the due date; negative before it. */
  daysLate: number;
}

/** A contact staff recorded with the customer (COB_CONTACTO), as a letter or a script lists it. */
export interface PreviousAttempt {
  on: IsoDate;
  /** ContactOutcome recorded by staff. */
  outcome: string;
  /** For a promise: the promised date and amount. */
  promiseDate?: IsoDate | null;
  promiseAmount?: number | null;
}

/** Money the customer already sent that is not applied yet (receipts on account, cheques in portfolio). */
export interface MoneySent {
  onAccount: number;
  cheques: number;
}

/** One open step of the customer in a digest entry. */
export interface ItemStep {
  stepId: string;
  /** Day the contact was due. */
  dueOn: IsoDate;
  channels: Channel[];
}

export interface DigestItem {
  customer: MailCustomer;
  tier: Tier;
  daysOverdue: number;
  overdueBalance: number;
  stepId: string;
  stage: Stage;
  channels: Channel[];
  template: MessageTemplate;
  sellerName: string | null;
  installments: MailInstallment[];
  previousAttempts: PreviousAttempt[];
  brokenPromise: { date: IsoDate; amount: number } | null;
  taskId: number | null;
  /** Money already sent (reduces what is claimed); null or zeros when none. */
  moneySent?: MoneySent | null;
  /** Every open step of the customer today, the main one (stepId) first; absent = only stepId. */
  steps?: ItemStep[];
  /**
   * Why the customer is not to be contacted today although it has open steps
   * (a promise in force, the contact cap), in Spanish; listed apart, no messages.
   */
  pause?: string | null;
}

export interface Assignee {
  name: string;
  email: string;
  role: AssigneeRole;
}

export interface DigestInput {
  date: IsoDate;
  company: CompanyInfo;
  assignee: Assignee;
  items: DigestItem[];
  /** Name of the contact-outcome table shown in the instructions (default COB_CONTACTO). */
  contactTable?: string;
  /** Most customers listed in full; the rest are counted at the end (default: all). */
  maxItems?: number;
  /** The ERP view that lists every task due today (default COB_V_TAREAS_HOY). */
  tasksView?: string;
  /** The worklist, when it is served: its address, and a one-time sign-in link for this digest (or null). */
  web?: { url: string; signIn: string | null; linkHours: number } | null;
  /** This person's customers the cycle reminded by e-mail itself today (automatic steps): listed, not to do. */
  automatic?: { code: string; name: string; stepId: string; to: string[] }[];
}

/** Variables of one customer message. */
export interface MessageVars {
  date: IsoDate;
  company: CompanyInfo;
  customer: MailCustomer;
  installments: MailInstallment[];
  overdueBalance: number;
  daysOverdue: number;
  stepId: string;
  sellerName: string | null;
  /** Who signs the message: the assignee. */
  senderName: string;
  previousAttempts: PreviousAttempt[];
  brokenPromise: { date: IsoDate; amount: number } | null;
  /** Money already sent: the claimed amount is the overdue balance (or what falls due) less this. */
  moneySent?: MoneySent | null;
  /** A pre-due reminder: the amount is what falls due, not the overdue balance. */
  preDue?: boolean;
}

/** The supervisor's notice of customers that reached an escalation step today. */
export interface EscalationInput {
  date: IsoDate;
  company: CompanyInfo;
  supervisor: { name: string; email: string };
  items: DigestItem[];
  /** Most customers listed; the rest are counted (default: all). */
  maxItems?: number;
  /** The ERP view with every alert (default COB_V_ALERTAS). */
  alertsView?: string;
}

export interface TestMailInput {
  company: CompanyInfo;
  to: { name: string; email: string };
  sentAt: Date;
  /** How the mail leaves, e.g. 'smtp.office365.com:587 (STARTTLS, OAuth2)'. */
  serverDescription: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedMessage {
  subject?: string;
  text: string;
  html?: string;
  waLink?: string;
}
