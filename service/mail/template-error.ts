/** The error every broken mail template raises: Spanish, naming the file (and line when known). */
export class TemplateError extends Error {
  constructor(readonly file: string, detail: string, layout: 'two-lines' | 'one-line' = 'two-lines') {
    super(layout === 'one-line' ? `Plantilla de correo ${file}: ${detail}` : `Plantilla de correo con errores: ${file}\n${detail}`);
    this.name = 'TemplateError';
  }
}

/** MJML's validation errors, with the offending line of the filled document quoted. */
export function describeMjmlError(e: unknown, source: string): string {
  const errors = (e as { errors?: { line?: number; message?: string }[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return (e as Error).message;
  const lines = source.split('\n');
  return errors
    .map((err) => {
      const text = err.line ? (lines[err.line - 1] ?? '').trim().slice(0, 120) : '';
      return `Línea ${err.line ?? '?'} (del documento completado con datos de ejemplo): ${err.message ?? ''}${text ? `\n    → ${text}` : ''}`;
    })
    .join('\n');
}
