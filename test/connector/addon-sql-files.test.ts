import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shippedSqlScripts } from '../../connector/addon/sql-script';
import { addonTables } from '../../connector/addon/tables';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import { tangoProfile } from '../../connector/profiles/tango';
import { viewsProfile } from '../../connector/profiles/views';

const t = addonTables();
const shipped = shippedSqlScripts(t, tangoProfile);

function path(name: string): string {
  return fileURLToPath(new URL(`../../sql/${name}`, import.meta.url));
}

describe('shipped T-SQL scripts (sql/)', () => {
  for (const [name, text] of Object.entries(shipped)) {
    it(`${name} matches what the code generates (UPDATE_SQL=1 rewrites it)`, () => {
      if (process.env.UPDATE_SQL === '1') writeFileSync(path(name), text, 'utf8');
      expect(existsSync(path(name)), `falta sql/${name}: ejecute con UPDATE_SQL=1`).toBe(true);
      expect(readFileSync(path(name), 'utf8')).toBe(text);
    });
  }

  it('never uses MERGE and separates every batch with GO', () => {
    for (const text of Object.values(shipped)) {
      expect(text).not.toMatch(/\bMERGE\b/i);
      expect(text.trimEnd().endsWith('GO')).toBe(true);
    }
  });

  it('creation is guarded and records the migrations; views are dropped and created again (no ALTER VIEW)', () => {
    const crear = shipped['cadencia-crear.sql']!;
    for (const name of [t.migracion, t.cliente, t.alerta, t.tarea, t.contacto, t.nivelHist, t.correo, t.ejecucion, t.bloqueo]) {
      expect(crear).toContain(`IF OBJECT_ID(N'dbo.${name}', N'U') IS NULL`);
    }
    for (const name of [t.vAlertas, t.vTareasHoy, t.vAntiguedad]) {
      expect(crear).toContain(`IF OBJECT_ID(N'dbo.${name}', N'V') IS NOT NULL\n  DROP VIEW dbo.${name};\nGO\n\nCREATE VIEW dbo.${name} AS`);
    }
    expect(crear).not.toMatch(/ALTER VIEW|CREATE OR ALTER/);
    expect(crear).toContain('CAST(GETDATE() AS date)');
    expect(crear).toMatch(/WHERE VERSION = 1\)[\s\S]*WHERE VERSION = 2\)/);
    expect(crear).toMatch(/CREATE TABLE \[dbo\]\.\[COB_KPI_DIA\][\s\S]*WHERE VERSION = 3\)/);
    // Version 4: the aging table, and V_ANTIGUEDAD reading it (the latest definition, never CREATE OR ALTER).
    expect(crear).toMatch(/CREATE TABLE \[dbo\]\.\[COB_ANTIGUEDAD\][\s\S]*CREATE VIEW dbo\.COB_V_ANTIGUEDAD AS\n[^\n]*\n[^\n]*\n[^\n]*\nFROM COB_ANTIGUEDAD g[\s\S]*WHERE VERSION = 4\)/);
    expect(crear).not.toMatch(/CREATE OR ALTER/i);
  });

  it('uninstall drops only our objects', () => {
    const drops = shipped['cadencia-desinstalar.sql']!.match(/DROP (TABLE|VIEW) \S+/g) ?? [];
    // 15 tables (8 of v1 + the KPI snapshot + the aging per customer of v4 + the 5 of v5: worklist and
    // mail attachments), MIGRACION and 6 views (3 of v2 + 3 KPI views).
    expect(drops.length).toBe(22);
    expect(drops).toContain('DROP TABLE dbo.COB_KPI_DIA;');
    expect(drops).toContain('DROP TABLE dbo.COB_ANTIGUEDAD;');
    for (const d of drops) expect(d).toMatch(/^DROP (TABLE|VIEW) dbo\.COB_/);
  });

  it('grants read-only access to the ERP and data rights only on our objects', () => {
    const permisos = shipped['cadencia-permisos.sql']!;
    for (const erp of ['GVA12', 'GVA46', 'GVA07', 'GVA15', 'GVA14', 'GVA23', 'SBA14']) {
      expect(permisos).toContain(`GRANT SELECT ON dbo.${erp} TO [cadencia];`);
    }
    const writes = permisos.match(/GRANT [^\n]*(INSERT|UPDATE|DELETE)[^\n]*/g) ?? [];
    expect(writes.length).toBe(15);
    expect(permisos).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_ANTIGUEDAD TO [cadencia];');
    expect(permisos).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_KPI_DIA TO [cadencia];');
    for (const g of writes) expect(g).toMatch(/ON dbo\.COB_/);
    expect(permisos).not.toMatch(/GRANT (CREATE|ALTER|CONTROL)/);
  });

  it('builds each profile\'s views and grants from its own tables: no Tango name outside the Tango profile', () => {
    const tangoNames = /\b(GVA\d\d|SBA14|COD_VENDED|RAZON_SOCI|NOMBRE_VEN)\b/;
    const bejerman = shippedSqlScripts(t, bejermanProfile);
    expect(bejerman['cadencia-crear.sql']).not.toMatch(tangoNames);
    expect(bejerman['cadencia-permisos.sql']).not.toMatch(tangoNames);
    expect(bejerman['cadencia-crear.sql']).toContain('-- Perfil del ERP: bejerman');
    expect(bejerman['cadencia-crear.sql']).toContain('LEFT JOIN Clientes c ON LTRIM(RTRIM(c.cli_Cod)) COLLATE DATABASE_DEFAULT = a.COD_CLIENT');
    expect(bejerman['cadencia-crear.sql']).toContain('LEFT JOIN Vendedor v ON LTRIM(RTRIM(v.ven_Cod)) COLLATE DATABASE_DEFAULT = k.VALOR');
    const bejermanReads = (bejerman['cadencia-permisos.sql']!.match(/GRANT SELECT ON dbo\.(?!COB_)\w+/g) ?? []).sort();
    expect(bejermanReads).toEqual(['CabVenta', 'Clientes', 'TipComp', 'Vendedor'].map((n) => `GRANT SELECT ON dbo.${n}`));

    const views = shippedSqlScripts(t, viewsProfile);
    expect(views['cadencia-crear.sql']).not.toMatch(tangoNames);
    expect(views['cadencia-crear.sql']).toContain('LEFT JOIN CADENCIA_CLIENTES c ON LTRIM(RTRIM(c.CODIGO)) COLLATE DATABASE_DEFAULT = a.COD_CLIENT');
    const viewReads = (views['cadencia-permisos.sql']!.match(/GRANT SELECT ON dbo\.(?!COB_)\w+/g) ?? []).sort();
    expect(viewReads).toEqual(
      ['CADENCIA_CLIENTES', 'CADENCIA_CUOTAS', 'CADENCIA_PAGOS', 'CADENCIA_SIN_APLICAR', 'CADENCIA_VENDEDORES'].map((n) => `GRANT SELECT ON dbo.${n}`),
    );
    // Uninstall is the same for every profile: it names only our objects.
    expect(bejerman['cadencia-desinstalar.sql']).toBe(shipped['cadencia-desinstalar.sql']);
  });
});
