/** Posting a payment into the Bejerman demo the way Bejerman records it (used by the demo story and the e2e tests). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { installmentKey } from '../../connector/demo-erp';
import { bejermanPendingGroundTruth, generateBejermanDemo, payAllOverdueBejerman } from '../../connector/demo-erp-bejerman';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { OpenInstallment } from '../../rules/types';

const dir = mkdtempSync(join(tmpdir(), 'cadencia-bejerman-pago-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const asOf = '2026-11-02';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

describe('payAllOverdueBejerman', () => {
  it('zeroes the overdue balances of one customer, adds a receipt, and the profile still equals the ground truth', async () => {
    const file = join(dir, 'erp.sqlite');
    await generateBejermanDemo({ file, seed: 11, asOf });
    const db = openDatabase({ kind: 'sqlite', file });
    try {
      const read = async (): Promise<OpenInstallment[]> => {
        const out: OpenInstallment[] = [];
        for await (const i of bejermanProfile.openInstallments(db, opts, () => undefined)) out.push(i);
        return out;
      };
      const before = await read();
      const debtor = before.find((i) => i.dueOn < asOf)!.customerCode;
      const overdue = before.filter((i) => i.customerCode === debtor && i.dueOn <= asOf);
      const owed = overdue.reduce((s, i) => s + i.pending, 0);

      const receipt = await payAllOverdueBejerman(db, debtor, asOf);
      expect(receipt?.amount).toBeCloseTo(owed, 2);
      const after = await read();
      expect(after.filter((i) => i.customerCode === debtor && i.dueOn <= asOf)).toEqual([]);
      // Everything else is untouched, and the profile agrees with the ground truth everywhere.
      expect(after.length).toBe(before.length - overdue.length);
      const truth = [...(await bejermanPendingGroundTruth(db))].filter(([, p]) => p > opts.tolerance);
      expect(new Set(after.map((i) => installmentKey(i.voucherType, i.voucherNumber, i.dueOn)))).toEqual(new Set(truth.map(([k]) => k)));
      // Nothing left to pay: a second call posts nothing.
      expect(await payAllOverdueBejerman(db, debtor, asOf)).toBeNull();
    } finally {
      await db.destroy();
    }
  });
});
