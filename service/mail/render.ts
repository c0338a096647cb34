/**
 * Rendering: Handlebars fills the templates with view models (views.ts), MJML
 * turns the filled MJML into responsive HTML, and every mail gets its
 * plain-text alternative. Subjects come from the first line of the .txt
 * template ("Asunto: …") and always leave here as one clean line.
 */
import { CONTACT_OUTCOMES, type Channel, type MessageTemplate } from '../../rules/types';
import { formatDate, formatMoney, plural } from './format';
import { singleLine } from './headers';
import type { MailPair, TemplateFile, Templates } from './templates';
import { TemplateError, describeMjmlError } from './template-error';
import type {
  DigestInput, DigestItem, EscalationInput, MessageVars, RenderedMail, RenderedMessage, TestMailInput,
} from './types';
import { CHANNEL_LABEL, ROLE_LABEL, byPriority, companyView, itemView, messageView } from './views';
import { whatsappLink } from './whatsapp';
import { textToHtml } from './html-text';

const SUBJECT_LINE = /^\s*Asunto:[ \t]*(.*)\r?\n/;

/** Splits "Asunto: …" off a rendered text template. */
export function splitSubject(rendered: string, file: string): { subject: string; body: string } {
  const m = SUBJECT_LINE.exec(rendered);
  if (!m) throw new Error(`La plantilla ${file} debe empezar con una línea «Asunto: …».`);
  return { subject: singleLine(m[1] ?? ''), body: rendered.slice(m[0].length).replace(/^\s*\n/, '') };
}


/** Collapses the blank-line runs conditional blocks leave in text output. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * MJML → HTML. 'strict' is used when templates load (sample data) and throws
 * a TemplateError with the lines at fault; sending renders 'soft', since data
 * is escaped and cannot change the document's structure.
 */
export async function mjmlToHtml(source: string, file: string, level: 'strict' | 'soft'): Promise<string> {
  // MJML (tens of MB with its dependencies) is loaded on the first rendering, not at start.
  const { default: mjml2html } = await import('mjml');
  try {
    // fonts: {} keeps MJML from linking web fonts (no external resources in the mail).
    const result = await mjml2html(source, { validationLevel: level, keepComments: false, fonts: {}, filePath: file });
    return result.html;
  } catch (e) {
    throw new TemplateError(file, `MJML inválido: ${describeMjmlError(e, source)}`);
  }
}

function run(tf: TemplateFile, view: object): string {
  return tf.render(view);
}

export function renderCustomerMessage(
  t: Templates, template: MessageTemplate, channel: Channel, vars: MessageVars,
): RenderedMessage {
  const tf = t.messages[template][channel];
  const rendered = run(tf, messageView(vars));
  if (channel === 'email') {
    const { subject, body } = splitSubject(rendered, tf.file);
    const text = tidyText(body);
    return { subject, text, html: textToHtml(text) };
  }
  if (channel === 'whatsapp') {
    const text = singleLine(rendered, 4000);
    const link = whatsappLink(vars.customer.mobile, text);
    return link ? { text, waLink: link } : { text };
  }
  return { text: tidyText(rendered) };
}

function quoteArg(value: string): string {
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

/** The CLI line staff run to record what happened with the contact. */
export function recordCommand(item: DigestItem): string {
  const task = item.taskId !== null ? ` --tarea ${item.taskId}` : '';
  return `cadencia contacto registrar --cliente ${quoteArg(item.customer.code)}${task} --resultado <resultado>`;
}

export function messageVarsFor(item: DigestItem, date: string, input: { company: DigestInput['company'] }, sender: string): MessageVars {
  return {
    date,
    company: input.company,
    customer: item.customer,
    installments: item.installments,
    overdueBalance: item.overdueBalance,
    daysOverdue: item.daysOverdue,
    stepId: item.stepId,
    sellerName: item.sellerName,
    senderName: sender,
    previousAttempts: item.previousAttempts,
    brokenPromise: item.brokenPromise,
    moneySent: item.moneySent ?? null,
    preDue: item.stage === 'preventiva',
  };
}

function channelTarget(item: DigestItem, channel: Channel): string | null {
  const c = item.customer;
  switch (channel) {
    case 'email': return c.email;
    case 'whatsapp': return c.mobile;
    case 'telefono': return [c.phone, c.mobile].filter(Boolean).join(' / ') || null;
    case 'carta': return null;
  }
}

/** One ready message of a digest entry, as the digest (and the worklist's customer page) shows it. */
export function channelMessageView(t: Templates, item: DigestItem, channel: Channel, vars: MessageVars) {
  const msg = renderCustomerMessage(t, item.template, channel, vars);
  return {
    canal: channel,
    nombre: CHANNEL_LABEL[channel],
    destino: channelTarget(item, channel),
    asunto: msg.subject ?? null,
    texto: msg.text,
    waLink: msg.waLink ?? null,
    esEmail: channel === 'email',
    esWhatsapp: channel === 'whatsapp',
    esTelefono: channel === 'telefono',
    esCarta: channel === 'carta',
    sinCelular: channel === 'whatsapp' && !msg.waLink,
    sinEmail: channel === 'email' && !item.customer.email,
  };
}

function digestItemView(t: Templates, item: DigestItem, index: number, date: string, input: DigestInput, sender: string) {
  const vars = messageVarsFor(item, date, input, sender);
  // A paused customer is listed, not contacted: no messages.
  const canales = (item.pause ? [] : item.channels).map((channel) => {
    return channelMessageView(t, item, channel, vars);
  });
  return { ...itemView(item, index, date), canales, comandoRegistrar: recordCommand(item), web: itemWebView(item, input.web) };
}

/** The outcome buttons of a digest entry: each opens the worklist's form, filled (a GET changes nothing). */
export const DIGEST_OUTCOME_BUTTONS: readonly { outcome: string; label: string }[] = [
  { outcome: 'promesa', label: 'Prometió pagar' },
  { outcome: 'contactado', label: 'Contactado' },
  { outcome: 'sin_respuesta', label: 'No responde' },
  { outcome: 'dice_que_pago', label: 'Dice que pagó' },
  { outcome: 'disputa', label: 'Disputa' },
];

/** A digest entry's links to the worklist: the customer's page and the outcome form; null without the worklist. */
function itemWebView(item: DigestItem, web: DigestInput['web']) {
  if (!web) return null;
  const customer = `${web.url}/cliente/${encodeURIComponent(item.customer.code)}`;
  return {
    cliente: customer,
    resultado: `${customer}/resultado`,
    // A paused customer is not contacted today: no outcome buttons.
    botones: item.pause ? [] : DIGEST_OUTCOME_BUTTONS.map((b) => ({
      nombre: b.label, url: `${customer}/resultado?resultado=${b.outcome}`,
    })),
  };
}

/** Fills the .txt (subject + text) and the .mjml (HTML) of one mail with the same view. */
export async function renderPair(pair: MailPair, view: object, level: 'strict' | 'soft' = 'soft'): Promise<RenderedMail> {
  const { subject, body } = splitSubject(run(pair.text, view), pair.text.file);
  const html = await mjmlToHtml(run(pair.mjml, { ...view, asunto: subject }), pair.mjml.file, level);
  return { subject, html, text: tidyText(body) };
}

export function renderDigest(t: Templates, input: DigestInput): Promise<RenderedMail> {
  return renderPair(t.digest, digestView(t, input));
}

/**
 * Like renderPair, but null when the text part comes out equal to
 * `previousText`: the HTML is built from the same view, so nothing changed and
 * the costly MJML step is skipped.
 */
export async function renderPairIfChanged(pair: MailPair, view: object, previousText: string | null): Promise<RenderedMail | null> {
  if (previousText !== null) {
    const { body } = splitSubject(run(pair.text, view), pair.text.file);
    if (tidyText(body) === previousText) return null;
  }
  return renderPair(pair, view);
}

export function renderEscalationNotice(t: Templates, input: EscalationInput): Promise<RenderedMail> {
  return renderPair(t.escalation, escalationView(input));
}

export function renderTestMail(t: Templates, input: TestMailInput): Promise<RenderedMail> {
  return renderPair(t.test, testView(input));
}

export function digestView(t: Templates, input: DigestInput): object {
  // Customers to contact, by priority; those paused today (a promise in force) listed after them.
  const all = input.items.filter((i) => !i.pause).sort(byPriority);
  const paused = input.items.filter((i) => i.pause).sort(byPriority);
  // A person contacts a few dozen customers a day; a longer mail only gets clipped by mail clients.
  const items = input.maxItems !== undefined ? all.slice(0, input.maxItems) : all;
  const rest = all.slice(items.length);
  const clientes = [...items, ...paused].map((item, i) => digestItemView(t, item, i, input.date, input, input.assignee.name));
  const total = all.reduce((sum, i) => sum + i.overdueBalance, 0);
  return {
    hayMas: rest.length > 0,
    cantidadMas: plural(rest.length, 'cliente', 'clientes'),
    totalMas: formatMoney(rest.reduce((sum, i) => sum + i.overdueBalance, 0)),
    vistaTareas: input.tasksView ?? 'COB_V_TAREAS_HOY',
    hoy: formatDate(input.date),
    empresa: companyView(input.company),
    responsable: { nombre: singleLine(input.assignee.name), email: singleLine(input.assignee.email), rol: ROLE_LABEL[input.assignee.role] },
    clientes,
    hayClientes: all.length > 0,
    cantidadClientes: plural(all.length, 'cliente', 'clientes'),
    totalVencido: formatMoney(total),
    automaticos: (input.automatic ?? []).map((a) => ({
      codigo: singleLine(a.code), nombre: singleLine(a.name), paso: a.stepId, para: singleLine(a.to.join(', ')),
    })),
    hayAutomaticos: (input.automatic ?? []).length > 0,
    tablaContactos: input.contactTable ?? 'COB_CONTACTO',
    resultados: CONTACT_OUTCOMES.join(', '),
    web: input.web
      ? {
        url: input.web.url,
        hoy: `${input.web.url}/hoy`,
        ingreso: input.web.signIn,
        horasIngreso: input.web.linkHours,
      }
      : null,
  };
}

export function escalationView(input: EscalationInput): object {
  const all = [...input.items].sort(byPriority);
  const items = input.maxItems !== undefined ? all.slice(0, input.maxItems) : all;
  const rest = all.slice(items.length);
  const clientes = items.map((item, i) => ({ ...itemView(item, i, input.date), comandoRegistrar: recordCommand(item) }));
  return {
    hayMas: rest.length > 0,
    cantidadMas: plural(rest.length, 'cliente', 'clientes'),
    totalMas: formatMoney(rest.reduce((sum, i) => sum + i.overdueBalance, 0)),
    vistaAlertas: input.alertsView ?? 'COB_V_ALERTAS',
    hoy: formatDate(input.date),
    empresa: companyView(input.company),
    supervisor: { nombre: singleLine(input.supervisor.name), email: singleLine(input.supervisor.email) },
    clientes,
    cantidadClientes: plural(all.length, 'cliente', 'clientes'),
    /** One customer: the verbs agree («1 cliente requiere», «2 clientes requieren»). */
    unCliente: all.length === 1,
    totalVencido: formatMoney(all.reduce((sum, i) => sum + i.overdueBalance, 0)),
  };
}

export function testView(input: TestMailInput): object {
  const when = new Intl.DateTimeFormat('es-AR', {
    dateStyle: 'short', timeStyle: 'medium', timeZone: 'America/Argentina/Buenos_Aires',
  }).format(input.sentAt);
  return {
    empresa: companyView(input.company),
    destinatario: { nombre: singleLine(input.to.name), email: singleLine(input.to.email) },
    fechaHora: when,
    servidor: input.serverDescription,
  };
}
