/** A demo ERP (SQLite, Tango-shaped) and an INI pointing at it, in a temp dir. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoErp } from '../../connector/demo-erp';

export async function demoFolder(): Promise<{ dir: string; erp: string; ini: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cadencia-inst-'));
  const erp = join(dir, 'erp-demo.sqlite');
  await generateDemoErp({ file: erp, seed: 7, customers: 30, asOf: '2026-11-02' });
  const ini = join(dir, 'cadencia.ini');
  const example = readFileSync(join(__dirname, '../../cadencia.ejemplo.ini'), 'utf8');
  writeFileSync(ini, example.replace('archivo = demo/erp-demo.sqlite', `archivo = ${erp}`).replace('carpeta = demo/correo', `carpeta = ${join(dir, 'correo')}`));
  return { dir, erp, ini };
}
