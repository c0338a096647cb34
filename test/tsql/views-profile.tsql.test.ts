/**
 * The views profile on a T-SQL server: sql/vistas-plantilla.sql (the shipped
 * template, written over the Tango demo) runs as is; `verificar` checks the
 * CADENCIA_* views through INFORMATION_SCHEMA; the add-on's report views join
 * CADENCIA_CLIENTES / CADENCIA_VENDEDORES, and the KPI receipts read
 * CADENCIA_PAGOS (the same money the Tango profile reads from GVA07).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { tangoProfile } from '../../connector/profiles/tango';
import { checkViews, viewsProfile } from '../../connector/profiles/views';
import { runCli } from '../e2e/cli-process';
import { closeAdmin, createTestDatabase, exampleIniFor, type TestDatabase } from './harness';
import { runScript } from './run-script';

const asOf = '2025-06-30';
const t = addonTables();
let dir: string;
let erp: TestDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-vistas-'));
  const file = join(dir, 'tango.sqlite');
  await generateDemoErp({ file, seed: 11, asOf, customers: 30 });
  erp = await createTestDatabase('vistas');
  await copyDemoToSqlServer(file, erp.db, 'tango', erp.name);
  await runScript(erp.db, readFileSync('sql/vistas-plantilla.sql', 'utf8'));
}, 180_000);

afterAll(async () => {
  await erp?.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

describe('views profile on T-SQL', () => {
  it('runs the shipped template twice and its views pass the column checks', async () => {
    await runScript(erp.db, readFileSync('sql/vistas-plantilla.sql', 'utf8'));
    expect(await checkViews(erp.db, 'vistas')).toEqual({ ok: true, problems: [] });
  });

  it('verificar reports the views and every read as OK', async () => {
    const ini = join(dir, 'cadencia.ini');
    writeFileSync(ini, exampleIniFor(erp.name, dir, 'vistas'));
    const run = runCli(['verificar', '--config', ini]);
    await run.exited;
    const out = run.output();
    expect(out).toContain('OK    vistas CADENCIA_* del perfil «vistas»: 5 vistas con sus columnas');
    for (const read of ['vendedores', 'clientes', 'cuotas_pendientes', 'comportamiento_pago', 'dinero_sin_aplicar']) {
      expect(out).toContain(`OK    lectura del ERP «${read}»`);
    }
  });

  it('joins the report views to CADENCIA_CLIENTES and CADENCIA_VENDEDORES', async () => {
    await migrate(erp.db, t, viewsProfile.addon.views);
    const views = (await erp.db.raw(
      `SELECT TABLE_NAME AS [v], VIEW_DEFINITION AS [d] FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_NAME LIKE 'COB[_]V[_]%'`,
    )) as { v: string; d: string }[];
    expect(views.length).toBe(6);
    for (const v of views) expect(v.d, v.v).not.toMatch(/GVA\d\d/i);
    const customer = (await erp.db('CADENCIA_CLIENTES').select('CODIGO', 'NOMBRE', 'VENDEDOR').whereNotNull('VENDEDOR').first()) as
      { CODIGO: string; NOMBRE: string; VENDEDOR: string };
    const seller = (await erp.db('CADENCIA_VENDEDORES').select('NOMBRE').where('CODIGO', customer.VENDEDOR).first()) as { NOMBRE: string };
    await erp.db(t.alerta).insert({
      COD_CLIENT: customer.CODIGO.trim(), NIVEL: 'C', EPISODIO: '2025-05-01', DIAS_ATRASO: 70, SALDO_VENCIDO: 900,
      SALDO_PENDIENTE: 900, SIN_APLICAR: 0, ETAPA: 'administrativa', MENSAJE: 'x', ACTUALIZADA: new Date('2025-06-30T12:00:00Z'),
    });
    const rows = (await erp.db(t.vAlertas).select('RAZON_SOCIAL', 'NOMBRE_VENDEDOR')) as { RAZON_SOCIAL: string; NOMBRE_VENDEDOR: string }[];
    expect(rows).toEqual([{ RAZON_SOCIAL: customer.NOMBRE, NOMBRE_VENDEDOR: seller.NOMBRE }]);
  });

  it('reads the KPI receipts from CADENCIA_PAGOS: the same money the Tango profile reads from GVA07', async () => {
    const period = { from: '2025-01-01', to: asOf };
    const byKind = async (profile: typeof tangoProfile | typeof viewsProfile, kind: 'venta' | 'cobro') =>
      (await readMoneyFlows(erp.db, period, profile)).filter((f) => f.kind === kind)
        .sort((a, b) => a.customerCode.localeCompare(b.customerCode) || a.on.localeCompare(b.on));
    const viewsReceipts = await byKind(viewsProfile, 'cobro');
    expect(viewsReceipts.length).toBeGreaterThan(10);
    expect(viewsReceipts).toEqual(await byKind(tangoProfile, 'cobro'));
  });
});
