/**
 * Loads every mail template once per process: reads the files, compiles them
 * with Handlebars and renders each one with sample data (MJML in strict
 * validation), so a broken template stops the service at start with a Spanish
 * error naming the file, never later when a mail is due.
 *
 * A company may point the INI to its own folder; it must hold the same files
 * as mail-templates/ (copy the folder and edit the texts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CHANNELS, MESSAGE_TEMPLATES, type Channel, type MessageTemplate } from '../../rules/types';
import { formatDate, formatMoney } from './format';
import { digestView, escalationView, renderCustomerMessage, renderPair, testView } from './render';
import { TemplateError } from './template-error';
import { textToHtml } from './html-text';
import { sampleDigestInput, sampleEscalationInput, sampleMessageVars, sampleTestMailInput } from './sample';
import { unknownVariables } from './template-check';
import { DIGEST_VARS, ESCALATION_VARS, MESSAGE_VARS, TEST_MAIL_VARS, withSubject, type VarObject } from './template-vars';

export interface TemplateFile {
  /** Path of the source file, for error messages. */
  file: string;
  render: (view: object) => string;
}

export interface MailPair {
  mjml: TemplateFile;
  text: TemplateFile;
}

export interface Templates {
  folder: string;
  digest: MailPair;
  escalation: MailPair;
  test: MailPair;
  messages: Record<MessageTemplate, Record<Channel, TemplateFile>>;
}

/** mail-templates/ at the project root; in the Windows executable, the folder installed next to it. */
export function defaultTemplatesFolder(): string {
  if (isSea()) return join(dirname(process.execPath), 'mail-templates');
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../mail-templates');
}

/** One Handlebars environment for mail, with the few helpers templates may use. */
function mailHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('formatoDinero', (n: unknown) => (typeof n === 'number' ? formatMoney(n) : String(n ?? '')));
  hb.registerHelper('formatoFecha', (d: unknown) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d) : String(d ?? '')));
  // Escapes, then keeps line breaks: the only way text reaches HTML unescaped-looking.
  hb.registerHelper('saltos', (text: unknown) => new hb.SafeString(textToHtml(String(text ?? ''))));
  return hb;
}

const KNOWN_HELPERS = { formatoDinero: true, formatoFecha: true, saltos: true };
const HELPER_NAMES: ReadonlySet<string> = new Set(Object.keys(KNOWN_HELPERS));

/** A variable the template's data does not have fails here, naming the file, line and variable. */
function assertKnownVariables(ast: hbs.AST.Program, file: string, vars: VarObject): void {
  const [first] = unknownVariables(ast, vars, HELPER_NAMES);
  if (!first) return;
  const line = first.line === null ? '' : `línea ${first.line}: `;
  throw new TemplateError(file, `${line}variable desconocida {{${first.variable}}}: ${first.detail}.`, 'one-line');
}

/** Rejects {{{ }}} and {{& }}: ERP data must always reach HTML escaped. */
function assertNoRawOutput(ast: hbs.AST.Program, file: string): void {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } } };
    if (n.type === 'MustacheStatement' && n.escaped === false) {
      throw new TemplateError(file, `Línea ${n.loc?.start.line ?? '?'}: no se permite {{{…}}} ni {{&…}}; los datos deben ir escapados ({{…}}).`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && value !== n.loc) visit(value);
    }
  };
  visit(ast);
}

function compileFile(hb: typeof Handlebars, folder: string, relative: string, kind: 'html' | 'text', vars: VarObject): TemplateFile {
  const file = join(folder, relative);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new TemplateError(file, 'No se encontró el archivo o no se puede leer. La carpeta de plantillas debe tener los mismos archivos que mail-templates/.');
  }
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(source);
  } catch (e) {
    throw new TemplateError(file, `Error de sintaxis Handlebars: ${(e as Error).message}`);
  }
  if (kind === 'html') assertNoRawOutput(ast, file);
  assertKnownVariables(ast, file, kind === 'html' ? withSubject(vars) : vars);
  let compiled: HandlebarsTemplateDelegate;
  try {
    compiled = hb.compile(source, { noEscape: kind === 'text', knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
    // compile() is lazy: precompile to surface compile-time errors (unknown helpers…) now.
    hb.precompile(source, { knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true });
  } catch (e) {
    throw new TemplateError(file, `Error de Handlebars: ${(e as Error).message}`);
  }
  return {
    file,
    render: (view) => {
      try {
        return compiled(view);
      } catch (e) {
        throw new TemplateError(file, `Error al completar la plantilla: ${(e as Error).message}`);
      }
    },
  };
}

const cache = new Map<string, Promise<Templates>>();

/**
 * Reads, compiles and validates every template in `folder` (default
 * mail-templates/). Cached per folder: call it at start, keep the result.
 */
export function loadTemplates(folder: string = defaultTemplatesFolder()): Promise<Templates> {
  const key = resolve(folder);
  let pending = cache.get(key);
  if (!pending) {
    pending = load(key);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function load(folder: string): Promise<Templates> {
  const hb = mailHandlebars();
  const pair = (name: string, vars: VarObject): MailPair => ({
    mjml: compileFile(hb, folder, `${name}.mjml`, 'html', vars),
    text: compileFile(hb, folder, `${name}.txt`, 'text', vars),
  });
  const messages = {} as Record<MessageTemplate, Record<Channel, TemplateFile>>;
  for (const template of MESSAGE_TEMPLATES) {
    const byChannel = {} as Record<Channel, TemplateFile>;
    for (const channel of CHANNELS) {
      byChannel[channel] = compileFile(hb, folder, join('mensajes', template, `${channel}.txt`), 'text', MESSAGE_VARS);
    }
    messages[template] = byChannel;
  }
  const t: Templates = { folder, digest: pair('resumen', DIGEST_VARS), escalation: pair('escalamiento-supervisor', ESCALATION_VARS), test: pair('prueba', TEST_MAIL_VARS), messages };

  // Sample renderings: every message, then each mail with MJML in strict validation.
  for (const template of MESSAGE_TEMPLATES) {
    for (const channel of CHANNELS) renderCustomerMessage(t, template, channel, sampleMessageVars(template));
  }
  await renderPair(t.digest, digestView(t, sampleDigestInput()), 'strict');
  await renderPair(t.escalation, escalationView(sampleEscalationInput()), 'strict');
  await renderPair(t.test, testView(sampleTestMailInput()), 'strict');
  return t;
}
