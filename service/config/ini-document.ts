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
    const value = asText(parsedSection(parsed, current.name)?.[key]);
    current.entries.set(key, { key, line, value });
  });

  return { sections, problems };
}
