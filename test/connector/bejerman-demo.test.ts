import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { installmentKey } from '../../connector/demo-erp';
import { bejermanPendingGroundTruth, bejermanTruthRows, generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { RowIssue } from '../../connector/profiles/profile';
import type { Customer, OpenInstallment, PaymentBehaviour, UnappliedMoney } from '../../rules/types';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-bejerman-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(file: string, fn: (db: Knex) => Promise<T>): Promise<T> {
  const db = openDatabase({ kind: 'sqlite', file, readonly: true });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Bejerman profile: pending of open installments against the generator ground truth', () => {
  for (const seed of [1, 7, 42]) {
    it(`seed ${seed}`, async () => {
      const file = join(dir, `bej-${seed}.sqlite`);
      const summary = await generateBejermanDemo({ file, seed, asOf, customers: 60 });
      await withDb(file, async (db) => {
        const issues: RowIssue[] = [];
        const rows = await collect(bejermanProfile.openInstallments(db, opts, (i) => issues.push(i)));
        const truth = await bejermanPendingGroundTruth(db);
        expect(issues).toEqual([]);
        expect(truth.size).toBe(summary.installments);
        const expected = [...truth].filter(([, p]) => p > opts.tolerance);
        expect(expected.length).toBeGreaterThan(10);
        expect(expected.length).toBeLessThan(truth.size);
        const got = new Map(rows.map((r) => [installmentKey(r.voucherType, r.voucherNumber, r.dueOn), r.pending]));
        expect(got.size).toBe(rows.length);
        expect([...got.keys()].sort()).toEqual(expected.map(([k]) => k).sort());
        for (const [key, pending] of expected) expect(got.get(key), key).toBeCloseTo(pending, 2);
        // Ordered by customer, then due date.
        for (let i = 1; i < rows.length; i++) {
          const a = rows[i - 1] as OpenInstallment;
          const b = rows[i] as OpenInstallment;
          expect(a.customerCode < b.customerCode || (a.customerCode === b.customerCode && a.dueOn <= b.dueOn)).toBe(true);
        }
      });
    });
  }

  it('is deterministic per seed', async () => {
    const a = join(dir, 'same-a.sqlite');
    const b = join(dir, 'same-b.sqlite');
    await generateBejermanDemo({ file: a, seed: 5, asOf, customers: 20 });
    await generateBejermanDemo({ file: b, seed: 5, asOf, customers: 20 });
    const dump = (file: string) => withDb(file, async (db) => ((await db('CabVenta').orderBy('cve_ID').select('*')) as object[]).map((r) => ({ ...r })));
    const rowsA = await dump(a);
    expect(rowsA.length).toBeGreaterThan(100);
    expect(await dump(b)).toEqual(rowsA);
  });
});

describe('Bejerman profile: quirks of real databases', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'bej-quirks.sqlite');
    await generateBejermanDemo({ file, seed: 11, asOf, customers: 60, badRows: true });
  });

  it('skips voided invoices although CabVenta keeps their balance', async () => {
    await withDb(file, async (db) => {
      const voided = (await db('CabVenta').where('cve_Anulado', 1).where('cve_SaldoMonLoc', '>', 1)
        .select('cve_Nro', 'cve_FVto')) as { cve_Nro: string; cve_FVto: string }[];
      expect(voided.length).toBeGreaterThan(0);
      const rows = await collect(bejermanProfile.openInstallments(db, opts, () => undefined));
      const keys = new Set(rows.map((r) => installmentKey(r.voucherType, r.voucherNumber, r.dueOn)));
      for (const v of voided) expect(keys.has(installmentKey('FC', `A0001${v.cve_Nro}`, v.cve_FVto.slice(0, 10)))).toBe(false);
      // The same query without the voided filter would have listed them.
      const all = (await db('CabVenta').where('cve_SaldoMonLoc', '>', 1).whereNotNull('cve_FVto').count({ n: '*' })) as { n: number }[];
      expect(Number(all[0]?.n)).toBeGreaterThan(rows.length);
    });
  });

  it('compares space-padded customer codes trimmed and joins voucher types by circuit', async () => {
    await withDb(file, async (db) => {
      const padded = (await db('CabVenta').whereRaw('cve_CodCli <> trim(cve_CodCli)').count({ n: '*' })) as { n: number }[];
      expect(Number(padded[0]?.n)).toBeGreaterThan(0);
      const customers = await collect(bejermanProfile.customers(db, () => undefined));
      expect(customers.map((c) => c.code)).toContain('C6');
      const rows = await collect(bejermanProfile.openInstallments(db, opts, () => undefined));
      expect(rows.some((r) => r.customerCode === 'C6')).toBe(true);
      // The purchase-circuit 'FC' type would duplicate every invoice if the circuit were ignored.
      const keys = rows.map((r) => installmentKey(r.voucherType, r.voucherNumber, r.dueOn));
      expect(new Set(keys).size).toBe(keys.length);
    });
  });

  it('reads disabled customers as inactive since their last change, and the clause per voucher', async () => {
    await withDb(file, async (db) => {
      const customers = new Map((await collect(bejermanProfile.customers(db, () => undefined))).map((c) => [c.code, c]));
      const profiles = (await db('DEMO_CLIENTE').select('COD_CLIENTE', 'PERFIL')) as { COD_CLIENTE: string; PERFIL: string }[];
      for (const p of profiles) {
        const c = customers.get(p.COD_CLIENTE) as Customer;
        expect(c, p.COD_CLIENTE).toBeDefined();
        expect(c.inactiveSince !== null, p.COD_CLIENTE).toBe(p.PERFIL === 'inactivo');
      }
      const inactive = profiles.find((p) => p.PERFIL === 'inactivo') as { COD_CLIENTE: string };
      const raw = (await db('Clientes').where('cli_Cod', inactive.COD_CLIENTE).first('cli_FecMod')) as { cli_FecMod: string };
      expect(customers.get(inactive.COD_CLIENTE)?.inactiveSince).toBe(raw.cli_FecMod.slice(0, 10));
      const clause = profiles.find((p) => p.PERFIL === 'clausula_moneda') as { COD_CLIENTE: string };
      const owes = (await db('DEMO_VERDAD').where('COD_CLIENTE', clause.COD_CLIENTE).where('PENDIENTE', '>', 0).count({ n: '*' })) as { n: number }[];
      expect(customers.get(clause.COD_CLIENTE)?.foreignCurrencyClause).toBe(Number(owes[0]?.n) > 0);
      expect(customers.get('000001')?.foreignCurrencyClause).toBe(false);
    });
  });

  it('skips and reports absurd and incomplete rows, once each', async () => {
    await withDb(file, async (db) => {
      const issues: RowIssue[] = [];
      const rows = await collect(bejermanProfile.openInstallments(db, opts, (i) => issues.push(i)));
      await collect(bejermanProfile.customers(db, (i) => issues.push(i)));
      const bad = (await db('DEMO_FILA_MALA').select('TABLA', 'CLAVE', 'PROBLEMA')) as { TABLA: string; CLAVE: string; PROBLEMA: string }[];
      expect(bad).toHaveLength(6);
      expect(issues).toHaveLength(bad.length);
      for (const b of bad) {
        const hit = issues.filter((i) => i.table === b.TABLA && i.key.includes(b.CLAVE.replace(/^FC /, '')));
        expect(hit, `${b.TABLA} ${b.CLAVE} ${b.PROBLEMA}`).toHaveLength(1);
      }
      expect(issues.every((i) => i.problem.length > 10)).toBe(true);
      const badNumbers = bad.filter((b) => b.TABLA === 'CabVenta').map((b) => b.CLAVE.replace(/^FC /, ''));
      expect(rows.some((r) => badNumbers.includes(r.voucherNumber))).toBe(false);
    });
  });
});

describe('Bejerman profile: history and money on account', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'bej-history.sqlite');
    await generateBejermanDemo({ file, seed: 7, asOf, customers: 60 });
  });

  it('aggregates paid-off installments (dated by cve_FecMod) and invoiced volume like the ground truth', async () => {
    await withDb(file, async (db) => {
      const got = new Map((await collect(bejermanProfile.paymentBehaviour(db, opts, () => undefined))).map((b) => [b.customerCode, b]));
      const truth = await bejermanTruthRows(db);
      const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
      const from = day(asOf) - opts.lookBackDays;
      const to = day(asOf);
      type Exp = { n: number; paid: number; weighted: number; late: number; max: number; last: string | null; invoiced: number };
      const expected = new Map<string, Exp>();
      const slot = (c: string): Exp => {
        let e = expected.get(c);
        if (!e) expected.set(c, (e = { n: 0, paid: 0, weighted: 0, late: 0, max: 0, last: null, invoiced: 0 }));
        return e;
      };
      for (const t of truth) {
        if (t.FECHA_PAGO !== null && day(t.FECHA_PAGO) >= from && day(t.FECHA_PAGO) <= to && t.IMPORTE > opts.tolerance) {
          const e = slot(t.COD_CLIENTE);
          const late = Math.max(0, day(t.FECHA_PAGO) - day(t.FECHA_VTO));
          e.n += 1;
          e.paid += t.IMPORTE;
          e.weighted += t.IMPORTE * late;
          if (late > opts.lateThresholdDays) e.late += 1;
          e.max = Math.max(e.max, late);
          if (e.last === null || t.FECHA_PAGO > e.last) e.last = t.FECHA_PAGO;
        }
        if (t.TIPO === 'FC' && day(t.FECHA_EMISION) >= from && day(t.FECHA_EMISION) <= to) slot(t.COD_CLIENTE).invoiced += t.IMPORTE;
      }
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      expect([...got.values()].some((b) => b.lateCount > 0)).toBe(true);
      expect([...got.values()].some((b) => b.paymentCount > 0 && b.weightedDaysLate < 3)).toBe(true);
      for (const [code, e] of expected) {
        const b = got.get(code) as PaymentBehaviour;
        expect(b.paymentCount, code).toBe(e.n);
        expect(b.paidAmount, code).toBeCloseTo(e.paid, 1);
        expect(b.weightedDaysLate, code).toBeCloseTo(e.paid > 0 ? e.weighted / e.paid : 0, 1);
        expect(b.lateCount, code).toBe(e.late);
        expect(b.maxDaysLate, code).toBe(e.max);
        expect(b.lastPaymentOn, code).toBe(e.last);
        expect(b.invoicedAmount, code).toBeCloseTo(e.invoiced, 1);
      }
    });
  });

  it('reads receipts and credit notes with a balance left as money on account', async () => {
    await withDb(file, async (db) => {
      const got = new Map<string, UnappliedMoney>();
      for await (const u of bejermanProfile.unappliedMoney(db, opts, () => undefined)) got.set(u.customerCode, u);
      const truth = (await db('DEMO_CLIENTE').select('COD_CLIENTE', 'A_CUENTA')) as { COD_CLIENTE: string; A_CUENTA: number }[];
      expect(truth.filter((t) => t.A_CUENTA > 0).length).toBeGreaterThan(1);
      for (const t of truth) {
        expect(got.get(t.COD_CLIENTE)?.onAccount ?? 0, t.COD_CLIENTE).toBeCloseTo(t.A_CUENTA, 2);
        expect(got.get(t.COD_CLIENTE)?.chequesInPortfolio ?? 0).toBe(0);
      }
    });
  });

  it('lists sellers with trimmed codes', async () => {
    await withDb(file, async (db) => {
      const sellers = await bejermanProfile.sellers(db, () => undefined);
      expect(sellers.map((s) => s.code)).toEqual(['01', '02', '03', '04', '05', '99']);
      expect(sellers.find((s) => s.code === '01')?.email).toBe('grinaldi@empresa-demo.com.ar');
      expect(sellers.find((s) => s.code === '02')?.email).toBeNull();
    });
  });
});
