import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../connector/addon/apply-plan';
import { loadOverrides, loadRecentContacts, loadTierStates } from '../../connector/addon/state';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import type { RowIssue } from '../../connector/profiles/profile';
import type { AddonTables } from '../../connector/addon/tables';
import type { Knex } from 'knex';
import { emptyPlan, tempDb, tierDecision, type TempDb } from './addon-helpers';

/** A pending task of `customer`, as the service writes them; returns its ID. */
async function insertTask(db: Knex, t: AddonTables, customer: string): Promise<number> {
  await db(t.tarea).insert({
    CLAVE: `${customer}|2026-02-01|D+7`, COD_CLIENT: customer, EPISODIO: '2026-02-01', PASO: 'D+7', ESTADO: 'pendiente',
    FECHA: '2026-02-09', CANALES: 'email', PLANTILLA: 'primer-aviso', ROL: 'vendedor', ETAPA: 'administrativa', NIVEL: 'B',
    DIAS_ATRASO: 7, SALDO_VENCIDO: 1000, COMPROBANTES: 'FAC 1', CREADA: NOW,
  });
  const row = (await db(t.tarea).where('COD_CLIENT', customer).first('ID')) as { ID: number };
  return Number(row.ID);
}

const NOW = new Date('2026-03-01T12:00:00Z');

describe('staff input', () => {
  let h: TempDb;
  afterEach(async () => h?.close());

  it('records contacts and reads them back by customer, from a given day', async () => {
    h = await tempDb();
    const { db, t } = h;
    const a = await recordContact(db, t, { customerCode: ' 0001 ', on: '2026-02-20', outcome: 'sin_respuesta' }, NOW);
    const taskId = await insertTask(db, t, '0001');
    const b = await recordContact(db, t, {
      customerCode: '0001', on: '2026-02-25', outcome: 'promesa', promiseDate: '2026-03-05', promiseAmount: 1500.255,
      taskId, user: 'ana', note: 'Paga el jueves',
    }, NOW);
    await recordContact(db, t, { customerCode: '0002', on: '2026-01-10', outcome: 'contactado' }, NOW);
    expect(b).toBeGreaterThan(a);
    const recent = await loadRecentContacts(db, t, '2026-02-01');
    expect([...recent.keys()]).toEqual(['0001']);
    expect(recent.get('0001')).toEqual([
      { id: a, customerCode: '0001', on: '2026-02-20', outcome: 'sin_respuesta', promiseDate: null, promiseAmount: null, taskId: null },
      { id: b, customerCode: '0001', on: '2026-02-25', outcome: 'promesa', promiseDate: '2026-03-05', promiseAmount: 1500.26, taskId },
    ]);
  });

  it('rejects a promise without date or positive amount, and unknown outcomes or dates', async () => {
    h = await tempDb();
    const { db, t } = h;
    await expect(recordContact(db, t, { customerCode: '1', on: '2026-02-20', outcome: 'promesa', promiseAmount: 10 }))
      .rejects.toThrow(/fecha prometida/);
    await expect(recordContact(db, t, { customerCode: '1', on: '2026-02-20', outcome: 'promesa', promiseDate: '2026-03-01', promiseAmount: 0 }))
      .rejects.toThrow(/mayor que cero/);
    await expect(recordContact(db, t, { customerCode: '1', on: '2026-02-30', outcome: 'contactado' }))
      .rejects.toThrow(/Fecha de contacto inválida/);
    await expect(recordContact(db, t, { customerCode: '1', on: '2026-02-20', outcome: 'llamado' as never }))
      .rejects.toThrow(/Resultado de contacto desconocido/);
    expect(Number((await db(t.contacto).count({ n: '*' }))[0]?.n)).toBe(0);
  });

  it('refuses absurd promises (−5, 9999-12-31, before the contact, 2099 for $ 1) and tasks of another customer', async () => {
    h = await tempDb();
    const { db, t } = h;
    const promise = (promiseDate: string, promiseAmount: number) =>
      recordContact(db, t, { customerCode: '0001', on: '2026-02-20', outcome: 'promesa', promiseDate, promiseAmount });
    await expect(promise('2026-03-01', -5)).rejects.toThrow('Una promesa de pago necesita un importe mayor que cero.');
    await expect(promise('9999-12-31', 1000)).rejects.toThrow('Fecha prometida inválida: «9999-12-31» (use AAAA-MM-DD, una fecha real).');
    await expect(promise('2026-02-30', 1000)).rejects.toThrow('Fecha prometida inválida: «2026-02-30»');
    await expect(promise('2026-02-19', 1000)).rejects.toThrow('La fecha prometida (19/02/2026) es anterior al contacto (20/02/2026).');
    await expect(promise('2099-03-01', 1)).rejects.toThrow('La fecha prometida (01/03/2099) está a más de 365 días del contacto (20/02/2026).');
    await expect(promise('2026-03-01', 5e12)).rejects.toThrow('El importe prometido está fuera de rango (5000000000000).');
    const other = await insertTask(db, t, '0002');
    await expect(recordContact(db, t, { customerCode: '0001', on: '2026-02-20', outcome: 'contactado', taskId: other }))
      .rejects.toThrow(`La tarea n.º ${other} es del cliente 0002, no del 0001.`);
    await expect(recordContact(db, t, { customerCode: '0001', on: '2026-02-20', outcome: 'contactado', taskId: 999 }))
      .rejects.toThrow('La tarea n.º 999 no existe.');
    expect(Number((await db(t.contacto).count({ n: '*' }))[0]?.n)).toBe(0);
    await expect(promise('2027-02-20', 1)).resolves.toBeGreaterThan(0); // a year ahead is the limit
  });

  it('sets flags without touching the tier state, and the service keeps the flags', async () => {
    h = await tempDb();
    const { db, t } = h;
    await setCustomerFlags(db, t, '0001', { dispute: true, note: 'Reclama la factura 1234' }, NOW);
    await applyPlan(db, t, emptyPlan({ tiers: [tierDecision('0001'), tierDecision('0002')] }), { now: NOW, assignees: () => null });
    await setCustomerFlags(db, t, '0002', { fixedTier: 'A', doNotContact: true }, NOW);
    await setCustomerFlags(db, t, '0001', { legal: true }, NOW);

    const overrides = await loadOverrides(db, t);
    expect(overrides.get('0001')).toEqual({
      customerCode: '0001', fixedTier: null, doNotContact: false, dispute: true, legal: true, note: 'Reclama la factura 1234',
    });
    expect(overrides.get('0002')).toEqual({
      customerCode: '0002', fixedTier: 'A', doNotContact: true, dispute: false, legal: false, note: null,
    });
    const states = await loadTierStates(db, t);
    expect(states.get('0001')?.tier).toBe('C');
    expect(states.get('0002')?.tier).toBe('C');

    await setCustomerFlags(db, t, '0002', { fixedTier: null, doNotContact: false }, NOW);
    expect((await loadOverrides(db, t)).has('0002')).toBe(false);
    await expect(setCustomerFlags(db, t, '0003', { fixedTier: 'D' as never })).rejects.toThrow(/Nivel fijo inválido/);
  });

  it('tolerates rows staff typed by hand with NULLs, padding and junk', async () => {
    h = await tempDb();
    const { db, t } = h;
    await db.raw(`insert into ${t.cliente} (COD_CLIENT, NIVEL_FIJO, NO_CONTACTAR, EN_DISPUTA, GESTION_JUDICIAL, NIVEL, NIVEL_DESDE)
      values ('0005  ', 'b', 1, 0, 0, 'X', '2026-01-01'), ('0006', null, 0, 0, 0, 'A', null)`);
    await db(t.contacto).insert([
      { COD_CLIENT: '0005', FECHA: '2026-02-10', RESULTADO: 'Contactado', REGISTRADO: NOW },
      { COD_CLIENT: '0005', FECHA: '2026-02-11', RESULTADO: 'cualquiera', REGISTRADO: NOW },
    ]);
    const issues: RowIssue[] = [];
    expect((await loadOverrides(db, t, (i) => issues.push(i))).get('0005')).toMatchObject({ fixedTier: 'B', doNotContact: true });
    expect((await loadTierStates(db, t)).size).toBe(0);
    expect((await loadRecentContacts(db, t, '2026-01-01', (i) => issues.push(i))).get('0005')?.map((c) => c.outcome)).toEqual(['contactado']);
    expect(issues).toEqual([{
      table: t.contacto, key: expect.stringMatching(/^contacto n\.º \d+ cliente 0005$/) as unknown as string,
      problem: 'Resultado de contacto desconocido: «cualquiera». Use: contactado, promesa, disputa, contacto_erroneo, sin_respuesta, dice_que_pago, nota: se omite el contacto.',
    }]);
  });

  it('reads «si»/«no» flags as staff type them, and skips and reports the rows that make no sense', async () => {
    h = await tempDb();
    const { db, t } = h;
    await db.raw(`insert into ${t.cliente} (COD_CLIENT, NIVEL_FIJO, NO_CONTACTAR, EN_DISPUTA, GESTION_JUDICIAL)
      values ('0001', null, 'si', 'no', 0), ('0002', 'D', 0, 0, 0), ('0003', null, 'quizás', 0, 0), ('0004', null, 'Sí', 0, 1)`);
    await db(t.contacto).insert([
      { COD_CLIENT: '0001', FECHA: '2026-02-10', RESULTADO: 'promesa', FECHA_PROMESA: '2026-02-20', IMPORTE_PROMESA: -5, REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-10', RESULTADO: 'promesa', FECHA_PROMESA: null, IMPORTE_PROMESA: 100, REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-10', RESULTADO: 'promesa', FECHA_PROMESA: '2026-02-01', IMPORTE_PROMESA: 100, REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-10', RESULTADO: 'promesa', FECHA_PROMESA: '2099-12-31', IMPORTE_PROMESA: 1, REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-10', RESULTADO: 'promesa', FECHA_PROMESA: '9999-12-31', IMPORTE_PROMESA: 100, REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-30', RESULTADO: 'contactado', REGISTRADO: NOW },
      { COD_CLIENT: '0001', FECHA: '2026-02-11', RESULTADO: 'promesa', FECHA_PROMESA: '2026-02-25', IMPORTE_PROMESA: 100, REGISTRADO: NOW },
    ]);
    const issues: RowIssue[] = [];
    const overrides = await loadOverrides(db, t, (i) => issues.push(i));
    expect([...overrides.keys()]).toEqual(['0001', '0004']);
    expect(overrides.get('0001')).toMatchObject({ doNotContact: true, dispute: false });
    expect(overrides.get('0004')).toMatchObject({ doNotContact: true, legal: true });
    const contacts = await loadRecentContacts(db, t, '2026-01-01', (i) => issues.push(i));
    expect(contacts.get('0001')?.map((c) => [c.on, c.promiseDate, c.promiseAmount])).toEqual([['2026-02-11', '2026-02-25', 100]]);
    expect(issues.map((i) => `${i.table} ${i.key.replace(/n\.º \d+/, 'n.º _')}: ${i.problem}`)).toEqual([
      `${t.cliente} cliente 0002: NIVEL_FIJO = «D» no es A, B ni C: se omiten las marcas del cliente.`,
      `${t.cliente} cliente 0003: NO_CONTACTAR = «quizás» no es si ni no: se omiten las marcas del cliente.`,
      `${t.contacto} contacto n.º _ cliente 0001: Una promesa de pago necesita un importe mayor que cero: se omite el contacto.`,
      `${t.contacto} contacto n.º _ cliente 0001: Una promesa de pago necesita la fecha prometida (AAAA-MM-DD): se omite el contacto.`,
      `${t.contacto} contacto n.º _ cliente 0001: La fecha prometida (01/02/2026) es anterior al contacto (10/02/2026): se omite el contacto.`,
      `${t.contacto} contacto n.º _ cliente 0001: La fecha prometida (31/12/2099) está a más de 365 días del contacto (10/02/2026): se omite el contacto.`,
      `${t.contacto} contacto n.º _ cliente 0001: Fecha prometida inválida: «9999-12-31» (use AAAA-MM-DD, una fecha real): se omite el contacto.`,
      `${t.contacto} contacto n.º _ cliente 0001: Fecha de contacto inválida: «2026-02-30» (use AAAA-MM-DD): se omite el contacto.`,
    ]);
  });
});
