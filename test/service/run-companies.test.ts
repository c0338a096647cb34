/**
 * Issue 15 item 9: `ejecutar --una-vez` on a multi-company INI where one
 * company's database is missing: that company gets one Spanish line (the
 * detail goes to the log) and the other company still runs its cycle.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { runOnceCommand } from '../../service/cli/commands-run';

const dir = mkdtempSync(join(tmpdir(), 'cadencia-run-companies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('ejecutar --una-vez with two companies, one broken', () => {
  it('reports the broken one in one line and runs the other', async () => {
    const norte = join(dir, 'norte.sqlite');
    const sur = join(dir, 'sur-con-error-de-tipeo.sqlite');
    await generateDemoErp({ file: norte, seed: 42, asOf: DEMO_START, customers: 20 });
    const ini = join(dir, 'cadencia.ini');
    writeFileSync(ini, [
      '[correo]', 'modo = carpeta', `carpeta = ${join(dir, 'correo')}`, 'remitente = cobranzas@grupo-ejemplo.com.ar',
      '[personal]', 'cobrador = Laura Gómez <laura@grupo-ejemplo.com.ar>', 'supervisor = Martín Suárez <martin@grupo-ejemplo.com.ar>',
      '[registro]', `carpeta = ${join(dir, 'registros')}`,
      '[empresa:norte]', 'nombre = Distribuidora Norte S.A.',
      '[erp:norte]', 'motor = sqlite', `archivo = ${norte}`,
      '[empresa:sur]', 'nombre = Ferretería Sur S.R.L.',
      '[erp:sur]', 'motor = sqlite', `archivo = ${sur}`,
      '',
    ].join('\n'));
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });

    await runOnceCommand({ config: ini, fecha: DEMO_START });

    expect(process.exitCode).toBe(1);
    expect(out.join('\n')).toMatch(/== Distribuidora Norte S\.A\. \(norte\) ==\nCiclo n\.º 1 al 02\/11\/2026 — 20 clientes/);
    expect(out).toContain('\n== Ferretería Sur S.R.L. (sur) ==');
    expect(err).toEqual([
      `Error en sur: No existe la base «${sur}»: revise [erp] archivo en el INI (la base de demostración se crea con ` +
        `«cadencia demo generar --config <archivo INI>»). El detalle quedó en el registro (${join(dir, 'registros')}).`,
    ]);
    const logText = (): string => readdirSync(join(dir, 'registros')).filter((f) => f.endsWith('.log'))
      .map((f) => readFileSync(join(dir, 'registros', f), 'utf8')).join('');
    // The file transport writes asynchronously after the logger has ended.
    for (let i = 0; i < 50 && !/empresa=sur/.test(logText()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(logText()).toMatch(/ERROR ciclo empresa=sur falló: No existe la base/);
  }, 120_000);
});
