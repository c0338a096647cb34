/**
 * Issue 15 (items 9, 10, 13, 16): what people see from the command line when
 * things are not where they should be — one Spanish line, the detail in the
 * log, no file created by a typo, amounts read the Argentine way, exit codes
 * 0/1/2, --version, Spanish help, a closed pipe, local times in `estado`.
 * Each command runs as a real process on the demo ERP.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoErp } from '../../connector/demo-erp';
import { openDatabase } from '../../connector/connection';
import { DEMO_START } from '../../service/cli/commands-demo';
import { reloadCompanies } from '../../service/cli/commands-service';
import { formatDate } from '../../rules/format';
import { timeIn, todayIn } from '../../service/clock';
import { writeIni } from '../e2e/cli-process';

const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const CLI = resolve('service', 'cli.ts');

let dir: string;

/** `cadencia <args>` in `cwd`; `closeStdout` closes the reading end at once, like `| head` does. */
function cli(args: string[], opts: { cwd?: string; closeStdout?: boolean } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: opts.cwd ?? dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1', CADENCIA_DEPURAR: '' },
  });
  let out = '';
  let err = '';
  if (opts.closeStdout) proc.stdout.destroy();
  else proc.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  proc.stderr.on('data', (c: Buffer) => { err += c.toString('utf8'); });
  return new Promise((done) => proc.once('exit', (code) => done({ code, out, err })));
}

function iniFor(name: string, erpFile: string, overrides: Record<string, string> = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'cadencia.ini');
  writeIni(file, { erpFile, mailFolder: join(folder, 'correo'), logFolder: join(folder, 'registros') }, overrides);
  return file;
}

function logText(ini: string): string {
  const folder = join(ini, '..', 'registros');
  return existsSync(folder) ? readdirSync(folder).map((f) => readFileSync(join(folder, f), 'utf8')).join('') : '';
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-cli-msg-'));
  await generateDemoErp({ file: join(dir, 'erp.sqlite'), seed: 42, asOf: DEMO_START });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each command is a fresh Node process with tsx: seconds each on a busy machine.
describe('errors people see', { timeout: 240_000 }, () => {
  it('a command before the demo exists: one line, no file created, exit 1; an empty database names the missing table', async () => {
    const typo = join(dir, 'erp-demo-typo.sqlite');
    const ini = iniFor('sin-base', typo);
    const missing = await cli(['estado', '--config', ini]);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe('');
    expect(missing.err).toBe(
      `Error: No existe la base «${typo}»: revise [erp] archivo en el INI (la base de demostración se crea con ` +
        `«cadencia demo generar --config <archivo INI>»). El detalle quedó en el registro (${join(ini, '..', 'registros')}).\n`,
    );
    expect(existsSync(typo)).toBe(false);

    writeFileSync(typo, ''); // an empty SQLite file: a database with no ERP tables
    const empty = await cli(['explicar', '000056', '--config', ini, '--fecha', DEMO_START]);
    expect(empty.code).toBe(1);
    expect(empty.err.trim().split('\n')).toEqual([
      'Error: La base del ERP no tiene la tabla o vista «GVA23»: revise que [erp] perfil (tango, bejerman o vistas) ' +
        'corresponda al ERP y que [erp] base (o archivo) sea la base de la empresa; con perfil = vistas, cree las vistas ' +
        `de sql/vistas-plantilla.sql. «cadencia verificar» revisa cada lectura. El detalle quedó en el registro (${join(ini, '..', 'registros')}).`,
    ]);
    expect(empty.err).not.toMatch(/select|no such table|\n\s+at /);
    expect(logText(ini)).toMatch(/ERROR comando falló: select .* - no such table: GVA23/);
  });

  it('usage errors exit 2, --version and the help are in order, a closed pipe is not a crash', async () => {
    const ini = iniFor('uso', join(dir, 'erp.sqlite'));
    const [unknown, noArg, version, help, importe, piped] = await Promise.all([
      cli(['niveles', '--opcion-rara', '--config', ini]),
      cli(['explicar', '--config', ini]),
      cli(['--version']),
      cli(['--help']),
      cli(['contacto', 'registrar', '--cliente', '000056', '--resultado', 'promesa', '--fecha-promesa', '2026-11-10', '--importe', '1,500', '--config', ini]),
      cli(['db', 'sql', '--config', ini], { closeStdout: true }),
    ]);
    expect([unknown.code, unknown.err.split('\n')[0]]).toEqual([2, 'error: opción desconocida «--opcion-rara»']);
    expect([noArg.code, noArg.err.split('\n')[0]]).toEqual([2, 'error: falta el argumento «cliente»']);
    expect([version.code, version.out]).toEqual([0, `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Uso: cadencia \[opciones\] \[comando\]$/m);
    expect(help.out).not.toContain('[options]');
    expect(help.out).toMatch(/niveles\|tiers \[opciones\]/);
    expect(help.out).toContain('Códigos de salida:\n  0  todo en orden\n  1  el comando no pudo completar su trabajo');
    expect(help.out).toContain('  2  error de uso');
    expect(importe.code).toBe(2);
    expect(importe.err).toBe(
      '--importe: «1,500» se puede leer de dos maneras: escriba 1.500 para $ 1.500,00 o 1,50 para $ 1,50 (punto para los miles, coma para los centavos).\n',
    );
    // Like `cadencia db sql | head`: the reader is gone before the script is written.
    expect(piped.err).toBe('');
    expect(piped.code).toBe(0);
  });

  it('db sql fails with the INI error instead of using COB_', async () => {
    const ini = iniFor('ini-roto', join(dir, 'erp.sqlite'), { prefijo_tablas: 'XY_' });
    writeFileSync(ini, readFileSync(ini, 'utf8').replace('atraso_promedio_max = 7', 'atraso_promedi_max = 7'));
    const r = await cli(['db', 'sql', '--config', ini]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^.*cadencia\.ini:\d+: \[niveles\.A\] atraso_promedi_max: clave desconocida/);
  });
});

describe('a day of work from the command line', { timeout: 240_000 }, () => {
  it('--importe 1.500 is $ 1.500; ejecutar --fecha runs one cycle; estado shows local times; verificar keeps its parentheses; informe html lands in a file', async () => {
    const ini = iniFor('dia', join(dir, 'erp.sqlite'));
    const run = await cli(['ejecutar', '--fecha', DEMO_START, '--config', ini]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^--fecha implica --una-vez: se ejecuta un solo ciclo con esa fecha/);
    expect(run.out).toMatch(/Ciclo n\.º 1 al 02\/11\/2026/);

    const work = join(dir, 'informes');
    mkdirSync(work);
    const [contact, status, doctor, report] = await Promise.all([
      cli([
        'contacto', 'registrar', '--cliente', '000056', '--resultado', 'promesa', '--fecha', DEMO_START,
        '--fecha-promesa', '2026-11-10', '--importe', '$ 1.500', '--config', ini,
      ]),
      cli(['estado', '--config', ini]),
      cli(['verificar', '--config', ini]),
      cli(['informe', '--formato', 'html', '--hasta', DEMO_START, '--config', ini], { cwd: work }),
    ]);
    expect(contact.code).toBe(0);
    expect(contact.out).toMatch(/cliente 000056, promesa \(promete \$ 1\.500,00 el 10\/11\/2026\)/);

    const db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
    const [promise] = (await db('COB_CONTACTO').select('IMPORTE_PROMESA')) as { IMPORTE_PROMESA: number }[];
    const [cycle] = (await db('COB_EJECUCION').select('INICIO')) as { INICIO: string }[];
    await db.destroy();
    expect(Number(promise!.IMPORTE_PROMESA)).toBe(1500);

    expect(status.code).toBe(0);
    const started = new Date(cycle!.INICIO);
    const local = `${formatDate(todayIn('America/Argentina/Buenos_Aires', started))} ${timeIn('America/Argentina/Buenos_Aires', started)}`;
    expect(status.out).toContain('Inicio (hora de Buenos Aires)');
    expect(status.out).toMatch(new RegExp(`^ {2}1 +02/11/2026 +${local.replace(/\//g, '\\/')} +ok `, 'm'));

    expect(doctor.out).toContain('OK    servicio de Windows: no aplica (sólo en Windows)\n');
    expect(doctor.out).toMatch(/^OK {4}tablas propias \(COB_EJECUCION…\): esquema versión \d+; escritura probada y deshecha$/m);

    expect(report.code).toBe(0);
    expect(report.out).toBe(`Informe escrito en ${join(work, `informe-${DEMO_START}.html`)}.\n`);
    expect(readFileSync(join(work, `informe-${DEMO_START}.html`), 'utf8')).toMatch(/<html[\s\S]*Distribuidora/);
  });
});

describe('service reload', () => {
  it('keeps the company it was started with when the modified INI no longer has it', () => {
    const ini = iniFor('recarga', join(dir, 'erp.sqlite'));
    const text = readFileSync(ini, 'utf8');
    expect(reloadCompanies(ini, {})).toMatchObject({ configs: [{ company: { id: 'distribuidora-ejemplo' } }] });
    const id = /^id = (.*)$/m.exec(text)?.[1];
    expect(id).toBeDefined();
    expect('configs' in reloadCompanies(ini, { empresa: id })).toBe(true);
    writeFileSync(ini, text.replace(/^id = .*$/m, 'id = otra'));
    expect(reloadCompanies(ini, { empresa: id })).toEqual({
      orphaned: `la configuración modificada ya no tiene la empresa «${id}» con la que se inició el servicio (--empresa): ` +
        `se sigue con la configuración anterior; corrija ${ini} o reinicie el servicio con otra empresa`,
    });
  });
});
