/**
 * `correo vista-previa` with the company's own INI and data: a chosen
 * customer's mails of the day from the demo ERP, or the sample mails with the
 * company's name; nothing is written to the outbox. Real processes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { runCli, writeIni } from '../e2e/cli-process';

let dir: string;

/** Rows in the outbox and the task table (the add-on tables exist: `db migrar` ran first). */
function addonRows(): { correo: number; tareas: number } {
  const db = new DatabaseSync(join(dir, 'erp.sqlite'));
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { correo: count('COB_CORREO'), tareas: count('COB_TAREA') };
  } finally {
    db.close();
  }
}
let ini: string;

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = runCli(args);
  const { code } = await child.exited;
  return { code, out: child.output() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-preview-'));
  ini = join(dir, 'cadencia.ini');
  await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: 42, asOf: DEMO_START });
  writeIni(ini, { erpFile: join(dir, 'erp.sqlite'), mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
  writeFileSync(ini, readFileSync(ini, 'utf8').replace(/^nombre = .*$/m, 'nombre = Ferretería Los Andes SRL'));
  expect((await cli(['db', 'migrar', '--config', ini])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('correo vista-previa', () => {
  it('--cliente writes the day\'s mails that customer appears in, with its ERP data, and writes nothing to the outbox', async () => {
    const out = join(dir, 'vp-000056');
    const { code, out: printed } = await cli(['correo', 'vista-previa', '--cliente', '000056', '--fecha', DEMO_START, '--config', ini, '--carpeta', out]);
    expect(code).toBe(0);
    expect(printed).toMatch(/^Vista previa de 000056 — Iturralde Ricardo, 02\/11\/2026/m);
    expect(printed).toMatch(/resumen para .*martin\.suarez@distribuidora-ejemplo\.com\.ar.*: Cobranzas 02\/11\/2026: 1 cliente para contactar — Ferretería Los Andes SRL/);
    const files = readdirSync(out).sort();
    expect(files).toContain('resumen-martin.suarez_distribuidora-ejemplo.com.ar.txt');
    const digest = readFileSync(join(out, 'resumen-martin.suarez_distribuidora-ejemplo.com.ar.txt'), 'utf8');
    expect(digest).toMatch(/^Asunto: Cobranzas 02\/11\/2026: 1 cliente para contactar — Ferretería Los Andes SRL/);
    expect(digest).toContain('1. Iturralde Ricardo (cód. 000056) — NIVEL C');
    expect(digest).toContain('FAC A000100000794  vence 16/07/2025  474 días  $ 2.106.495,71');
    expect(digest).toContain('Ref.: Intimación de pago');
    const html = readFileSync(join(out, 'resumen-martin.suarez_distribuidora-ejemplo.com.ar.html'), 'utf8');
    expect(html).toContain('Iturralde Ricardo');
    expect(addonRows()).toEqual({ correo: 0, tareas: 0 });
  });

  it('--cliente says why when the customer is in no mail that day', async () => {
    const { code, out } = await cli(['correo', 'vista-previa', '--cliente', '000012', '--fecha', DEMO_START, '--config', ini, '--carpeta', join(dir, 'vp-000012')]);
    expect(code).toBe(0);
    expect(out).toMatch(/^000012 — Textil Medina S\.A\., 02\/11\/2026: no aparece en ningún correo de ese día \(.+\)\. Pruebe otra fecha con --fecha AAAA-MM-DD\./m);
  });

  it('--cliente with an unknown code is one Spanish line and exit code 2', async () => {
    const { code, out } = await cli(['correo', 'vista-previa', '--cliente', 'NOEXISTE', '--fecha', DEMO_START, '--config', ini]);
    expect(code).toBe(2);
    expect(out.trim()).toBe('--cliente: no existe el cliente «NOEXISTE» en el ERP.');
  });

  it('without --cliente, the sample mails carry the company\'s own name', async () => {
    const out = join(dir, 'vp-ejemplo');
    const { code, out: printed } = await cli(['correo', 'vista-previa', '--config', ini, '--carpeta', out]);
    expect(code).toBe(0);
    expect(printed).toContain('Vista previa (Ferretería Los Andes SRL, con clientes de ejemplo; para un cliente real: --cliente <código>)');
    expect(readFileSync(join(out, 'resumen.txt'), 'utf8')).toMatch(/^Asunto: .*— Ferretería Los Andes SRL/);
  });
});
