/**
 * Issue 15 items 1 and 6 at the command line: `contacto registrar` refuses
 * what the cycle would skip (absurd promises, unknown customers, tasks of
 * another customer), and `estado` names the staff rows a cycle skipped. Each
 * command runs as a real process on the demo ERP with the example INI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { addonTables } from '../../connector/addon/tables';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START } from '../../service/cli/commands-demo';
import { runCli, writeIni } from '../e2e/cli-process';

let dir: string;
let ini: string;
let erp: string;
const t = addonTables('COB_');

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = runCli([...args, '--config', ini]);
  const { code } = await child.exited;
  return { code, out: child.output() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-cli-staff-'));
  ini = join(dir, 'cadencia.ini');
  erp = join(dir, 'erp.sqlite');
  await generateDemoErp({ file: erp, seed: 42, asOf: DEMO_START });
  writeIni(ini, { erpFile: erp, mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') });
  const first = await cli(['ejecutar', '--una-vez', '--fecha', DEMO_START]);
  expect(first.code, first.out).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('contacto registrar and estado with bad staff input', () => {
  it('refuses unknown customers, tasks of another customer and absurd promises, writing nothing', async () => {
    const db = openDatabase({ kind: 'sqlite', file: erp });
    try {
      const [a, b] = (await db(t.tarea).select('ID', 'COD_CLIENT').orderBy('ID')) as { ID: number; COD_CLIENT: string }[];
      const other = ((await db(t.tarea).whereNot('COD_CLIENT', a!.COD_CLIENT).first('COD_CLIENT')) as { COD_CLIENT: string }).COD_CLIENT.trim();
      expect(b).toBeDefined();
      const owner = a!.COD_CLIENT.trim();
      const base = ['contacto', 'registrar', '--fecha', DEMO_START];

      const unknown = await cli([...base, '--cliente', 'ZZZ999', '--resultado', 'contactado']);
      expect(unknown.code).not.toBe(0);
      expect(unknown.out).toContain('--cliente: el cliente «ZZZ999» no existe en el ERP');

      const foreign = await cli([...base, '--cliente', other, '--resultado', 'contactado', '--tarea', String(a!.ID)]);
      expect(foreign.code).not.toBe(0);
      expect(foreign.out).toContain(`La tarea n.º ${a!.ID} es del cliente ${owner}, no del ${other}.`);

      const far = await cli([...base, '--cliente', owner, '--resultado', 'promesa', '--fecha-promesa', '9999-12-31', '--importe', '1000']);
      expect(far.code).not.toBe(0);
      expect(far.out).toContain('--fecha-promesa: se esperaba una fecha AAAA-MM-DD hasta el 31/12/2099, se recibió «9999-12-31».');
      const before = await cli([...base, '--cliente', owner, '--resultado', 'promesa', '--fecha-promesa', '2026-01-01', '--importe', '1000']);
      expect(before.out).toMatch(/La fecha prometida \(01\/01\/2026\) es anterior al contacto \(\d\d\/\d\d\/2026\)\./);
      const levels = await cli(['niveles', '--fecha', '9999-12-31']);
      expect(levels.code).not.toBe(0);
      expect(levels.out).toContain('--fecha: se esperaba una fecha AAAA-MM-DD hasta el 31/12/2099, se recibió «9999-12-31».');
      for (const out of [unknown.out, foreign.out, far.out, before.out, levels.out]) expect(out).not.toMatch(/\n\s+at /); // no stack
      expect(Number(((await db(t.contacto).count({ n: '*' })) as { n: number }[])[0]?.n)).toBe(0);

      // A row typed by hand with another tool: the next cycle skips it and `estado` names it.
      await db(t.contacto).insert({ COD_CLIENT: owner, FECHA: DEMO_START, RESULTADO: 'promesa', FECHA_PROMESA: DEMO_START, IMPORTE_PROMESA: -5, REGISTRADO: new Date() });
    } finally {
      await db.destroy();
    }
    const again = await cli(['ejecutar', '--una-vez', '--fecha', DEMO_START]);
    expect(again.code, again.out).toBe(0);
    const status = await cli(['estado']);
    expect(status.code, status.out).toBe(0);
    expect(status.out).toMatch(/FILAS OMITIDAS EN EL CICLO N\.º 2: 1\n/);
    expect(status.out).toContain('1 × Una promesa de pago necesita un importe mayor que cero: se omite el contacto.');
    expect(status.out).toMatch(/Filas: COB_CONTACTO contacto n\.º 1 cliente \S+\./);
  }, 400_000);

  it('records the outcomes «dice que pagó» and «nota» too', async () => {
    const db = openDatabase({ kind: 'sqlite', file: erp });
    let owner: string;
    try {
      owner = ((await db(t.tarea).first('COD_CLIENT')) as { COD_CLIENT: string }).COD_CLIENT.trim();
    } finally {
      await db.destroy();
    }
    const base = ['contacto', 'registrar', '--fecha', DEMO_START, '--cliente', owner];
    const paid = await cli([...base, '--resultado', 'dice-que-pago', '--obs', 'Transfirió ayer']);
    expect(paid.code, paid.out).toBe(0);
    expect(paid.out).toMatch(new RegExp(`Contacto n\\.º \\d+ registrado: cliente ${owner}, dice_que_pago\\.`));
    const note = await cli([...base, '--resultado', 'nota', '--obs', 'Cambia de contador']);
    expect(note.code, note.out).toBe(0);
    const help = await cli(['contacto', 'registrar', '--help']);
    expect(help.out.replace(/\s+/g, ' ')).toContain('contactado, promesa, disputa, contacto_erroneo, sin_respuesta, dice_que_pago o nota');
  }, 120_000);
});
