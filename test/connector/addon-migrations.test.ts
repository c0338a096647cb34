import { afterEach, describe, expect, it } from 'vitest';
import { appliedVersions, LATEST_VERSION, migrate, rollback } from '../../connector/addon/migrations';
import { agingTableName, writeCustomerAging } from '../../connector/addon/aging-schema';
import { kpiTables } from '../../connector/addon/kpi-schema';
import { addonTables } from '../../connector/addon/tables';
import { customerAgingOf, type CustomerAging } from '../../rules/aging';
import { tempDb, type TempDb } from './addon-helpers';

async function objectNames(h: TempDb): Promise<string[]> {
  const rows = await h.db('sqlite_master').select('name').whereIn('type', ['table', 'view']).orderBy('name');
  return rows.map((r: { name: string }) => r.name).filter((n) => !n.startsWith('sqlite_'));
}

describe('add-on migrations', () => {
  let h: TempDb;
  afterEach(async () => h?.close());

  it('creates every table and view, records the versions, and a second run is a no-op', async () => {
    h = await tempDb({ migrate: false });
    const first = await migrate(h.db, h.t);
    expect(first).toEqual({ from: 0, to: LATEST_VERSION, applied: [1, 2, 3, 4, 5] });
    const t = h.t;
    const k = kpiTables(t);
    expect(await objectNames(h)).toEqual(
      [t.alerta, t.bloqueo, t.cliente, t.contacto, t.correo, t.ejecucion, t.migracion, t.nivelHist, t.tarea,
        t.vAlertas, t.vAntiguedad, t.vTareasHoy,
        k.kpiDia, k.vKpiDiario, k.vKpiVendedor, k.vKpiNivel, agingTableName(t),
        t.usuario, t.sesion, t.enlace, t.auditoria, t.correoAdjunto].sort(),
    );
    const before = await h.db(t.migracion).select('*').orderBy('VERSION');
    const second = await migrate(h.db, h.t);
    expect(second.applied).toEqual([]);
    expect((await h.db(t.migracion).select('*').orderBy('VERSION')).map((r) => ({ ...r })))
      .toEqual(before.map((r) => ({ ...r })));
    expect(await appliedVersions(h.db, t)).toEqual([1, 2, 3, 4, 5]);
  });

  it('rolls back to 1 (views gone) and to 0 (everything ours gone, ERP tables kept)', async () => {
    h = await tempDb({ migrate: false });
    await h.db.schema.createTable('GVA14', (c) => { c.string('COD_CLIENT', 6); c.string('RAZON_SOCI', 60); });
    await h.db('GVA14').insert({ COD_CLIENT: '000001', RAZON_SOCI: 'Ferretería Sur' });
    await migrate(h.db, h.t);
    await rollback(h.db, h.t, 1);
    const t = h.t;
    expect(await objectNames(h)).not.toContain(t.vAlertas);
    expect(await objectNames(h)).toContain(t.tarea);
    expect(await appliedVersions(h.db, t)).toEqual([1]);
    const res = await rollback(h.db, h.t, 0);
    expect(res.applied).toEqual([1]);
    expect(await objectNames(h)).toEqual(['GVA14']);
    expect((await h.db('GVA14').select('*')).map((r) => ({ ...r })))
      .toEqual([{ COD_CLIENT: '000001', RAZON_SOCI: 'Ferretería Sur' }]);
    // …and migrating again rebuilds it all.
    expect((await migrate(h.db, h.t)).applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('honours a custom prefix', async () => {
    h = await tempDb({ migrate: false });
    const t = addonTables('XCOB_');
    await migrate(h.db, t);
    expect(await objectNames(h)).toContain('XCOB_TAREA');
    expect(await objectNames(h)).toContain('XCOB_V_ALERTAS');
    await rollback(h.db, t, 0);
    expect(await objectNames(h)).toEqual([]);
  });

  it('the views join the ERP names on trimmed codes and show only due pending tasks', async () => {
    h = await tempDb({ migrate: false });
    const { db } = h;
    await db.schema.createTable('GVA14', (c) => {
      c.string('COD_CLIENT', 6); c.string('RAZON_SOCI', 60); c.string('COD_VENDED', 4);
    });
    await db.schema.createTable('GVA23', (c) => { c.string('COD_VENDED', 4); c.string('NOMBRE_VEN', 60); });
    await db('GVA14').insert({ COD_CLIENT: '0001  ', RAZON_SOCI: 'Ferretería Sur', COD_VENDED: ' V1 ' });
    await db('GVA23').insert({ COD_VENDED: 'V1', NOMBRE_VEN: 'Ana Pérez' });
    await migrate(db, h.t);
    const t = h.t;
    const now = new Date('2026-03-01T10:00:00Z');
    await db(t.alerta).insert({
      COD_CLIENT: '0001', NIVEL: 'B', EPISODIO: '2026-01-01', DIAS_ATRASO: 45, SALDO_VENCIDO: 1500,
      SALDO_PENDIENTE: 2500, SIN_APLICAR: 0, ETAPA: 'administrativa', MENSAJE: 'x', ACTUALIZADA: now,
    });
    const task = {
      COD_CLIENT: '0001', EPISODIO: '2026-01-01', PASO: 'D+30', CANALES: 'telefono', PLANTILLA: 'seguimiento',
      ROL: 'cobrador', RESPONSABLE: 'Ana', ETAPA: 'administrativa', NIVEL: 'B', DIAS_ATRASO: 45,
      SALDO_VENCIDO: 1500, COMPROBANTES: 'FAC', CREADA: now,
    };
    await db(t.tarea).insert([
      { ...task, CLAVE: 'a', ESTADO: 'pendiente', FECHA: '2000-01-03' },
      { ...task, CLAVE: 'b', ESTADO: 'pendiente', FECHA: '2999-01-01' },
      { ...task, CLAVE: 'c', ESTADO: 'cerrada', FECHA: '2000-01-03' },
    ]);
    const alertas = await db(t.vAlertas).select('COD_CLIENT', 'RAZON_SOCIAL', 'COD_VENDEDOR', 'NOMBRE_VENDEDOR');
    expect(alertas.map((r) => ({ ...r }))).toEqual([
      { COD_CLIENT: '0001', RAZON_SOCIAL: 'Ferretería Sur', COD_VENDEDOR: 'V1', NOMBRE_VENDEDOR: 'Ana Pérez' },
    ]);
    const hoy = await db(t.vTareasHoy).select('COD_CLIENT', 'RAZON_SOCIAL', 'FECHA');
    expect(hoy.map((r) => ({ ...r }))).toEqual([{ COD_CLIENT: '0001', RAZON_SOCIAL: 'Ferretería Sur', FECHA: '2000-01-03' }]);
    // Version 5: a customer the last cycle paused (promise in force, contact cap) is not to be contacted today.
    await db(t.alerta).update({ SUSPENDIDA_POR: 'promesa_vigente' }).where('COD_CLIENT', '0001');
    expect(await db(t.vTareasHoy).select('COD_CLIENT')).toEqual([]);
    await db(t.alerta).update({ SUSPENDIDA_POR: 'tope_contactos' }).where('COD_CLIENT', '0001');
    expect(await db(t.vTareasHoy).select('COD_CLIENT')).toEqual([]);
    // Rolled back to version 4, the view is version 2's again (paused customers listed).
    await rollback(db, t, 4);
    expect((await db(t.vTareasHoy).select('COD_CLIENT')).map((r: { COD_CLIENT: string }) => r.COD_CLIENT)).toEqual(['0001']);
  });

  it('version 4: V_ANTIGUEDAD splits each customer per installment; rolling back to 3 restores the old view', async () => {
    h = await tempDb({ migrate: false });
    const { db } = h;
    await db.schema.createTable('GVA14', (c) => { c.string('COD_CLIENT', 6); c.string('RAZON_SOCI', 60); });
    await db('GVA14').insert([{ COD_CLIENT: '0001  ', RAZON_SOCI: 'Ferretería Sur' }, { COD_CLIENT: '0002', RAZON_SOCI: 'Bazar Norte' }]);
    await migrate(db, h.t);
    const t = h.t;
    const asOf = '2026-03-01';
    const inst = (code: string, dueOn: string, pending: number) => ({
      customerCode: code, voucherType: 'FAC', voucherNumber: `${code}-${dueOn}`, issuedOn: '2025-10-01', dueOn, amount: pending, pending,
    });
    // 0001 owes 1.000 not yet due, 400 at 10 days, 1.500 at 45 days and 700 at 120 days.
    const c1 = customerAgingOf('0001', [
      inst('0001', '2026-03-15', 1000), inst('0001', '2026-02-19', 400), inst('0001', '2026-01-15', 1500), inst('0001', '2025-11-01', 700),
    ], asOf) as CustomerAging;
    const c2 = customerAgingOf('0002', [inst('0002', '2026-02-25', 250)], asOf) as CustomerAging;
    const now = new Date('2026-03-01T11:00:00Z');
    expect(await writeCustomerAging(db, t, asOf, [{ aging: c1, tier: 'B' }, { aging: c2, tier: null }], now))
      .toEqual({ written: 2, deleted: 0 });
    const cols = ['COD_CLIENT', 'RAZON_SOCIAL', 'NIVEL', 'DIAS_ATRASO', 'A_VENCER', 'VENCIDO_1_30', 'VENCIDO_31_60', 'VENCIDO_61_90',
      'VENCIDO_MAS_90', 'SALDO_VENCIDO', 'SALDO_PENDIENTE', 'CUOTAS', 'FECHA'];
    const read = async () => (await db(t.vAntiguedad).select(cols).orderBy('COD_CLIENT')).map((r) => ({ ...r }));
    expect(await read()).toEqual([
      { COD_CLIENT: '0001', RAZON_SOCIAL: 'Ferretería Sur', NIVEL: 'B', DIAS_ATRASO: 120, A_VENCER: 1000, VENCIDO_1_30: 400,
        VENCIDO_31_60: 1500, VENCIDO_61_90: 0, VENCIDO_MAS_90: 700, SALDO_VENCIDO: 2600, SALDO_PENDIENTE: 3600, CUOTAS: 4, FECHA: asOf },
      { COD_CLIENT: '0002', RAZON_SOCIAL: 'Bazar Norte', NIVEL: null, DIAS_ATRASO: 4, A_VENCER: 0, VENCIDO_1_30: 250,
        VENCIDO_31_60: 0, VENCIDO_61_90: 0, VENCIDO_MAS_90: 0, SALDO_VENCIDO: 250, SALDO_PENDIENTE: 250, CUOTAS: 1, FECHA: asOf },
    ]);
    // Next day: 0002 paid (row deleted); 0001 unchanged keeps ACTUALIZADA, FECHA moves.
    const before = (await db(agingTableName(t)).where('COD_CLIENT', '0001').first('ACTUALIZADA')) as { ACTUALIZADA: unknown };
    expect(await writeCustomerAging(db, t, '2026-03-02', [{ aging: c1, tier: 'B' }], new Date('2026-03-02T11:00:00Z')))
      .toEqual({ written: 0, deleted: 1 });
    const after = (await db(agingTableName(t)).select('COD_CLIENT', 'FECHA', 'ACTUALIZADA')).map((r) => ({ ...r }));
    expect(after).toEqual([{ COD_CLIENT: '0001', FECHA: '2026-03-02', ACTUALIZADA: before.ACTUALIZADA }]);

    await rollback(db, t, 3);
    expect(await db.schema.hasTable(agingTableName(t))).toBe(false);
    await db(t.alerta).insert({
      COD_CLIENT: '0001', NIVEL: 'B', EPISODIO: '2026-01-01', DIAS_ATRASO: 45, SALDO_VENCIDO: 1500,
      SALDO_PENDIENTE: 2500, SIN_APLICAR: 0, ETAPA: 'administrativa', MENSAJE: 'x', ACTUALIZADA: now,
    });
    const old = await db(t.vAntiguedad).select('A_VENCER', 'VENCIDO_31_60');
    expect(old.map((r) => ({ ...r }))).toEqual([{ A_VENCER: 1000, VENCIDO_31_60: 1500 }]);
    expect((await migrate(db, t)).applied).toEqual([4, 5]);
  });
});
