/**
 * Reads the INI text with the `ini` package and, since it keeps no line
 * numbers, scans the raw text the same way to know where every section and
 * key is. The scan also catches what `ini` would let pass silently: repeated
 * sections and keys, keys outside any section, lines that are not
 * `clave = valor`, and junk after a section header.
 */
import ini from 'ini';
import type { ConfigProblem } from './config-error';

export interface IniEntry {
  key: string;
  line: number;
  /** The value as `ini` decoded it (quotes removed, inline comments cut). */
  value: string;
  /** Section the entry was written in, when it differs from the section it counts for (multi-company files). */
  from?: string;
}

export interface IniSection {
  name: string;
  line: number;
  /** In file order. */
  entries: Map<string, IniEntry>;
  /** Name to show in messages, when it differs from `name` (e.g. 'erp:norte' for a company's [erp]). */
  label?: string;
}

export interface IniDocument {
  /** In file order. */
  sections: Map<string, IniSection>;
  problems: ConfigProblem[];
}

// The same shapes `ini` recognises (see ini/lib/ini.js `decode`).
const COMMENT_OR_BLANK = /^\s*([;#].*)?$/;
const SECTION = /^\[([^\]]*)\]\s*$/;
const KEY_VALUE = /^([^=]+)=(.*)$/;

/** Keys that hold passwords and tokens: `ini` would silently cut them at an unquoted «;» or «#». */
const SECRET_KEYS = new Set(['clave', 'oauth2_cliente_secreto', 'oauth2_token_refresco']);

/** The «;» or «#» where `ini` cuts an unquoted value (see ini/lib/ini.js `unsafe`), or null. */
export function commentCut(rawValue: string): { char: string; before: string } | null {
  const val = rawValue.trim();
  if (/^(".*"|'.*')$/.test(val)) return null;
  let escaped = false;
  for (let i = 0; i < val.length; i++) {
    const c = val.charAt(i);
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ';' || c === '#') return { char: c, before: val.slice(0, i).trim() };
  }
  return null;
}

function cutSecretMessage(key: string, char: string): string {
  return (
    `el valor se corta en «${char}»: sin comillas, lo que sigue se toma como comentario. Si la clave lleva «;» o «#», ` +
    `escríbala entre comillas simples (${key} = 'abc${char}123') o tómela de una variable de entorno (${key} = \${VARIABLE})`
  );
}

/** The parsed object of one section: `ini` nests '[niveles.A]' as niveles → A. */
function parsedSection(parsed: Record<string, unknown>, name: string): Record<string, unknown> | null {
  let node: unknown = parsed;
  for (const part of name.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : null;
}

function asText(v: unknown): string {
  // `ini` turns true/false/null into JS values and quoted numbers into numbers.
  return v === undefined ? '' : String(v);
}

export function readIniDocument(source: string): IniDocument {
  // Notepad may save UTF-8 with a byte-order mark; `ini` would read it as part of the first line.
  const text = source.replace(/^\uFEFF/, '');
  const parsed = ini.parse(text) as Record<string, unknown>;
  const sections = new Map<string, IniSection>();
  const problems: ConfigProblem[] = [];
  let current: IniSection | null = null;
  let skipping = false; // inside a repeated section: report once, ignore its keys

  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.includes('\uFFFD')) {
      problems.push({
        line, section: current?.name ?? null, key: null,
        message: 'caracteres ilegibles: guarde el archivo con codificación UTF-8',
      });
    }
    if (COMMENT_OR_BLANK.test(raw)) return;

    const header = SECTION.exec(raw);
    if (header) {
      const name = ini.unsafe(header[1] ?? '');
      const previous = sections.get(name);
      if (previous) {
        problems.push({
          line, section: name, key: null,
          message: `sección repetida (ya aparece en la línea ${previous.line}); junte sus claves en una sola`,
        });
        current = previous;
        skipping = true;
        return;
      }
      current = { name, line, entries: new Map() };
      sections.set(name, current);
      skipping = false;
      return;
    }
    if (raw.trimStart().startsWith('[')) {
      problems.push({
        line, section: null, key: null,
        message: 'encabezado de sección inválido: se esperaba «[sección]» sola en la línea (los comentarios van en otra línea)',
      });
      current = null;
      skipping = true;
      return;
    }

    const kv = KEY_VALUE.exec(raw);
    if (!kv) {
      problems.push({
        line, section: current?.name ?? null, key: null,
        message: 'línea inválida: se esperaba «clave = valor», «[sección]» o un comentario que empiece con «;»',
      });
      return;
    }
    const key = ini.unsafe(kv[1] ?? '');
    if (!current) {
      if (!skipping) {
        problems.push({ line, section: null, key, message: 'clave fuera de sección: póngala debajo de su «[sección]»' });
      }
      return;
    }
    const previous = current.entries.get(key);
    if (previous) {
      problems.push({
        line, section: current.name, key,
        message: `clave repetida (ya definida en la línea ${previous.line})`,
      });
      return;
    }
    if (skipping) return;
    const cut = SECRET_KEYS.has(key) ? commentCut(kv[2] ?? '') : null;
    // A trailing comment after an environment reference is fine; anything else is a password cut short.
    if (cut && !/^\$\{[^}]+\}$/.test(cut.before)) {
      problems.push({ line, section: current.name, key, message: cutSecretMessage(key, cut.char) });
    }
    const value = asText(parsedSection(parsed, current.name)?.[key]);
    current.entries.set(key, { key, line, value });
  });

  return { sections, problems };
}
