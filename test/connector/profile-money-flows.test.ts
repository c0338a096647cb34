/** KPI money flows come from each profile's own tables (SQLite demos). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlCompiler, openDatabase } from '../../connector/connection';
import { moneyFlowsQuery, readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { bejermanTruthRows, generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import { viewsProfile } from '../../connector/profiles/views';

const asOf = '2025-06-30';
const period = { from: '2025-03-01', to: asOf };
let dir: string;
let db: Knex;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-flows-'));
  const file = join(dir, 'bejerman.sqlite');
  await generateBejermanDemo({ file, seed: 3, asOf, customers: 20 });
  db = openDatabase({ kind: 'sqlite', file });
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const key = (customer: string, on: string): string => `${customer}|${on}`;
const cents = (n: number): number => Math.round(n * 100);

describe('KPI money flows per profile', () => {
  it('Bejerman: sales are the invoices of the period by issue date (voided ones left out), per customer and day', async () => {
    const flows = await readMoneyFlows(db, period, bejermanProfile);
    const sales = new Map<string, number>();
    for (const f of flows.filter((x) => x.kind === 'venta')) sales.set(key(f.customerCode, f.on), cents(f.amount));
    const truth = new Map<string, number>();
    for (const r of await bejermanTruthRows(db)) {
      if (r.TIPO !== 'FC' || r.FECHA_EMISION < period.from || r.FECHA_EMISION > period.to) continue;
      const k = key(r.COD_CLIENTE.trim(), r.FECHA_EMISION);
      truth.set(k, (truth.get(k) ?? 0) + cents(Number(r.IMPORTE)));
    }
    expect(truth.size).toBeGreaterThan(10);
    expect(new Map([...sales].sort())).toEqual(new Map([...truth].sort()));
  });

  it('Bejerman: receipts count what each receipt of the period brought in (read with ABS)', async () => {
    const flows = await readMoneyFlows(db, period, bejermanProfile);
    const received = flows.filter((x) => x.kind === 'cobro');
    expect(received.length).toBeGreaterThan(10);
    expect(received.every((f) => f.amount > 0 && f.on >= period.from && f.on <= period.to)).toBe(true);
    const rows = (await db('CabVenta')
      .where({ cvetco_Cod: 'RC', cve_Anulado: 0 })
      // Issue dates may carry a time of day: the whole last day counts.
      .where('cve_FEmision', '>=', period.from)
      .where('cve_FEmision', '<', '2025-07-01')
      .select('cve_ImpMonLoc')) as { cve_ImpMonLoc: number }[];
    const total = rows.reduce((s, r) => s + cents(Math.abs(Number(r.cve_ImpMonLoc))), 0);
    expect(received.reduce((s, f) => s + cents(f.amount), 0)).toBe(total);
  });

  it('names only the profile\'s own tables in T-SQL', () => {
    const ms = mssqlCompiler();
    const bejerman = moneyFlowsQuery(ms, period, bejermanProfile).toSQL().toNative().sql;
    expect(bejerman).toMatch(/\[CabVenta\]/);
    expect(bejerman).not.toMatch(/GVA\d\d/);
    const views = moneyFlowsQuery(ms, period, viewsProfile).toSQL().toNative().sql;
    expect(views).toMatch(/\[CADENCIA_CUOTAS\][\s\S]*\[CADENCIA_PAGOS\]/);
    expect(views).not.toMatch(/GVA\d\d/);
  });
});
