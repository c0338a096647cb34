/**
 * Writes the sample digest, escalation notice and test mail (HTML and text)
 * into a folder, to look at them in a browser while editing templates:
 *   npx tsx service/mail/preview.ts <carpeta-salida> [carpeta-plantillas]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDigest, renderEscalationNotice, renderTestMail } from './render';
import { sampleDigestInput, sampleEscalationInput, sampleTestMailInput } from './sample';
import { loadTemplates } from './templates';
import type { CompanyInfo, RenderedMail } from './types';

/** Writes each mail as <name>.html and <name>.txt (subject first); returns the paths. */
export function writeMails(outDir: string, mails: Record<string, Pick<RenderedMail, 'subject' | 'html' | 'text'>>): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, mail] of Object.entries(mails)) {
    writeFileSync(join(outDir, `${name}.html`), mail.html);
    writeFileSync(join(outDir, `${name}.txt`), `Asunto: ${mail.subject}\n\n${mail.text}`);
    written.push(join(outDir, `${name}.html`), join(outDir, `${name}.txt`));
  }
  return written;
}

/** The sample mails (the demo's data), with the company's own name and payment details when given. */
export async function writePreviews(outDir: string, templatesFolder?: string, company?: CompanyInfo): Promise<string[]> {
  const t = await loadTemplates(templatesFolder);
  const withCompany = <T extends { company: CompanyInfo }>(input: T): T => (company ? { ...input, company } : input);
  return writeMails(outDir, {
    resumen: await renderDigest(t, withCompany(sampleDigestInput())),
    'escalamiento-supervisor': await renderEscalationNotice(t, withCompany(sampleEscalationInput())),
    prueba: await renderTestMail(t, withCompany(sampleTestMailInput())),
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '')) {
  const [out, folder] = process.argv.slice(2);
  if (!out) {
    console.error('Uso: tsx service/mail/preview.ts <carpeta-salida> [carpeta-plantillas]');
    process.exit(2);
  }
  writePreviews(out, folder).then(
    (files) => console.log(`Vista previa escrita en:\n${files.join('\n')}`),
    (e: Error) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
