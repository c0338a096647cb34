import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { tangoProfile } from '../../connector/profiles/tango';
import type { RowIssue } from '../../connector/profiles/profile';
import type { Customer, OpenInstallment, UnappliedMoney } from '../../rules/types';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

let dir: string;
let db: Knex;
let number = 90_000_000;

/** Adds an invoice the way Tango stores it; returns its (trimmed) number. */
async function invoice(spec: {
  customer: string;
  header?: string;
  installments: { due: string; amount: number; status?: string; storedNumber?: (n: string) => string }[];
  headerStatus?: string;
}): Promise<string> {
  const n = `A0009${String(++number).padStart(8, '0')}`;
  const total = spec.installments.reduce((s, i) => s + i.amount, 0);
  await db('GVA12').insert({
    T_COMP: 'FAC', N_COMP: spec.header ?? n, COD_CLIENT: spec.customer, FECHA_EMIS: '2025-03-01 00:00:00',
    IMPORTE: total, ESTADO: spec.headerStatus ?? 'PEN', COD_VENDED: '01', MON_CTE: 1, COTIZ: 1, COND_VTA: 1,
  });
  for (const i of spec.installments) {
    await db('GVA46').insert({
      T_COMP: 'FAC', N_COMP: i.storedNumber ? i.storedNumber(n) : n, FECHA_VTO: `${i.due} 00:00:00`,
      IMPORTE_VT: i.amount, ESTADO_VTO: i.status ?? 'PEN',
    });
  }
  return n;
}

async function apply(n: string, due: string, type: string, amount: number, storedNumber = n): Promise<void> {
  const can = `Z0009${String(++number).padStart(8, '0')}`;
  await db('GVA12').insert({
    T_COMP: type, N_COMP: can, COD_CLIENT: '000003', FECHA_EMIS: '2025-04-10 00:00:00', IMPORTE: amount, ESTADO: 'CAN',
  });
  await db('GVA07').insert({
    COD_CLIENT: '000003', T_COMP: 'FAC', N_COMP: storedNumber, FECHA_VTO: `${due} 00:00:00`, T_COMP_CAN: type,
    N_COMP_CAN: can, F_COMP_CAN: '2025-04-10 00:00:00', IMPORT_CAN: amount,
  });
}

async function open(): Promise<{ rows: OpenInstallment[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const rows: OpenInstallment[] = [];
  for await (const r of tangoProfile.openInstallments(db, opts, (i) => issues.push(i))) rows.push(r);
  return { rows, issues };
}

async function find(n: string): Promise<OpenInstallment[]> {
  return (await open()).rows.filter((r) => r.voucherNumber === n);
}

async function customers(): Promise<{ list: Customer[]; issues: RowIssue[] }> {
  const issues: RowIssue[] = [];
  const list: Customer[] = [];
  for await (const c of tangoProfile.customers(db, (i) => issues.push(i))) list.push(c);
  return { list, issues };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tango-quirks-'));
  const file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 11, asOf, customers: 60, badRows: true });
  db = openDatabase({ kind: 'sqlite', file });
});

afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('Tango profile quirks', () => {
  it('compares space-padded voucher numbers and customer codes trimmed', async () => {
    const n = await invoice({
      customer: '    C6',
      installments: [{ due: '2025-04-01', amount: 1000, storedNumber: (x) => ` ${x}` }],
    });
    await apply(n, '2025-04-01', 'REC', 300, `${n} `);
    const rows = await find(n);
    expect(rows).toEqual([
      expect.objectContaining({ customerCode: 'C6', voucherType: 'FAC', voucherNumber: n, amount: 1000, pending: 700 }),
    ]);
    // The generated data has padded keys too, and the customer list shows the code trimmed.
    const padded = (await db('GVA46').whereRaw('N_COMP <> trim(N_COMP)').count({ n: '*' })) as { n: number }[];
    expect(Number(padded[0]?.n)).toBeGreaterThan(0);
    const stored = (await db('GVA14').whereRaw('trim(COD_CLIENT) = ?', ['C6']).first('COD_CLIENT')) as { COD_CLIENT: string };
    expect(stored.COD_CLIENT).toBe('C6    ');
    expect((await customers()).list.map((c) => c.code)).toContain('C6');
  });

  it('reads 1800-01-01 as "no date"', async () => {
    const { list } = await customers();
    const active = list.find((c) => c.code === '000001') as Customer;
    const raw = (await db('GVA14').where({ COD_CLIENT: '000001' }).first('FECHA_INHA')) as { FECHA_INHA: string };
    expect(raw.FECHA_INHA).toBe('1800-01-01 00:00:00');
    expect(active.inactiveSince).toBeNull();
    expect(active.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('skips installments marked paid although the header stays PEN', async () => {
    const n = await invoice({
      customer: '000003',
      installments: [
        { due: '2025-04-01', amount: 500, status: 'PAG' },
        { due: '2025-05-01', amount: 500, status: 'PAG' },
      ],
    });
    await apply(n, '2025-04-01', 'REC', 500);
    expect(await find(n)).toEqual([]);
    // Real data has them: headers still 'PEN' with every installment 'PAG'.
    const stale = (await db.raw(
      `SELECT COUNT(*) AS n FROM GVA12 h WHERE h.T_COMP = 'FAC' AND h.ESTADO = 'PEN' AND NOT EXISTS (
         SELECT 1 FROM GVA46 v WHERE trim(v.N_COMP) = trim(h.N_COMP) AND v.ESTADO_VTO <> 'PAG')`,
    )) as { n: number }[];
    expect(Number(stale[0]?.n)).toBeGreaterThan(1);
  });

  it('treats an over-applied installment (negative pending) as paid even if still PEN', async () => {
    const n = await invoice({ customer: '000003', installments: [{ due: '2025-04-01', amount: 1000 }] });
    await apply(n, '2025-04-01', 'REC', 1030);
    expect(await find(n)).toEqual([]);
    const negative = (await db('DEMO_VERDAD').where('PENDIENTE', '<', 0).count({ n: '*' })) as { n: number }[];
    expect(Number(negative[0]?.n)).toBeGreaterThan(0);
  });

  it('adds debit notes (TIPO_COMP D) and subtracts credit notes', async () => {
    const n = await invoice({ customer: '000003', installments: [{ due: '2025-04-01', amount: 1000 }] });
    await apply(n, '2025-04-01', 'N/C', 200);
    await apply(n, '2025-04-01', 'N/D', 50);
    expect((await find(n))[0]?.pending).toBe(850);
  });

  it('keeps what a partial receipt leaves, per installment', async () => {
    const n = await invoice({
      customer: '000003',
      installments: [{ due: '2025-04-01', amount: 1000 }, { due: '2025-05-01', amount: 1000 }],
    });
    await apply(n, '2025-04-01', 'REC', 400);
    const rows = await find(n);
    expect(rows.map((r) => [r.dueOn, r.amount, r.pending])).toEqual([
      ['2025-04-01', 1000, 600],
      ['2025-05-01', 1000, 1000],
    ]);
  });

  it('reports receipts on account and cheques in portfolio as unapplied money', async () => {
    const read = async (): Promise<Map<string, UnappliedMoney>> => {
      const m = new Map<string, UnappliedMoney>();
      for await (const u of tangoProfile.unappliedMoney(db, opts, () => undefined)) m.set(u.customerCode, u);
      return m;
    };
    const before = await read();
    // Matches the generator's ground truth for every customer.
    const truth = (await db('DEMO_CLIENTE').select('COD_CLIENT', 'A_CUENTA', 'CHEQUES_CARTERA')) as {
      COD_CLIENT: string; A_CUENTA: number; CHEQUES_CARTERA: number;
    }[];
    expect(truth.some((t) => t.A_CUENTA > 0)).toBe(true);
    expect(truth.some((t) => t.CHEQUES_CARTERA > 0)).toBe(true);
    for (const t of truth) {
      const got = before.get(t.COD_CLIENT);
      expect(got?.onAccount ?? 0, t.COD_CLIENT).toBeCloseTo(t.A_CUENTA, 2);
      expect(got?.chequesInPortfolio ?? 0, t.COD_CLIENT).toBeCloseTo(t.CHEQUES_CARTERA, 2);
    }
    // A new receipt of 5000 applying 3000, a cheque in portfolio and a deposited one.
    await db('GVA12').insert({ T_COMP: 'REC', N_COMP: 'X000900000001', COD_CLIENT: '000010', FECHA_EMIS: '2025-06-01 00:00:00', IMPORTE: 5000, ESTADO: 'PEN' });
    await db('GVA07').insert({
      COD_CLIENT: '000010', T_COMP: 'FAC', N_COMP: 'A000999999999', FECHA_VTO: '2025-06-01 00:00:00',
      T_COMP_CAN: 'REC', N_COMP_CAN: ' X000900000001', F_COMP_CAN: '2025-06-01 00:00:00', IMPORT_CAN: 3000,
    });
    await db('SBA14').insert([
      { CLIENTE: '000010', IMPORTE_CH: 7000, FECHA_CHEQ: '2025-07-15 00:00:00', ESTADO: 'C' },
      { CLIENTE: '000010', IMPORTE_CH: 9000, FECHA_CHEQ: '2025-05-15 00:00:00', ESTADO: 'D' },
    ]);
    const after = (await read()).get('000010') as UnappliedMoney;
    const was = before.get('000010') ?? { onAccount: 0, chequesInPortfolio: 0 };
    expect(after.onAccount).toBeCloseTo(was.onAccount + 2000, 2);
    expect(after.chequesInPortfolio).toBeCloseTo(was.chequesInPortfolio + 7000, 2);
  });

  it('marks inactive customers (FECHA_INHA set) and only them', async () => {
    const { list } = await customers();
    const demo = (await db('DEMO_CLIENTE').select('COD_CLIENT', 'PERFIL')) as { COD_CLIENT: string; PERFIL: string }[];
    const inactive = new Set(demo.filter((d) => d.PERFIL === 'inactivo').map((d) => d.COD_CLIENT));
    expect(inactive.size).toBeGreaterThan(0);
    for (const c of list.filter((x) => demo.some((d) => d.COD_CLIENT === x.code))) {
      expect(c.inactiveSince !== null, c.code).toBe(inactive.has(c.code));
      if (c.inactiveSince) expect(c.inactiveSince < asOf).toBe(true);
    }
  });

  it('reads an empty e-mail or phone as null', async () => {
    const { list } = await customers();
    const noMail = list.find((c) => c.code === '000002') as Customer;
    const noPhone = list.find((c) => c.code === '000003') as Customer;
    expect(noMail.email).toBeNull();
    expect(noPhone.phone).toBeNull();
    expect(noPhone.mobile).toBeNull();
    expect(list.some((c) => c.mobile !== null && /^(\+54 9|54 9|\(0\d+\) 15|\d+ 15-)/.test(c.mobile))).toBe(true);
  });

  it("keeps the cash-sale seller '**' and customers assigned to it", async () => {
    const sellers = await tangoProfile.sellers(db, () => undefined);
    expect(sellers).toContainEqual({ code: '**', name: 'VENTAS CONTADO', email: null });
    expect(sellers.filter((s) => s.email === null).length).toBeGreaterThan(1);
    const { list } = await customers();
    expect(list.find((c) => c.code === '000001')?.sellerCode).toBe('**');
  });

  it('flags the foreign-currency clause', async () => {
    const { list } = await customers();
    const demo = (await db('DEMO_CLIENTE').select('COD_CLIENT', 'PERFIL')) as { COD_CLIENT: string; PERFIL: string }[];
    const clause = demo.filter((d) => d.PERFIL === 'clausula_moneda').map((d) => d.COD_CLIENT);
    expect(clause.length).toBeGreaterThan(0);
    expect(list.filter((c) => c.foreignCurrencyClause).map((c) => c.code).sort()).toEqual(clause.sort());
  });

  it("handles names with an apostrophe and an ampersand", async () => {
    const { list } = await customers();
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(["D'Alessandro Hnos. S.R.L.", 'Pérez & Asociados S.A.']));
  });

  it('skips bad rows and reports each one in Spanish without throwing', async () => {
    const { issues } = await open();
    const bad = (await db('DEMO_FILA_MALA').select('TABLA', 'CLAVE', 'PROBLEMA')) as { TABLA: string; CLAVE: string; PROBLEMA: string }[];
    const installments = bad.filter((b) => b.TABLA !== 'GVA14');
    expect(installments).toHaveLength(4);
    for (const b of installments) {
      const issue = issues.find((i) => i.key.startsWith(b.CLAVE));
      expect(issue, b.CLAVE).toBeDefined();
      expect(issue?.table).toBe(b.TABLA);
    }
    const problems = issues.map((i) => i.problem).join(' | ');
    for (const words of [/sin fecha de vencimiento/, /negativo/, /fuera de rango/, /sin código de cliente/]) {
      expect(problems).toMatch(words);
    }
    const { list, issues: customerIssues } = await customers();
    expect(customerIssues).toHaveLength(2);
    expect(customerIssues.map((i) => i.problem).join(' ')).toMatch(/sin código/i);
    expect(customerIssues.map((i) => i.problem).join(' ')).toMatch(/«ZZ» no existe/);
    expect(list.find((c) => c.code === 'ZZ0001')?.sellerCode).toBeNull();
    expect(list.some((c) => c.code === '')).toBe(false);
  });
});
