/**
 * Several companies in one INI. Sections without a suffix are shared by every
 * company; a section suffixed with «:código» belongs to one company and
 * overrides them:
 *
 *   [empresa:norte]      declares the company «norte» (its code is the suffix)
 *   [erp:norte]          its database and ERP profile
 *   [vendedores:norte]   its sellers (replaces the shared [vendedores] as a whole)
 *   [niveles.A:norte]    its rule overrides, key by key over the shared ones
 *   [cadencia.C:norte]   its cadence for a tier (replaces the shared one as a whole)
 *
 * For sections with fixed keys, the company's keys override the shared ones
 * one by one; [vendedores] and [cadencia.X] are lists, so a company's own
 * section replaces the shared one. Each company's sections are merged into
 * one document that validates exactly like a single-company file; entries
 * keep the section they were written in, so errors point at it.
 */
import type { ConfigProblem } from './config-error';
import { FREE_SECTIONS, SECTION_NAMES } from './config-schema';
import { suggestion } from './closest-name';
import type { IniDocument, IniEntry, IniSection } from './ini-document';

export interface CompanyDocument {
  /** The suffix of its sections ('norte'). */
  code: string;
  /** Line of its [empresa:código] section. */
  line: number;
  doc: IniDocument;
}

export interface CompanySplit {
  companies: CompanyDocument[];
  problems: ConfigProblem[];
}

const SEPARATOR = ':';

export function companySection(base: string, code: string): string {
  return `${base}${SEPARATOR}${code}`;
}

/** True when the file declares companies ([empresa:código] or any «:código» section). */
export function hasCompanySections(doc: IniDocument): boolean {
  for (const name of doc.sections.keys()) if (name.includes(SEPARATOR)) return true;
  return false;
}

function merged(base: string, shared: IniSection | undefined, own: IniSection | undefined): IniSection | undefined {
  if (!own) return shared;
  const label = own.name;
  const ownEntries = [...own.entries.values()].map((e): IniEntry => ({ ...e, from: label }));
  if (!shared || (FREE_SECTIONS as readonly string[]).includes(base)) {
    return { name: base, line: own.line, label, entries: new Map(ownEntries.map((e) => [e.key, e])) };
  }
  const entries = new Map<string, IniEntry>();
  for (const e of shared.entries.values()) entries.set(e.key, { ...e, from: e.from ?? shared.name });
  for (const e of ownEntries) entries.set(e.key, e);
  return { name: base, line: own.line, label, entries };
}

/** One merged document per company declared with [empresa:código], plus the problems of the layout. */
export function splitCompanies(doc: IniDocument): CompanySplit {
  const problems: ConfigProblem[] = [];
  const own = new Map<string, Map<string, IniSection>>(); // code → base → section
  const shared = new Map<string, IniSection>();
  const declared = new Map<string, number>(); // code → line of [empresa:código]

  for (const section of doc.sections.values()) {
    const at = section.name.indexOf(SEPARATOR);
    if (at < 0) {
      shared.set(section.name, section);
      continue;
    }
    const base = section.name.slice(0, at).trim();
    const code = section.name.slice(at + 1).trim();
    if (!SECTION_NAMES.includes(base)) {
      problems.push({
        line: section.line, section: section.name, key: null,
        message: `sección desconocida «${base}»${suggestion(base, SECTION_NAMES)}; las secciones de una empresa se llaman como las generales más «:código», p. ej. [erp:${code || 'norte'}]`,
      });
      continue;
    }
    if (code === '') {
      problems.push({ line: section.line, section: section.name, key: null, message: `falta el código de la empresa después de «:», p. ej. [${base}:norte]` });
      continue;
    }
    if (!own.has(code)) own.set(code, new Map());
    own.get(code)?.set(base, section);
    if (base === 'empresa') declared.set(code, section.line);
  }

  for (const [code, sections] of own) {
    if (declared.has(code)) continue;
    for (const section of sections.values()) {
      problems.push({
        line: section.line, section: section.name, key: null,
        message: `la empresa «${code}» no está declarada: agregue la sección [empresa:${code}] con su nombre`,
      });
    }
  }
  const sharedId = shared.get('empresa')?.entries.get('id');
  if (sharedId && declared.size > 0) {
    problems.push({
      line: sharedId.line, section: 'empresa', key: 'id',
      message: 'con varias empresas, el código de cada una es el de su sección [empresa:código]: quite esta clave',
    });
  }
  if (own.size > 0 && declared.size === 0 && problems.length === 0) {
    problems.push({ line: 0, section: null, key: null, message: 'el archivo no declara ninguna empresa: agregue [empresa:código]' });
  }

  const companies: CompanyDocument[] = [];
  for (const [code, line] of declared) {
    const sections = own.get(code) ?? new Map<string, IniSection>();
    const docSections = new Map<string, IniSection>();
    const bases = new Set([...shared.keys(), ...sections.keys()]);
    for (const base of bases) {
      const section = merged(base, base === 'empresa' ? withoutId(shared.get(base)) : shared.get(base), sections.get(base));
      if (section) docSections.set(base, section);
    }
    const empresa = docSections.get('empresa');
    if (empresa && !empresa.entries.has('id')) {
      empresa.entries.set('id', { key: 'id', line, value: code, from: companySection('empresa', code) });
    }
    companies.push({ code, line, doc: { sections: docSections, problems: [] } });
  }
  return { companies, problems };
}

/** The shared [empresa] without `id` (each company takes its code from its own section). */
function withoutId(section: IniSection | undefined): IniSection | undefined {
  if (!section || !section.entries.has('id')) return section;
  const entries = new Map(section.entries);
  entries.delete('id');
  return { ...section, entries };
}
