import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { loadConfig } from '../../service/config';
import { setupWizard } from '../../service/cli/commands-setup';
import { startSmtp, type TestSmtp } from '../mail/helpers';
import { demoFolder } from './helpers';

const dirs: string[] = [];
let smtp: TestSmtp | null = null;
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await smtp?.close();
  smtp = null;
});

/** Sellers the wizard asks about (all but the cash-sale one, «**»). */
async function sellerCount(file: string): Promise<number> {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    const rows = (await db('GVA23').select('COD_VENDED')) as { COD_VENDED: string }[];
    return rows.filter((r) => r.COD_VENDED.trim() !== '**').length;
  } finally {
    await db.destroy();
  }
}

/** Runs the wizard with these answer lines on stdin; returns what it printed. */
async function drive(ini: string, answers: string[]): Promise<string> {
  let out = '';
  await setupWizard({ config: ini }, { input: Readable.from([answers.join('\n') + '\n']), write: (t) => { out += t; } });
  return out;
}

describe('iniciar (set-up wizard) against the demo ERP and a local SMTP server', () => {
  it('tests the connection, pre-fills sellers from the ERP, sends a test mail and writes an INI that loads', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    smtp = await startSmtp();
    const ini = join(demo.dir, 'nuevo.ini');
    const out = await drive(ini, [
      '', // file: the --config one
      'Ferretería Sur; S.A.', // company (a ";" must be quoted in the INI)
      '', // ERP tango
      'sqlite', demo.erp,
      'smtp', '127.0.0.1', 'ninguna', String(smtp.port), 'ninguna',
      'Cobranzas <cobranzas@ferreteria.com.ar>',
      'Laura Gómez <laura@ferreteria.com.ar>',
      '', // supervisor = collector
      ...Array.from({ length: await sellerCount(demo.erp) }, (_, i) => (i === 0 ? 'Juan Pérez <juan@ferreteria.com.ar>' : '')),
      'prueba@ferreteria.com.ar',
    ]);
    expect(out).toMatch(/Conexión correcta: \d+ vendedores en el ERP/);
    expect(out).toMatch(/Correo de prueba enviado a prueba@ferreteria\.com\.ar/);
    expect(out).toContain(`Configuración escrita en ${ini}`);

    const config = loadConfig(ini);
    expect(config.company.name).toBe('Ferretería Sur; S.A.');
    expect(config.erp.connection).toEqual({ kind: 'sqlite', file: demo.erp });
    expect(config.mail.smtp).toMatchObject({ host: '127.0.0.1', port: smtp.port, security: 'ninguna' });
    expect(config.staff.supervisor).toEqual({ name: 'Laura Gómez', email: 'laura@ferreteria.com.ar' });
    const sellerCodes = [...out.matchAll(/Vendedor (\S+) /g)].map((m) => m[1]!);
    expect(sellerCodes.length).toBeGreaterThan(0);
    expect(sellerCodes).not.toContain('**');
    expect(config.staff.sellers[sellerCodes[0]!]).toEqual({ name: 'Juan Pérez', email: 'juan@ferreteria.com.ar' });

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.rcptTo).toEqual(['prueba@ferreteria.com.ar']);
    expect(smtp.received[0]!.mail.subject).toBe('cadencia: correo de prueba del asistente');
  });

  it('offers tango, bejerman and vistas, and reads the sellers through the chosen profile', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const erp = join(demo.dir, 'bejerman.sqlite');
    await generateBejermanDemo({ file: erp, seed: 7, customers: 20, asOf: '2026-11-02' });
    const db = openDatabase({ kind: 'sqlite', file: erp });
    const sellers = ((await db('Vendedor').select('ven_Cod')) as { ven_Cod: string }[]).filter((r) => r.ven_Cod.trim() !== '');
    await db.destroy();
    const ini = join(demo.dir, 'bejerman.ini');
    const out = await drive(ini, [
      '', 'Mayorista Norte', 'sap', 'bejerman', 'sqlite', erp, 'carpeta', 'correo',
      'Cobranzas <cobranzas@norte.com.ar>', 'Laura Gómez <laura@norte.com.ar>', '',
      ...sellers.map(() => ''),
    ]);
    expect(out).toContain('ERP («vistas»: otro ERP, con las vistas de sql/vistas-plantilla.sql) (tango/bejerman/vistas) [tango]: ');
    expect(out).toContain('Responda tango o bejerman o vistas.');
    expect(out).toContain(`Conexión correcta: ${sellers.length} vendedores en el ERP.`);
    expect([...out.matchAll(/ {2}Vendedor (\S+) /g)].map((m) => m[1]).sort()).toEqual(sellers.map((r) => r.ven_Cod.trim()).sort());
    const config = loadConfig(ini);
    expect(config.erp.profile).toBe('bejerman');
    expect(config.erp.connection).toEqual({ kind: 'sqlite', file: erp });
  });

  it('asks again after a failed connection and never writes a file that would not load', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const ini = join(demo.dir, 'malo.ini');
    const missing = join(demo.dir, 'no-existe', 'erp.sqlite');
    await expect(drive(ini, ['', 'Empresa', '', 'sqlite', missing, 'sqlite', missing, 'sqlite', missing]))
      .rejects.toThrow(/no se escribió el archivo/);
    expect(existsSync(ini)).toBe(false);

    // A sender that is not an address: the INI would not validate, so nothing is written.
    await expect(drive(ini, ['', 'Empresa', '', 'sqlite', demo.erp, 'carpeta', 'correo', 'no es un correo', 'Laura <l@x.com.ar>', '']))
      .rejects.toThrow(/La configuración no es válida|Se terminó la entrada/);
    expect(existsSync(ini)).toBe(false);
  });

  it('keeps an existing INI unless told to replace it, and then keeps a copy', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const original = readFileSync(demo.ini, 'utf8');
    const out = await drive(demo.ini, ['', 'no']);
    expect(out).toContain('No se modificó nada.');
    expect(readFileSync(demo.ini, 'utf8')).toBe(original);

    writeFileSync(demo.ini, original);
    await drive(demo.ini, ['', 'si', 'Otra', '', 'sqlite', demo.erp, 'carpeta', 'correo', 'c@x.com.ar', 'L <l@x.com.ar>', '', ...Array(await sellerCount(demo.erp)).fill(''), '']);
    expect(readFileSync(`${demo.ini}.anterior`, 'utf8')).toBe(original);
    expect(loadConfig(demo.ini).company.name).toBe('Otra');
  });
});
