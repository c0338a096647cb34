import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../rules/defaults';
import { promiseKept } from '../../rules/kpis/promises';
import {
  activePromise, brokenPromise, contactCapacity, openDispute, suppressionFor, type SuppressionInput,
} from '../../rules/suppression';
import type { CustomerOverrides, ExistingTask } from '../../rules/types';
import { contact, promise } from './helpers';

const today = '2026-03-10';
const flags = (o: Partial<CustomerOverrides>): CustomerOverrides => ({
  customerCode: 'C001', fixedTier: null, doNotContact: false, dispute: false, legal: false, note: null, ...o,
});
const base: SuppressionInput = {
  overrides: null, contacts: [], unapplied: null, episode: '2026-02-01', amountAtStake: 5000, today, settings: DEFAULT_RULES,
};

describe('suppression', () => {
  it('nothing suppresses an ordinary customer', () => {
    expect(suppressionFor(base)).toBeNull();
  });

  it.each([
    [{ doNotContact: true, dispute: true, legal: true }, 'no_contactar'],
    [{ dispute: true, legal: true }, 'gestion_judicial'],
    [{ dispute: true }, 'disputa'],
  ] as const)('staff flags %o → %s (closes tasks)', (o, reason) => {
    const s = suppressionFor({ ...base, overrides: flags(o) });
    expect(s?.reason).toBe(reason);
    expect(s?.closesTasks).toBe(true);
  });

  it('a dispute contact during the episode suppresses until a later contact settles it', () => {
    const dispute = contact(1, '2026-02-15', 'disputa');
    expect(suppressionFor({ ...base, contacts: [dispute] })).toMatchObject({
      reason: 'disputa',
      detail: 'Disputa registrada el 15/02/2026: derivar a mediación para acordar el monto antes de reclamar.',
    });
    expect(openDispute([contact(1, '2026-01-15', 'disputa')], '2026-02-01', today)).toBeNull(); // before the episode
    expect(openDispute([dispute, contact(2, '2026-02-20', 'sin_respuesta')], '2026-02-01', today)).toEqual(dispute);
    expect(openDispute([dispute, contact(2, '2026-02-20', 'contactado')], '2026-02-01', today)).toBeNull();
  });

  it('unapplied money covering the debt (within tolerance) suppresses', () => {
    const u = (onAccount: number, cheques: number) => ({ customerCode: 'C001', onAccount, chequesInPortfolio: cheques });
    const s = suppressionFor({ ...base, unapplied: u(3000, 1999.5) });
    expect(s).toMatchObject({ reason: 'dinero_sin_aplicar', closesTasks: true });
    expect(s?.detail).toBe('Tiene $ 4.999,50 sin aplicar (a cuenta y cheques en cartera), que cubren $ 5.000,00: imputar los pagos antes de reclamar.');
    expect(suppressionFor({ ...base, unapplied: u(3000, 1998) })).toBeNull();
    expect(suppressionFor({ ...base, amountAtStake: 0, unapplied: u(3000, 0) })).toBeNull();
  });

  it('an unexpired promise defers contact (tasks kept); it expires after the grace days', () => {
    const p = promise(9, '2026-03-01', '2026-03-07', 2500);
    const s = suppressionFor({ ...base, contacts: [p] });
    expect(s).toMatchObject({ reason: 'promesa_vigente', closesTasks: false });
    expect(s?.detail).toBe('Promesa de pago de $ 2.500,00 para el 07/03/2026, vigente hasta el 10/03/2026.');
    expect(activePromise([p], '2026-03-11', 3)).toBeNull();
    expect(brokenPromise([p], '2026-02-01', '2026-03-11', 3)).toEqual(p);
    // Made before this episode but still protecting the customer when it started (ended 10/03): it counts.
    expect(brokenPromise([p], '2026-03-05', '2026-03-11', 3)).toEqual(p);
    // Made on the episode's first day: counts too.
    const onFirstDay = promise(10, '2026-03-05', '2026-03-07', 2500);
    expect(brokenPromise([onFirstDay], '2026-03-05', '2026-03-11', 3)).toEqual(onFirstDay);
    // Expired before the episode started: it belongs to an earlier one.
    expect(brokenPromise([p], '2026-03-11', '2026-03-12', 3)).toBeNull();
  });

  it('a promise paid through receipts is kept, not broken (the rule informe uses too)', () => {
    const p = promise(9, '2026-03-01', '2026-03-07', 2500);
    const paid = (on: string, amount: number) => ({ customerCode: 'C001', on, kind: 'cobro' as const, amount });
    const check = (receipts: ReturnType<typeof paid>[]) => ({ receipts, tolerance: 1 });
    expect(brokenPromise([p], '2026-02-01', '2026-03-11', 3, check([paid('2026-03-06', 2500)]))).toBeNull();
    expect(brokenPromise([p], '2026-02-01', '2026-03-11', 3, check([paid('2026-03-02', 1000), paid('2026-03-10', 1499.5)]))).toBeNull();
    // Short of the amount, before the contact, or after the grace days: broken.
    expect(brokenPromise([p], '2026-02-01', '2026-03-11', 3, check([paid('2026-03-06', 2000)]))).toEqual(p);
    expect(brokenPromise([p], '2026-02-01', '2026-03-12', 3, check([paid('2026-02-28', 2500), paid('2026-03-11', 2500)]))).toEqual(p);
    expect(promiseKept(p, [paid('2026-03-10', 2500)], 3, 1)).toBe(true);
  });

  it('only the latest promise counts', () => {
    const old = promise(1, '2026-02-01', '2026-02-05');
    const fresh = promise(2, '2026-03-09', '2026-03-20');
    expect(activePromise([fresh, old], today, 3)).toEqual(fresh);
    expect(brokenPromise([old, fresh], '2026-01-01', today, 3)).toBeNull();
  });

  it('counts tasks and staff contacts in the period for the cap, without double counting', () => {
    const task = (id: number, createdOn: string, status: ExistingTask['status'] = 'pendiente'): ExistingTask => ({
      id, key: `k${id}`, customerCode: 'C001', episode: '2026-02-01', stepId: 'D+7', status, dueOn: createdOn, createdOn,
    });
    const caps = DEFAULT_RULES.caps; // 2 per 7 days
    expect(contactCapacity([], [], today, caps)).toEqual({ used: 0, remaining: 2 });
    expect(contactCapacity([task(1, '2026-03-04'), task(2, '2026-03-03'), task(3, '2026-03-09', 'omitida')], [], today, caps))
      .toEqual({ used: 1, remaining: 1 });
    expect(contactCapacity([task(1, '2026-03-04')], [contact(5, '2026-03-05', 'sin_respuesta', 1), contact(6, '2026-03-06', 'contactado')], today, caps))
      .toEqual({ used: 2, remaining: 0 });
    expect(contactCapacity([task(1, today), task(2, today), task(4, today)], [], today, { ...caps, maxContacts: 0 }).remaining).toBe(Infinity);
    // A note is not a contact with the customer; «dice que pagó» is.
    expect(contactCapacity([], [contact(7, '2026-03-05', 'nota'), contact(8, '2026-03-06', 'nota')], today, caps))
      .toEqual({ used: 0, remaining: 2 });
    expect(contactCapacity([], [contact(9, '2026-03-05', 'dice_que_pago')], today, caps)).toEqual({ used: 1, remaining: 1 });
  });

  it('counts a task by its contact day, not by when its row was written', () => {
    const caps = DEFAULT_RULES.caps; // 2 per 7 days
    // Planned for 10/03 but written on 22/03 (a run with --fecha, or `simular`): still this period's contact.
    const written = (id: number, dueOn: string): ExistingTask => ({
      id, key: `k${id}`, customerCode: 'C001', episode: '2026-03-12', stepId: 'D-3', status: 'pendiente', dueOn, createdOn: '2026-03-22',
    });
    expect(contactCapacity([written(1, today), written(2, today)], [], today, caps)).toEqual({ used: 2, remaining: 0 });
    // A task moved to the next business day is this period's contact too; one from the period before is not.
    expect(contactCapacity([written(1, '2026-03-11'), written(2, '2026-03-03')], [], today, caps)).toEqual({ used: 1, remaining: 1 });
  });
});
