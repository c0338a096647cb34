/**
 * Issue 15, item 7: a voucher header stored twice (Tango GVA12, Bejerman
 * CabVenta) counts once in the per-customer SQL aggregates. Every header row
 * of a demo ERP is copied; payment behaviour, money on account and the KPI
 * money flows read exactly what they read before the copies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { CABVENTA_COLUMNS } from '../../connector/demo-erp-bejerman/sinks';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { ErpProfile } from '../../connector/profiles/profile';
import { tangoProfile } from '../../connector/profiles/tango';
import { addDays } from '../../rules/dates';

const dir = mkdtempSync(join(tmpdir(), 'cadencia-cabecera-repetida-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const asOf = '2026-11-02';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** What the aggregates read: behaviour and unapplied money per customer, and the money flows of the last 180 days. */
async function aggregates(db: Knex, profile: ErpProfile) {
  const fail = (issue: unknown): never => {
    throw new Error(`unexpected issue: ${JSON.stringify(issue)}`);
  };
  const flows = (await profile.addon.moneyFlows(db, { from: addDays(asOf, -180), to: asOf })) as Record<string, unknown>[];
  return {
    behaviour: await collect(profile.paymentBehaviour(db, opts, fail)),
    unapplied: await collect(profile.unappliedMoney(db, opts, fail)),
    flows: flows.map((f) => JSON.stringify(f)).sort(),
  };
}

async function expectCopiesCountOnce(db: Knex, profile: ErpProfile, table: string, columns: string): Promise<void> {
  const before = await aggregates(db, profile);
  expect(before.behaviour.some((b) => b.paymentCount > 0 && b.invoicedAmount > 0)).toBe(true);
  expect(before.unapplied.some((u) => u.onAccount > 0)).toBe(true);
  expect(before.flows.some((f) => f.includes('"cobro"'))).toBe(true);
  expect(before.flows.some((f) => f.includes('"venta"'))).toBe(true);
  const [{ n }] = (await db(table).count({ n: '*' })) as [{ n: number }];
  await db.raw(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${table}`);
  const [{ n: doubled }] = (await db(table).count({ n: '*' })) as [{ n: number }];
  expect(Number(doubled)).toBe(2 * Number(n));
  expect(await aggregates(db, profile)).toEqual(before);
}

describe('a header stored twice counts once in the per-customer aggregates', () => {
  it('Tango: every GVA12 row copied, the same payment behaviour, money on account and money flows', async () => {
    const file = join(dir, 'tango.sqlite');
    await generateDemoErp({ file, seed: 7, asOf });
    const db = openDatabase({ kind: 'sqlite', file });
    try {
      await expectCopiesCountOnce(db, tangoProfile, 'GVA12',
        'T_COMP, N_COMP, COD_CLIENT, FECHA_EMIS, IMPORTE, ESTADO, COD_VENDED, MON_CTE, COTIZ, COND_VTA');
    } finally {
      await db.destroy();
    }
  });

  it('Bejerman: every CabVenta row copied, the same payment behaviour, money on account and money flows', async () => {
    const file = join(dir, 'bejerman.sqlite');
    await generateBejermanDemo({ file, seed: 7, asOf });
    const db = openDatabase({ kind: 'sqlite', file });
    try {
      await expectCopiesCountOnce(db, bejermanProfile, 'CabVenta', CABVENTA_COLUMNS.join(', '));
    } finally {
      await db.destroy();
    }
  });
});
