/**
 * The receipts read that tells a kept payment promise from a broken one, on
 * a T-SQL server: each demo ERP copied there gives the same receipts, per
 * customer and day, as on SQLite, for a period bounded on both ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { ErpProfile } from '../../connector/profiles/profile';
import { tangoProfile } from '../../connector/profiles/tango';
import type { MoneyFlow } from '../../rules/kpis/types';
import { closeAdmin, createTestDatabase, type TestDatabase } from './harness';

const asOf = '2025-06-30';
const period = { from: '2025-05-01', to: asOf };

let dir: string;
const dbs: TestDatabase[] = [];
const lites: Knex[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-receipts-'));
});

afterAll(async () => {
  for (const l of lites) await l.destroy();
  for (const d of dbs) await d.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

const byKey = (a: MoneyFlow, b: MoneyFlow): number =>
  a.customerCode.localeCompare(b.customerCode) || a.on.localeCompare(b.on) || a.amount - b.amount;

async function both(shape: 'tango' | 'bejerman'): Promise<{ lite: Knex; server: Knex }> {
  const file = join(dir, `${shape}.sqlite`);
  if (shape === 'tango') await generateDemoErp({ file, seed: 9, asOf, customers: 60 });
  else await generateBejermanDemo({ file, seed: 9, asOf, customers: 60 });
  const db = await createTestDatabase(`rec_${shape}`);
  dbs.push(db);
  await copyDemoToSqlServer(file, db.db, shape, db.name);
  const lite = openDatabase({ kind: 'sqlite', file });
  lites.push(lite);
  return { lite, server: db.db };
}

describe.each([['tango', tangoProfile], ['bejerman', bejermanProfile]] as const)('%s receipts on T-SQL', (shape, profile: ErpProfile) => {
  it('reads the same receipts per customer and day as on SQLite, within the period', async () => {
    const { lite, server } = await both(shape);
    const onServer = (await readMoneyFlows(server, period, profile, 'cobro')).sort(byKey);
    const onLite = (await readMoneyFlows(lite, period, profile, 'cobro')).sort(byKey);
    expect(onServer.length).toBeGreaterThan(5);
    expect(onServer).toEqual(onLite);
    for (const r of onServer) {
      expect(r.kind).toBe('cobro');
      expect(r.on >= period.from && r.on <= period.to).toBe(true);
      expect(r.amount).toBeGreaterThan(0);
    }
  });
});
