/**
 * `cadencia cliente email <código> <correo|ninguno>` as a real process on the
 * demo company's database: the collections contact is stored and audited in
 * the console user's name, wins over the ERP e-mail, «ninguno» goes back to
 * the ERP's; an invalid address or an unknown customer is one Spanish line
 * with exit code 2.
 */
import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIni } from '../e2e/cli-process';
import { DEMO_START, erpFileOf, openDemoCompany, type Company } from '../e2e/helpers';

type Row = Record<string, unknown>;

describe('cadencia cliente email', () => {
  let c: Company;
  let ini: string;

  function cli(args: string[]): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', join('service', 'cli.ts'), 'cliente', 'email', ...args, '--config', ini], {
        stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' },
      });
      let out = '';
      proc.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
      proc.stderr.on('data', (b: Buffer) => { out += b.toString('utf8'); });
      proc.once('exit', (code) => resolve({ code, out }));
    });
  }

  beforeAll(async () => {
    c = await openDemoCompany({ tag: 'cli-cliente-email' });
    await c.cycle(DEMO_START);
    ini = join(c.dir, 'cadencia.ini');
    writeIni(ini, { erpFile: erpFileOf(c.config), mailFolder: join(c.dir, 'correo'), logFolder: join(c.dir, 'registros') });
  }, 120_000);
  afterAll(async () => c?.close());

  it('stores the collections contact, audited; «ninguno» goes back to the ERP e-mail', async () => {
    const set = await cli(['000032', 'pagos@rossi.com.ar, Tesoreria@rossi.com.ar']);
    expect(set.code, set.out).toBe(0);
    expect(set.out.trim()).toBe('Cliente 000032: los recordatorios van a pagos@rossi.com.ar, Tesoreria@rossi.com.ar (contacto de cobranza).');
    const row = (await c.ctx.db(c.ctx.tables.cliente).where('COD_CLIENT', '000032').first()) as Row;
    expect(row.EMAIL_COBRANZA).toBe('pagos@rossi.com.ar; Tesoreria@rossi.com.ar');
    const audit = (await c.ctx.db(c.ctx.tables.auditoria).where({ COD_CLIENT: '000032', ACCION: 'email_cobranza' }).first()) as Row;
    expect(audit.USUARIO).toBe(`consola:${userInfo().username}`.toLowerCase());

    const back = await cli(['000032', 'ninguno']);
    expect(back.code, back.out).toBe(0);
    expect(back.out.trim()).toBe('Cliente 000032: sin contacto de cobranza; los recordatorios van al correo del ERP: cobranzas@rossi.com.ar.');
    expect(((await c.ctx.db(c.ctx.tables.cliente).where('COD_CLIENT', '000032').first()) as Row).EMAIL_COBRANZA).toBeNull();
  });

  it('an invalid address or an unknown customer is one Spanish line, exit code 2', async () => {
    const bad = await cli(['000032', 'pagos@rossi']);
    expect(bad.code).toBe(2);
    expect(bad.out.trim()).toBe('No es una dirección de correo válida: «pagos@rossi».');
    const unknown = await cli(['999999', 'a@b.com.ar']);
    expect(unknown.code).toBe(2);
    expect(unknown.out.trim()).toBe('El cliente «999999» no existe en el ERP (revise el código con «cadencia explicar» o «cadencia niveles»).');
  });
});
