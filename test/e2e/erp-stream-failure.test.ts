/**
 * Issue "service" 9, the ERP side: an ERP table the streamed reads need fails
 * in the middle of a cycle. The streamed read must fail the cycle (logged as
 * error) within seconds, never hang holding its connection nor go on with a
 * partial read (which could close tasks of customers who have not paid).
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_START, openDemoCompany, type Company } from './helpers';

let company: Company | null = null;
afterEach(() => {
  if (company) rmSync(company.dir, { recursive: true, force: true });
  company = null;
});

describe('an ERP table missing during the streamed reads', () => {
  it('the cycle fails within seconds and is logged as error', async () => {
    company = await openDemoCompany({ tag: 'erpstream' });
    const { db, tables } = company.ctx;
    await db.raw('ALTER TABLE GVA46 RENAME TO GVA46_X');
    const outcome = await Promise.race([
      company.cycle(DEMO_START).then(() => 'ok', (e: Error) => `error: ${e.message}`),
      new Promise<string>((resolve) => setTimeout(() => resolve('colgado'), 5000).unref()),
    ]);
    expect(outcome).toMatch(/^error: .*GVA46/);
    const [run] = (await db(tables.ejecucion).select('ESTADO')) as { ESTADO: string }[];
    expect(run?.ESTADO).toBe('error');
  }, 15_000);
});
