import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { tangoProfile } from '../../connector/profiles/tango';
import type { PaymentBehaviour } from '../../rules/types';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tango-behaviour-'));
  file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 7, asOf, customers: 60 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const day = (s: string): number => Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / 86_400_000;

describe('Tango profile: payment behaviour aggregated in SQL', () => {
  it('equals the same figures computed row by row from GVA07 and GVA12', async () => {
    const db = openDatabase({ kind: 'sqlite', file, readonly: true });
    try {
      const got = new Map<string, PaymentBehaviour>();
      for await (const b of tangoProfile.paymentBehaviour(db, opts, () => undefined)) got.set(b.customerCode, b);

      const headers = (await db('GVA12').select('T_COMP', 'N_COMP', 'COD_CLIENT', 'FECHA_EMIS', 'IMPORTE')) as {
        T_COMP: string; N_COMP: string; COD_CLIENT: string; FECHA_EMIS: string; IMPORTE: number;
      }[];
      const owner = new Map(headers.map((h) => [`${h.T_COMP.trim()}|${h.N_COMP.trim()}`, h.COD_CLIENT.trim()]));
      const apps = (await db('GVA07').select('*')) as {
        T_COMP: string; N_COMP: string; FECHA_VTO: string; T_COMP_CAN: string; F_COMP_CAN: string; IMPORT_CAN: number;
      }[];
      const from = day(asOf) - opts.lookBackDays;
      const to = day(asOf);
      const expected = new Map<string, { n: number; paid: number; weighted: number; late: number; max: number; last: string | null; invoiced: number }>();
      const slot = (c: string) => {
        let e = expected.get(c);
        if (!e) expected.set(c, (e = { n: 0, paid: 0, weighted: 0, late: 0, max: 0, last: null, invoiced: 0 }));
        return e;
      };
      for (const a of apps) {
        if (a.T_COMP_CAN.trim() !== 'REC' || day(a.F_COMP_CAN) < from || day(a.F_COMP_CAN) > to) continue;
        const e = slot(owner.get(`${a.T_COMP.trim()}|${a.N_COMP.trim()}`) as string);
        const late = Math.max(0, day(a.F_COMP_CAN) - day(a.FECHA_VTO));
        e.n += 1;
        e.paid += a.IMPORT_CAN;
        e.weighted += a.IMPORT_CAN * late;
        if (late > opts.lateThresholdDays) e.late += 1;
        e.max = Math.max(e.max, late);
        const paidOn = a.F_COMP_CAN.slice(0, 10);
        if (e.last === null || paidOn > e.last) e.last = paidOn;
      }
      for (const h of headers) {
        if (h.T_COMP.trim() === 'FAC' && day(h.FECHA_EMIS) >= from && day(h.FECHA_EMIS) <= to) slot(h.COD_CLIENT.trim()).invoiced += h.IMPORTE;
      }

      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      expect([...got.values()].some((b) => b.lateCount > 0)).toBe(true);
      expect([...got.values()].some((b) => b.paymentCount > 0 && b.weightedDaysLate === 0)).toBe(true);
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
    } finally {
      await db.destroy();
    }
  });
});
