import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import {
  BEHAVIOURS, generateDemoErp, installmentKey, openInstallmentsGroundTruth, payAllOverdue, postReceipt,
} from '../../connector/demo-erp';
import { tangoProfile } from '../../connector/profiles/tango';
import type { OpenInstallment } from '../../rules/types';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };
const TABLES = ['GVA23', 'GVA14', 'GVA15', 'GVA12', 'GVA46', 'GVA07', 'SBA14', 'DEMO_VERDAD', 'DEMO_CLIENTE', 'DEMO_INFO'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-demo-erp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(file: string, fn: (db: Knex) => Promise<T>): Promise<T> {
  const db = openDatabase({ kind: 'sqlite', file });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function hashOf(file: string): Promise<string> {
  return withDb(file, async (db) => {
    const h = createHash('sha256');
    for (const t of TABLES) {
      const rows = (await db(t).select('*').orderByRaw('rowid')) as Record<string, unknown>[];
      h.update(`${t}:${rows.length}\n`);
      for (const r of rows) h.update(`${JSON.stringify({ ...r })}\n`);
    }
    return h.digest('hex');
  });
}

async function openRows(db: Knex): Promise<OpenInstallment[]> {
  const rows: OpenInstallment[] = [];
  for await (const r of tangoProfile.openInstallments(db, opts, () => undefined)) rows.push(r);
  return rows;
}

describe('demo ERP generator', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const a = join(dir, 'a.sqlite');
    const b = join(dir, 'b.sqlite');
    const c = join(dir, 'c.sqlite');
    await generateDemoErp({ file: a, seed: 5, asOf, customers: 40 });
    await generateDemoErp({ file: b, seed: 5, asOf, customers: 40, batchSize: 37 });
    await generateDemoErp({ file: c, seed: 6, asOf, customers: 40 });
    const [ha, hb, hc] = [await hashOf(a), await hashOf(b), await hashOf(c)];
    expect(ha).toBe(hb);
    expect(ha).not.toBe(hc);
  });

  it('recreates the file and records what it generated', async () => {
    const file = join(dir, 'info.sqlite');
    await generateDemoErp({ file, seed: 2, asOf, customers: 30 });
    const summary = await generateDemoErp({ file, seed: 2, asOf, customers: 30 });
    await withDb(file, async (db) => {
      const info = Object.fromEntries(
        ((await db('DEMO_INFO').select('CLAVE', 'VALOR')) as { CLAVE: string; VALOR: string }[]).map((r) => [r.CLAVE, r.VALOR]),
      );
      expect(info).toEqual({ semilla: '2', fecha_corte: asOf, clientes: '30', cuotas: String(summary.installments), filas_malas: '0' });
      expect(Number((await db('GVA46').count({ n: '*' }))[0]?.n)).toBe(summary.installments);
      expect(Number((await db('GVA14').count({ n: '*' }))[0]?.n)).toBe(30);
    });
  });

  it('holds what real Tango databases hold', async () => {
    const file = join(dir, 'real.sqlite');
    await generateDemoErp({ file, seed: 9, asOf, customers: 60 });
    await withDb(file, async (db) => {
      const count = async (sql: string): Promise<number> =>
        Number(((await db.raw(sql)) as { n: number }[])[0]?.n);
      const perfiles = ((await db('DEMO_CLIENTE').distinct('PERFIL')) as { PERFIL: string }[]).map((r) => r.PERFIL);
      expect(perfiles.sort()).toEqual([...BEHAVIOURS].sort());
      expect(await count(`SELECT COUNT(*) n FROM GVA23 WHERE COD_VENDED = '**'`)).toBe(1);
      expect(await count(`SELECT COUNT(*) n FROM GVA23 WHERE E_MAIL = ''`)).toBeGreaterThan(1);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE COD_CLIENT <> trim(COD_CLIENT)`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA12 WHERE COD_CLIENT <> trim(COD_CLIENT)`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA12 WHERE length(N_COMP) = 14 AND N_COMP LIKE ' %'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE FECHA_INHA = '1800-01-01 00:00:00'`)).toBeGreaterThan(50);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE CLAUSULA = 1`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE RAZON_SOCI LIKE '%''%'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE RAZON_SOCI LIKE '%&%'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE RAZON_SOCI LIKE '%S.R.L.' OR RAZON_SOCI LIKE '%SA' OR RAZON_SOCI LIKE '%S.A.S.'`)).toBeGreaterThan(10);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE TELEFONO_MOVIL LIKE '+54 9 %' OR TELEFONO_MOVIL LIKE '% 15-%'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA14 WHERE E_MAIL = ''`)).toBeGreaterThan(0);
      // Installments per invoice: one to three.
      const parts = (await db.raw(`SELECT MIN(c) lo, MAX(c) hi FROM (SELECT COUNT(*) c FROM GVA46 GROUP BY trim(N_COMP))`)) as { lo: number; hi: number }[];
      expect({ ...parts[0] }).toEqual({ lo: 1, hi: 3 });
      expect(await count(`SELECT COUNT(*) n FROM GVA07 WHERE T_COMP_CAN = 'N/C'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA07 WHERE T_COMP_CAN = 'N/D'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA15 WHERE IDENT_COMP = 'N/D' AND TIPO_COMP = 'D'`)).toBe(1);
      expect(await count(`SELECT COUNT(*) n FROM SBA14 WHERE ESTADO = 'C'`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM SBA14 WHERE ESTADO = 'D'`)).toBeGreaterThan(0);
      // Late and partial payments exist; never-paying customers have no receipts.
      expect(await count(`SELECT COUNT(*) n FROM GVA07 WHERE T_COMP_CAN = 'REC' AND julianday(F_COMP_CAN) - julianday(FECHA_VTO) > 30`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM DEMO_VERDAD v JOIN GVA46 g ON trim(g.N_COMP) = v.N_COMP AND substr(g.FECHA_VTO, 1, 10) = v.FECHA_VTO WHERE v.PENDIENTE > 1 AND v.PENDIENTE < g.IMPORTE_VT - 1`)).toBeGreaterThan(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA07 a JOIN DEMO_CLIENTE d ON d.COD_CLIENT = a.COD_CLIENT WHERE d.PERFIL = 'nunca_paga' AND a.T_COMP_CAN = 'REC'`)).toBe(0);
      expect(await count(`SELECT COUNT(*) n FROM GVA12 WHERE FECHA_EMIS > '${asOf} 99'`)).toBe(0);
    });
  });

  it('postReceipt reduces a partly paid installment and removes a fully paid one', async () => {
    const file = join(dir, 'post.sqlite');
    await generateDemoErp({ file, seed: 4, asOf, customers: 40 });
    await withDb(file, async (db) => {
      const before = await openRows(db);
      const target = before.find((r) => r.pending > 1000) as OpenInstallment;
      const key = installmentKey(target.voucherType, target.voucherNumber, target.dueOn);
      const app = { voucherType: target.voucherType, voucherNumber: target.voucherNumber, dueOn: target.dueOn };

      const first = await postReceipt(db, {
        customerCode: target.customerCode, date: '2025-07-01', applications: [{ ...app, amount: 400 }],
      });
      expect(first.receiptNumber).toMatch(/^X0002\d{8}$/);
      const partial = (await openRows(db)).find((r) => installmentKey(r.voucherType, r.voucherNumber, r.dueOn) === key);
      expect(partial?.pending).toBeCloseTo(target.pending - 400, 2);
      expect((await openInstallmentsGroundTruth(db)).get(key)).toBeCloseTo(target.pending - 400, 2);

      const second = await postReceipt(db, {
        customerCode: target.customerCode, date: '2025-07-02',
        applications: [{ ...app, amount: Math.round((target.pending - 400) * 100) / 100 }], onAccount: 250,
      });
      expect(second.receiptNumber).not.toBe(first.receiptNumber);
      const after = await openRows(db);
      expect(after.some((r) => installmentKey(r.voucherType, r.voucherNumber, r.dueOn) === key)).toBe(false);
      expect(after).toHaveLength(before.length - 1);
      const vto = (await db('GVA46')
        .whereRaw('trim(N_COMP) = ?', [target.voucherNumber])
        .where('FECHA_VTO', `${target.dueOn} 00:00:00`)
        .first('ESTADO_VTO')) as { ESTADO_VTO: string };
      expect(vto.ESTADO_VTO).toBe('PAG');
      const rec = (await db('GVA12').where({ T_COMP: 'REC', N_COMP: second.receiptNumber }).first('IMPORTE', 'ESTADO')) as {
        IMPORTE: number; ESTADO: string;
      };
      expect(rec.IMPORTE).toBeCloseTo(target.pending - 400 + 250, 2);
      let onAccount = 0;
      for await (const u of tangoProfile.unappliedMoney(db, opts, () => undefined)) {
        if (u.customerCode === target.customerCode) onAccount = u.onAccount;
      }
      const demo = (await db('DEMO_CLIENTE').where({ COD_CLIENT: target.customerCode }).first('A_CUENTA')) as { A_CUENTA: number };
      expect(onAccount).toBeCloseTo(demo.A_CUENTA, 2);
      expect(demo.A_CUENTA).toBeGreaterThanOrEqual(250);
    });
  });

  it('payAllOverdue settles every overdue installment of a customer and marks the vouchers cancelled', async () => {
    const file = join(dir, 'payall.sqlite');
    await generateDemoErp({ file, seed: 4, asOf, customers: 40 });
    await withDb(file, async (db) => {
      const before = await openRows(db);
      const overdue = before.filter((r) => r.dueOn <= asOf);
      const customer = overdue.find((r) => overdue.filter((o) => o.customerCode === r.customerCode).length >= 2)?.customerCode as string;
      expect(customer).toBeDefined();
      const result = await payAllOverdue(db, customer, asOf);
      expect(result?.receiptNumber).toMatch(/^X0002/);
      const after = await openRows(db);
      expect(after.filter((r) => r.customerCode === customer && r.dueOn <= asOf)).toEqual([]);
      expect(after.filter((r) => r.customerCode !== customer)).toEqual(before.filter((r) => r.customerCode !== customer));
      const paidVouchers = [...new Set(overdue.filter((r) => r.customerCode === customer).map((r) => r.voucherNumber))];
      const stillOpen = new Set(after.filter((r) => r.customerCode === customer).map((r) => r.voucherNumber));
      for (const n of paidVouchers.filter((v) => !stillOpen.has(v))) {
        const h = (await db('GVA12').whereRaw("trim(N_COMP) = ? AND T_COMP = 'FAC'", [n]).first('ESTADO')) as { ESTADO: string };
        expect(h.ESTADO, n).toBe('CAN');
      }
      expect(await payAllOverdue(db, customer, asOf)).toBeNull();
    });
  });
});
