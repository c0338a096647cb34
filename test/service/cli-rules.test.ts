/**
 * Issue "rules", the command line on the demo ERP with the example INI:
 * `reglas verificar`, `explicar`, `niveles`, `simular`, and a broken INI that
 * gives one line naming file:line:key with a non-zero exit code. Each command
 * runs as a real process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { runCli, writeIni } from '../e2e/cli-process';

let dir: string;
let ini: string;

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = runCli(args);
  const { code } = await child.exited;
  return { code, out: child.output() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-cli-'));
  ini = join(dir, 'cadencia.ini');
  await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: 42, asOf: DEMO_START });
  writeIni(ini, { erpFile: join(dir, 'erp.sqlite'), mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cadencia command line', () => {
  it('reglas verificar prints the effective rules of the example INI', async () => {
    const { code, out } = await cli(['reglas', 'verificar', '--config', ini]);
    expect(code).toBe(0);
    expect(out).toMatch(/NIVELES DE RIESGO/);
    expect(out).toMatch(/C\s+D\+90\s+90 días después\s+carta, email\s+intimacion\s+supervisor\s+extrajudicial/);
    expect(out).toContain('La configuración y las plantillas de correo son válidas.');
  });

  const broken: [string, (text: string) => string, RegExp][] = [
    ['a misspelt key', (t) => t.replace('atraso_promedio_max = 7', 'atraso_promedi_max = 7'),
      /^cadencia\.ini:\d+: \[niveles\.A\] atraso_promedi_max: .*¿quiso decir «atraso_promedio_max»\?/m],
    ['a bad number', (t) => t.replace('atraso_promedio_max = 7', 'atraso_promedio_max = siete'),
      /^cadencia\.ini:\d+: \[niveles\.A\] atraso_promedio_max: .*«siete»/m],
    ['an unknown channel', (t) => t.replace('paso1 = -3 | email |', 'paso1 = -3 | fax |'),
      /^cadencia\.ini:\d+: \[cadencia\.A\] paso1: .*fax/m],
    ['steps out of order', (t) => t.replace(/(\[cadencia\.B\][\s\S]*?)paso2 = 7 \|/, '$1paso2 = -9 |'),
      /^cadencia\.ini:\d+: \[cadencia\.B\] paso2: .*orden/m],
  ];
  for (const [what, edit, expected] of broken) {
    it(`a broken INI with ${what} fails with one line naming file:line:key`, async () => {
      const file = join(dir, 'cadencia.ini');
      const bad = join(dir, 'rota', 'cadencia.ini');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(dir, 'rota'), { recursive: true });
      const text = readFileSync(file, 'utf8');
      const edited = edit(text);
      expect(edited).not.toBe(text);
      writeFileSync(bad, edited);
      const { code, out } = await cli(['reglas', 'verificar', '--config', bad]);
      expect(code).toBe(2);
      expect(out.trim().split('\n')).toHaveLength(1);
      expect(out.replace(/^.*[\\/]/m, '')).toMatch(expected);
    });
  }

  it('explicar shows the tier with its metrics, the open installments and the next step', async () => {
    const { code, out } = await cli(['explicar', '000056', '--config', ini, '--fecha', DEMO_START]);
    expect(code).toBe(0);
    expect(out).toMatch(/^000056 — /m);
    expect(out).toMatch(/NIVEL C desde 02\/11\/2026/);
    expect(out).toContain('Atraso promedio ponderado');
    expect(out).toMatch(/CUOTAS ABIERTAS \(\d+\)/);
    expect(out).toMatch(/PRÓXIMO PASO\n {2}Nivel C · \d+ días de atraso/);
  });

  it('explicar names a customer that does not exist', async () => {
    const { code, out } = await cli(['explicar', 'NOEXISTE', '--config', ini, '--fecha', DEMO_START]);
    expect(code).toBe(2);
    expect(out).toContain('No existe el cliente «NOEXISTE» en el ERP.');
  });

  it('niveles prints the distribution and the list per tier', async () => {
    const { code, out } = await cli(['niveles', '--config', ini, '--fecha', DEMO_START]);
    expect(code).toBe(0);
    const counts = [...out.matchAll(/^ {2}([ABC]) {6}(\d+)/gm)].map((m) => Number(m[2]));
    expect(counts).toHaveLength(3);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
  });

  it('simular shows what each day would bring and writes nothing', async () => {
    const { code, out } = await cli(['simular', '--config', ini, '--fecha', DEMO_START, '--dias', '3']);
    expect(code).toBe(0);
    expect(out).toMatch(/^ {2}02\/11\/2026 +\d+/m);
    expect(out).toMatch(/^ {2}04\/11\/2026 +\d+/m);
    const status = await cli(['estado', '--config', ini]);
    expect(status.out).toContain('Las tablas de cadencia todavía no existen en la base');
  });

  it('speaks Spanish when the command line is wrong', async () => {
    const { code, out } = await cli(['niveles', '--nvl', 'A', '--config', ini]);
    expect(code).not.toBe(0);
    expect(out).toContain('error: opción desconocida «--nvl»');
  });
});
