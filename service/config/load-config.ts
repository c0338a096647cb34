/**
 * INI file → AppConfig, or a ConfigError listing every problem with its file,
 * line and key. A bad file never yields a partial configuration.
 */
import { readFileSync } from 'node:fs';
import type { AppConfig } from './app-config';
import { buildConfig } from './build-config';
import { EMPTY_CADENCE, STEP_KEY } from './cadence-step';
import { suggestion } from './closest-name';
import { ConfigError, sortProblems, type ConfigProblem } from './config-error';
import { configSchema, SECTION_NAMES, sectionKeys, type ValidatedIni } from './config-schema';
import { substituteEnv } from './env-vars';
import { hasCompanySections, splitCompanies } from './company-sections';
import { readIniDocument, type IniDocument } from './ini-document';
import { MISSING } from './zod-fields';

export type Analysis = { problems: ConfigProblem[]; value: ValidatedIni | null };

function unknownKeyMessage(section: string, key: string): string | null {
  if (section === 'vendedores') {
    return key === '' || key === '__proto__' ? `código de vendedor inválido «${key}»` : null;
  }
  if (section.startsWith('cadencia.')) {
    return STEP_KEY.test(key) ? null : `clave desconocida «${key}»: los pasos se llaman paso1, paso2, paso3…`;
  }
  const keys = sectionKeys(section) ?? [];
  return keys.includes(key) ? null : `clave desconocida${suggestion(key, keys)}`;
}

/** The zod input ({ section: { key: text } }) plus problems found on the way. */
function schemaInput(doc: IniDocument, env: NodeJS.ProcessEnv) {
  const problems: ConfigProblem[] = [];
  const reported = new Set<string>(); // 'section\u0000key' already explained; skip zod's echo of it
  const input: Record<string, Record<string, string> | undefined> = {};
  for (const name of SECTION_NAMES) if (!name.startsWith('cadencia.')) input[name] = {};

  for (const section of doc.sections.values()) {
    const label = section.label ?? section.name;
    if (!SECTION_NAMES.includes(section.name)) {
      problems.push({
        line: section.line, section: label, key: null,
        message: `sección desconocida${suggestion(section.name, SECTION_NAMES)}`,
      });
      continue;
    }
    if (section.name.startsWith('cadencia.') && section.entries.size === 0) {
      problems.push({ line: section.line, section: label, key: null, message: EMPTY_CADENCE });
    }
    const values: Record<string, string> = {};
    for (const entry of section.entries.values()) {
      const unknown = unknownKeyMessage(section.name, entry.key);
      if (unknown !== null) {
        problems.push({ line: entry.line, section: entry.from ?? label, key: entry.key, message: unknown });
        continue;
      }
      const sub = substituteEnv(entry.value, env);
      if (!sub.ok) {
        problems.push({ line: entry.line, section: entry.from ?? label, key: entry.key, message: sub.message });
        reported.add(`${section.name}\u0000${entry.key}`);
        continue;
      }
      values[entry.key] = sub.value;
    }
    input[section.name] = values;
  }
  return { input, problems, reported };
}

/** Validates one document (a whole single-company file, or one company's merged sections). */
export function analyseDocument(doc: IniDocument, env: NodeJS.ProcessEnv): Analysis {
  const { input, problems, reported } = schemaInput(doc, env);
  const all = [...doc.problems, ...problems];

  const result = configSchema.safeParse(input);
  if (result.success) return { problems: all, value: all.length === 0 ? result.data : null };

  for (const issue of result.error.issues) {
    const section = typeof issue.path[0] === 'string' ? issue.path[0] : null;
    const key = typeof issue.path[1] === 'string' ? issue.path[1] : null;
    if (section !== null && key !== null && reported.has(`${section}\u0000${key}`)) continue;
    let sectionInfo = section === null ? undefined : doc.sections.get(section);
    let entry = key === null ? undefined : sectionInfo?.entries.get(key);
    const orAt = issue.code === 'custom' ? (issue.params as { orAt?: [string, string] } | undefined)?.orAt : undefined;
    const alternative = orAt ? doc.sections.get(orAt[0]) : undefined;
    if (!entry && orAt && alternative?.entries.get(orAt[1])) {
      // A cross-check between two keys: point at the one that is written.
      sectionInfo = alternative;
      entry = alternative.entries.get(orAt[1]);
    }
    let message = issue.message;
    if (!sectionInfo && section !== null && message.startsWith(MISSING)) {
      message += ` (falta la sección [${section}])`;
    }
    const label = entry?.from ?? sectionInfo?.label ?? sectionInfo?.name ?? section;
    all.push({ line: entry?.line ?? sectionInfo?.line ?? 0, section: label, key, message });
  }
  return { problems: all, value: null };
}

interface CompanyValue {
  value: ValidatedIni;
  /** Line and section that declared the company (for the duplicate-code check). */
  line: number;
  section: string | null;
}

/** Problems and validated values of every company in the text (one for a single-company file). */
function analyseAll(text: string, env: NodeJS.ProcessEnv): { problems: ConfigProblem[]; values: CompanyValue[] } {
  const doc = readIniDocument(text);
  if (!hasCompanySections(doc)) {
    const { problems, value } = analyseDocument(doc, env);
    return { problems, values: value === null ? [] : [{ value, line: 0, section: null }] };
  }
  const split = splitCompanies(doc);
  const problems: ConfigProblem[] = [...doc.problems, ...split.problems];
  const seen = new Set<string>();
  const add = (p: ConfigProblem): void => {
    // Shared sections are validated once per company: report each problem once.
    const id = `${p.line}\u0000${p.section}\u0000${p.key}\u0000${p.message}`;
    if (!seen.has(id)) problems.push(p);
    seen.add(id);
  };
  const values: CompanyValue[] = [];
  const ids = new Map<string, CompanyValue>();
  for (const company of split.companies) {
    const result = analyseDocument(company.doc, env);
    result.problems.forEach(add);
    if (result.value === null) continue;
    const entry: CompanyValue = { value: result.value, line: company.line, section: `empresa:${company.code}` };
    const id = (result.value.empresa.id ?? company.code).toLowerCase();
    const first = ids.get(id);
    if (first) {
      add({
        line: company.doc.sections.get('empresa')?.entries.get('id')?.line ?? company.line,
        section: entry.section, key: 'id',
        message: `código de empresa repetido «${result.value.empresa.id ?? company.code}»: ya lo usa [${first.section}] (línea ${first.line}); cada empresa necesita un código distinto`,
      });
      continue;
    }
    ids.set(id, entry);
    values.push(entry);
  }
  return { problems, values };
}

/** Every problem in the INI text (one or several companies), sorted by line; empty when it is valid. */
export function collectConfigErrors(text: string, env: NodeJS.ProcessEnv = process.env): ConfigProblem[] {
  return sortProblems(analyseAll(text, env).problems);
}

/**
 * Every company the INI text declares, each a complete AppConfig (a
 * single-company file gives one). `file` names the file in messages and
 * resolves relative paths.
 */
export function parseCompaniesText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): AppConfig[] {
  const { problems, values } = analyseAll(text, env);
  if (problems.length > 0 || values.length === 0) throw new ConfigError(file, problems);
  return values.map((v) => buildConfig(v.value, file));
}

/** The one company of the INI text; a file declaring several is an error here (use parseCompaniesText). */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const configs = parseCompaniesText(text, file, env);
  if (configs.length !== 1) {
    const codes = configs.map((c) => `[empresa:${c.company.id}]`).join(', ');
    throw new ConfigError(file, [{
      line: 0, section: null, key: null,
      message: `el archivo declara ${configs.length} empresas (${codes}); esta operación atiende una sola`,
    }]);
  }
  return configs[0] as AppConfig;
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no existe el archivo' : `no se pudo leer el archivo (${(err as Error).message})`;
    throw new ConfigError(file, [{ line: 0, section: null, key: null, message: reason }]);
  }
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  return parseConfigText(readConfigFile(file), file, env);
}

/** Every company of the INI file: its own connection, profile, staff and rule overrides over the shared sections. */
export function loadCompanies(file: string, env: NodeJS.ProcessEnv = process.env): AppConfig[] {
  return parseCompaniesText(readConfigFile(file), file, env);
}
