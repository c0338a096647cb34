/**
 * Errors in the INI: each problem names the file, line, section and key, in
 * one Spanish line. A ConfigError carries all of them; its message is the first.
 */

export interface ConfigProblem {
  /** 1-based line in the INI; 0 when the problem has no line (e.g. a missing section). */
  line: number;
  /** Section name without brackets, e.g. 'niveles.A'; null for problems outside any section. */
  section: string | null;
  /** Key inside the section; null for problems about a whole section or line. */
  key: string | null;
  /** What is wrong, in Spanish, without file or location. */
  message: string;
}

/** One line: `cadencia.ini:42: [niveles.A] atraso_promedio_max: se esperaba …`. */
export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.line > 0 ? `${file}:${p.line}:` : `${file}:`;
  const what = [p.section !== null ? `[${p.section}]` : null, p.key].filter((s) => s !== null).join(' ');
  return what ? `${where} ${what}: ${p.message}` : `${where} ${p.message}`;
}

/** Problems sorted by line; problems without a line go last. */
export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const rank = (p: ConfigProblem) => (p.line > 0 ? p.line : Number.MAX_SAFE_INTEGER);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** The file as the user named it (used in messages). */
  readonly file: string;
  readonly line: number;
  readonly section: string | null;
  readonly key: string | null;
  /** Every problem found, sorted by line; the message describes the first. */
  readonly problems: ConfigProblem[];

  constructor(file: string, problems: ConfigProblem[]) {
    const sorted = sortProblems(problems);
    const first = sorted[0] ?? { line: 0, section: null, key: null, message: 'configuración inválida' };
    super(formatProblem(file, first));
    this.file = file;
    this.line = first.line;
    this.section = first.section;
    this.key = first.key;
    this.problems = sorted;
  }

  /** Every problem as one line each, for the CLI. */
  lines(): string[] {
    return this.problems.map((p) => formatProblem(this.file, p));
  }
}
