/**
 * node:sqlite prints an ExperimentalWarning once per process. Users of the
 * command line need not see it: importing this module first filters that one
 * warning (and only it) out of process.emitWarning.
 */
let installed = false;

export function silenceSqliteWarning(): void {
  if (installed) return;
  installed = true;
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    const kind = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    if (kind === 'ExperimentalWarning' && /SQLite/i.test(text)) return;
    original(warning, ...rest);
  }) as typeof process.emitWarning;
}

silenceSqliteWarning();
