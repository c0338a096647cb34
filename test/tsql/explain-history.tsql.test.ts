/**
 * `explicar --fecha` reads a customer's tier history, contacts and tasks up to
 * the date asked: the same queries against the T-SQL server (space-padded
 * codes as Tango stores them, DATE comparisons with bound values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upV1 } from '../../connector/addon/schema-v1';
import { addonTables } from '../../connector/addon/tables';
import type { CompanyContext } from '../../service/context';
import { loadCustomerHistory } from '../../service/cycle/state-as-of';
import { closeAdmin, createTestDatabase, type TestDatabase } from './harness';

const t = addonTables();
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase('explainhist');
  const db = test.db;
  await upV1(db, t); // the add-on tables alone: the views need ERP tables this test does not build
  const hist = `INSERT INTO ${t.nivelHist} (COD_CLIENT, FECHA, NIVEL_ANTERIOR, NIVEL, REGLA, MOTIVO) VALUES (?, ?, ?, ?, ?, ?)`;
  await db.raw(hist, ['000032', '2026-11-02', null, 'B', 'criterios', 'Nivel B: ...']);
  await db.raw(hist, ['000032', '2026-12-02', 'B', 'C', 'empeora', 'Baja de B a C.']);
  const contact = `INSERT INTO ${t.contacto} (COD_CLIENT, FECHA, RESULTADO, FECHA_PROMESA, IMPORTE_PROMESA, REGISTRADO) VALUES (?, ?, ?, ?, ?, CAST(? AS DATETIME))`;
  await db.raw(contact, ['000032', '2026-11-04', 'promesa', '2026-11-10', 500000, '2026-11-04 10:00:00']);
  await db.raw(contact, ['000032', '2026-12-10', 'sin_respuesta', null, null, '2026-12-10 10:00:00']);
  const task = `INSERT INTO ${t.tarea} (CLAVE, COD_CLIENT, EPISODIO, PASO, ESTADO, FECHA, CANALES, PLANTILLA, ROL, ETAPA, NIVEL, DIAS_ATRASO, SALDO_VENCIDO, COMPROBANTES, CREADA)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS DATETIME))`;
  await db.raw(task, ['000032|2026-09-01|D+7', '000032', '2026-09-01', 'D+7', 'omitida', '2026-11-02', 'email', 'primer-aviso', 'vendedor', 'administrativa', 'B', 62, 1000, '', '2026-12-01 09:00:00']);
  await db.raw(task, ['000032|2026-09-01|D+30', '000032', '2026-09-01', 'D+30', 'pendiente', '2026-11-02', 'telefono,email', 'seguimiento', 'cobrador', 'administrativa', 'B', 62, 1000, '', '2026-12-01 09:00:00']);
  await db.raw(task, ['000032|2026-09-01|D+60', '000032', '2026-09-01', 'D+60', 'pendiente', '2026-12-02', 'telefono,carta', 'escalamiento', 'supervisor', 'extrajudicial', 'C', 92, 1000, '', '2026-12-02 09:00:00']);
}, 120_000);

afterAll(async () => {
  await test?.drop();
  await closeAdmin();
});

describe('customer history as of a date (T-SQL)', () => {
  it('keeps only tier changes, contacts and tasks up to the date, and says a later change exists', async () => {
    const ctx = { db: test.db, tables: t } as unknown as CompanyContext;
    const h = await loadCustomerHistory(ctx, '000032', '2026-11-20');
    expect(h.tierChanges).toEqual([{ on: '2026-11-02', from: null, to: 'B', rule: 'criterios', reason: 'Nivel B: ...' }]);
    expect(h.changedAfter).toBe(true);
    expect(h.contacts.map((c) => [c.on, c.outcome, c.promiseDate, c.promiseAmount])).toEqual([['2026-11-04', 'promesa', '2026-11-10', 500000]]);
    expect(h.tasks).toEqual([
      { on: '2026-11-02', stepId: 'D+7', status: 'omitida', skipped: true, channels: 'email', role: 'vendedor', responsible: null, closeReason: null },
      { on: '2026-11-02', stepId: 'D+30', status: 'pendiente', skipped: false, channels: 'telefono, email', role: 'cobrador', responsible: null, closeReason: null },
    ]);
    const later = await loadCustomerHistory(ctx, '000032', '2026-12-31');
    expect(later.tierChanges.map((c) => c.to)).toEqual(['B', 'C']);
    expect(later.changedAfter).toBe(false);
    expect(later.tasks).toHaveLength(3);
  });
});
