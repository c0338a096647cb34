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
import { readIniDocument, type IniDocument } from './ini-document';
import { MISSING } from './zod-fields';

type Analysis = { problems: ConfigProblem[]; value: ValidatedIni | null };

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
    if (!SECTION_NAMES.includes(section.name)) {
      problems.push({
        line: section.line, section: section.name, key: null,
        message: `sección desconocida${suggestion(section.name, SECTION_NAMES)}`,
      });
      continue;
    }
    if (section.name.startsWith('cadencia.') && section.entries.size === 0) {
      problems.push({ line: section.line, section: section.name, key: null, message: EMPTY_CADENCE });
    }
    const values: Record<string, string> = {};
    for (const entry of section.entries.values()) {
      const unknown = unknownKeyMessage(section.name, entry.key);
      if (unknown !== null) {
        problems.push({ line: entry.line, section: section.name, key: entry.key, message: unknown });
        continue;
      }
      const sub = substituteEnv(entry.value, env);
      if (!sub.ok) {
        problems.push({ line: entry.line, section: section.name, key: entry.key, message: sub.message });
        reported.add(`${section.name}\u0000${entry.key}`);
        continue;
      }
      values[entry.key] = sub.value;
    }
    input[section.name] = values;
  }
  return { input, problems, reported };
}

function analyse(text: string, env: NodeJS.ProcessEnv): Analysis {
  const doc = readIniDocument(text);
  const { input, problems, reported } = schemaInput(doc, env);
  const all = [...doc.problems, ...problems];

  const result = configSchema.safeParse(input);
  if (result.success) return { problems: all, value: all.length === 0 ? result.data : null };

  for (const issue of result.error.issues) {
    const section = typeof issue.path[0] === 'string' ? issue.path[0] : null;
    const key = typeof issue.path[1] === 'string' ? issue.path[1] : null;
    if (section !== null && key !== null && reported.has(`${section}\u0000${key}`)) continue;
    const sectionInfo = section === null ? undefined : doc.sections.get(section);
    const entry = key === null ? undefined : sectionInfo?.entries.get(key);
    let message = issue.message;
    if (!sectionInfo && section !== null && message.startsWith(MISSING)) {
      message += ` (falta la sección [${section}])`;
    }
    all.push({ line: entry?.line ?? sectionInfo?.line ?? 0, section, key, message });
  }
  return { problems: all, value: null };
}

/** Every problem in the INI text, sorted by line; empty when it is valid. */
export function collectConfigErrors(text: string, env: NodeJS.ProcessEnv = process.env): ConfigProblem[] {
  return sortProblems(analyse(text, env).problems);
}

/** `file` is only used to name the file in messages and to resolve relative paths. */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { problems, value } = analyse(text, env);
  if (problems.length > 0 || value === null) throw new ConfigError(file, problems);
  return buildConfig(value, file);
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no existe el archivo' : `no se pudo leer el archivo (${(err as Error).message})`;
    throw new ConfigError(file, [{ line: 0, section: null, key: null, message: reason }]);
  }
  return parseConfigText(text, file, env);
}
