/**
 * `explicar --fecha` with a past date: the state as of that day (no tier,
 * contact or task stored after it) and the customer's timeline of tier
 * changes, tasks, contacts and promises. Demo ERP, two cycles a month apart
 * and a recorded promise in between; every command is a real process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { runCli, writeIni } from '../e2e/cli-process';

let dir: string;
let ini: string;

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = runCli([...args, '--config', ini]);
  const { code } = await child.exited;
  return { code, out: child.output() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-explain-'));
  ini = join(dir, 'cadencia.ini');
  await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: 42, asOf: DEMO_START });
  writeIni(ini, { erpFile: join(dir, 'erp.sqlite'), mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
  expect((await cli(['ejecutar', '--una-vez', '--fecha', DEMO_START])).code).toBe(0);
  expect((await cli([
    'contacto', 'registrar', '--cliente', '000056', '--resultado', 'promesa', '--fecha', '2026-11-04',
    '--fecha-promesa', '2026-11-10', '--importe', '500000',
  ])).code).toBe(0);
  expect((await cli(['ejecutar', '--una-vez', '--fecha', '2026-12-02'])).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('explicar --fecha with a past date', () => {
  it('uses the tier the customer had that day, never one decided later', async () => {
    // 000032 went from B to C on the 02/12 cycle; on 20/11 it was B and its debt then already broke B.
    const { code, out } = await cli(['explicar', '000032', '--fecha', '2026-11-20']);
    expect(code).toBe(0);
    expect(out).not.toContain('02/12/2026');
    expect(out).toContain('NIVEL C (antes B) desde 20/11/2026 · regla: empeora');
    expect(out).toContain('HISTORIA HASTA EL 20/11/2026\n  02/11/2026  nivel B (primer cálculo) · regla criterios\n');
  });

  it('shows contacts and promises only up to the date asked, with tasks and tier changes', async () => {
    const before = await cli(['explicar', '000056', '--fecha', '2026-11-03']);
    expect(before.code).toBe(0);
    expect(before.out).toContain([
      'HISTORIA HASTA EL 03/11/2026',
      '  02/11/2026  nivel C (primer cálculo) · regla criterios',
      '  02/11/2026  paso D+7 omitido (el atraso ya lo había superado)',
      '  02/11/2026  paso D+30 omitido (el atraso ya lo había superado)',
      '  02/11/2026  paso D+60 omitido (el atraso ya lo había superado)',
      '  02/11/2026  paso D+90: carta, email (supervisor)',
    ].join('\n'));
    expect(before.out).not.toContain('promesa');
    const after = await cli(['explicar', '000056', '--fecha', '2026-12-02']);
    expect(after.out).toContain('  04/11/2026  contacto: promesa de pago: pagar $ 500.000,00 el 10/11/2026\n');
    // Each input of the tier with its weight; the money sent and not applied is taken off the debt.
    expect(after.out).toContain('INSUMOS DEL NIVEL (puntaje de comportamiento 70 de 100: A hasta 34, B hasta 59)');
    expect(after.out).toMatch(/^ {2}Historial de pagos {2}60 % {4}C {6}atraso promedio ponderado 58,1 días \(máximo para B: 25\)/m);
    expect(after.out).toMatch(/^ {2}Volumen {13}20 % {4}B {6}deuda vencida sin cubrir de \$ 6\.327\.555,51, 22 % de lo facturado en el período/m);
    expect(after.out).toMatch(/^ {2}Antigüedad {10}20 % {4}A {6}2878 días de relación/m);
    expect(after.out).toMatch(/^ {2}Deuda vencida {7}límite {2}C {6}la factura vencida más antigua que no cubre el dinero enviado sin aplicar \(\$ 4\.044\.715,19\) tiene 108 días/m);
  });
});
