/**
 * Entry bundled by test/web/pdf.test.ts with the executable's esbuild
 * settings: writes a statement and a letter to the folder in argv[2].
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { letterPdf, statementPdf } from '../../service/web/pdf';
import { LETTER, STATEMENT } from './pdf-story';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('Falta la carpeta de salida.');
  writeFileSync(join(dir, 'estado.pdf'), await statementPdf(STATEMENT));
  writeFileSync(join(dir, 'carta.pdf'), await letterPdf(LETTER));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
