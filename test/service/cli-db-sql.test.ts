/** `db sql`: the script of the profile given with --perfil, else the INI's. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbSql } from '../../service/cli/commands-db';
import { UsageError } from '../../service/cli/common';

const dir = mkdtempSync(join(tmpdir(), 'cadencia-dbsql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(opts: Parameters<typeof dbSql>[0]): string {
  const file = join(dir, `guion-${Math.random().toString(36).slice(2)}.sql`);
  dbSql({ ...opts, archivo: file });
  return readFileSync(file, 'utf8');
}

describe('db sql --perfil', () => {
  it('grants SELECT on the tables of the chosen profile only', () => {
    const bejerman = script({ config: join(dir, 'no-existe.ini'), tipo: 'permisos', perfil: 'bejerman' });
    expect(bejerman).toContain('-- Perfil del ERP: bejerman');
    expect(bejerman).toContain('GRANT SELECT ON dbo.CabVenta TO [cadencia];');
    expect(bejerman).not.toMatch(/GVA\d\d/);
    const tango = script({ config: join(dir, 'no-existe.ini'), tipo: 'permisos' });
    expect(tango).toContain('GRANT SELECT ON dbo.GVA12 TO [cadencia];');
  });

  it('takes the profile and the prefix from the INI when no flag says otherwise', () => {
    const ini = join(dir, 'vistas.ini');
    const example = readFileSync('cadencia.ejemplo.ini', 'utf8');
    writeFileSync(ini, example.replace(/^perfil = tango$/m, 'perfil = vistas'));
    const crear = script({ config: ini, tipo: 'crear' });
    expect(crear).toContain('-- Perfil del ERP: vistas');
    expect(crear).toContain('LEFT JOIN CADENCIA_CLIENTES c ON');
    expect(script({ config: ini, tipo: 'crear', perfil: 'tango' })).toContain('LEFT JOIN GVA14 c ON');
  });

  it('refuses an unknown profile in one Spanish line', () => {
    expect(() => dbSql({ tipo: 'crear', perfil: 'sap' })).toThrow(UsageError);
    expect(() => dbSql({ tipo: 'crear', perfil: 'sap' })).toThrow('--perfil: se esperaba tango, bejerman, vistas; se recibió «sap».');
  });
});
