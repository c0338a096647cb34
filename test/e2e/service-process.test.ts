/**
 * Issue "service" 15: `servicio ejecutar` as a child process on the demo ERP
 * (a cycle every minute, every day a business day): an INI edited into an
 * invalid state is not loaded and the log says why; a valid edit is; SIGTERM
 * stops it within seconds with exit code 0 and a final log line.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { runCli, writeIni, type Child } from './cli-process';
import { DEMO_SEED, DEMO_START, tempFolder } from './helpers';

let dir = '';
let child: Child | null = null;
afterEach(() => {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function waitFor(c: Child, pattern: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(c.output())) {
    if (Date.now() > until) throw new Error(`no apareció ${String(pattern)} en ${ms} ms. Salida:\n${c.output()}`);
    if (c.proc.exitCode !== null) throw new Error(`el servicio terminó (código ${c.proc.exitCode}). Salida:\n${c.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('servicio ejecutar (child process)', () => {
  it('reloads only a valid INI and stops on SIGTERM with exit code 0 and a final log line', async () => {
    dir = tempFolder('service');
    const erpFile = join(dir, 'erp.sqlite');
    await generateDemoErp({ file: erpFile, seed: DEMO_SEED, asOf: DEMO_START });
    const ini = join(dir, 'cadencia.ini');
    const always = {
      ciclo_cada_min: '1', desde: '00:00', hasta: '23:59', resumen_hora: '00:00',
      dias_habiles: 'lun, mar, mie, jue, vie, sab, dom', feriados_pais: 'ninguno',
    };
    writeIni(ini, { erpFile, mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') }, always);

    child = runCli(['servicio', 'ejecutar', '--config', ini]);
    await waitFor(child, /servicio iniciado: Distribuidora Ejemplo S\.A\./, 20_000);
    await waitFor(child, /INFO ciclo empresa=distribuidora-ejemplo fecha=\d{4}-\d\d-\d\d clientes=60/, 20_000);

    // Invalid edit: not loaded, and the log says which key and why.
    const valid = readFileSync(ini, 'utf8');
    writeFileSync(ini, valid.replace(/^ciclo_cada_min = 1$/m, 'ciclo_cada_min = cada tanto'));
    await waitFor(child, /la configuración modificada no es válida; se sigue con la anterior\..*ciclo_cada_min/, 15_000);
    expect(child.output()).not.toMatch(/configuración recargada/);

    // Valid edit: loaded.
    writeFileSync(ini, valid.replace(/^ciclo_cada_min = 1$/m, 'ciclo_cada_min = 2'));
    await waitFor(child, /configuración recargada/, 15_000);

    const stopAsked = Date.now();
    child.proc.kill('SIGTERM');
    const result = await child.exited;
    const stopMs = Date.now() - stopAsked;
    expect(result, child.output()).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(6_000);
    const lines = child.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/INFO servicio detenido/);
    expect(child.output()).toMatch(/servicio deteniéndose \(SIGTERM\)/);
    // The log file got the same story.
    const logs = readFileSync(join(dir, 'registros', readdirLog(join(dir, 'registros'))), 'utf8');
    expect(logs).toMatch(/servicio detenido/);
    console.info(`SIGTERM: detenido en ${stopMs} ms`);
  }, 90_000);
});

function readdirLog(folder: string): string {
  const name = readdirSync(folder).find((f) => f.startsWith('cadencia-') && f.endsWith('.log'));
  if (!name) throw new Error(`sin archivo de registro en ${folder}`);
  return name;
}
