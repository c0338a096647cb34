import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../connector/addon/apply-plan';
import { loadOverrides, loadRecentContacts, loadTierStates } from '../../connector/addon/state';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import { emptyPlan, tempDb, tierDecision, type TempDb } from './addon-helpers';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('staff input', () => {
  let h: TempDb;
  afterEach(async () => h?.close());

  it('records contacts and reads them back by customer, from a given day', async () => {
    h = await tempDb();
    const { db, t } = h;
    const a = await recordContact(db, t, { customerCode: ' 0001 ', on: '2026-02-20', outcome: 'sin_respuesta' }, NOW);
    const b = await recordContact(db, t, {
      customerCode: '0001', on: '2026-02-25', outcome: 'promesa', promiseDate: '2026-03-05', promiseAmount: 1500.255,
      taskId: 7, user: 'ana', note: 'Paga el jueves',
    }, NOW);
    await recordContact(db, t, { customerCode: '0002', on: '2026-01-10', outcome: 'contactado' }, NOW);
    expect(b).toBeGreaterThan(a);
    const recent = await loadRecentContacts(db, t, '2026-02-01');
    expect([...recent.keys()]).toEqual(['0001']);
    expect(recent.get('0001')).toEqual([
      { id: a, customerCode: '0001', on: '2026-02-20', outcome: 'sin_respuesta', promiseDate: null, promiseAmount: null, taskId: null },
      { id: b, customerCode: '0001', on: '2026-02-25', outcome: 'promesa', promiseDate: '2026-03-05', promiseAmount: 1500.26, taskId: 7 },
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
    expect((await loadOverrides(db, t)).get('0005')).toMatchObject({ fixedTier: 'B', doNotContact: true });
    expect((await loadTierStates(db, t)).size).toBe(0);
    expect((await loadRecentContacts(db, t, '2026-01-01')).get('0005')?.map((c) => c.outcome)).toEqual(['contactado']);
  });
});
