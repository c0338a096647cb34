/**
 * Every read of every profile filters on one customer when asked
 * (ReadOptions.customer, customers(…, customer)): for each demo customer the
 * filtered reads give exactly that customer's rows of the full reads. Tango
 * and Bejerman demos, and the example CADENCIA_* views over a Tango demo.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlCompiler, openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { bejermanProfile } from '../../connector/profiles/bejerman';
import type { ErpProfile, ReadOptions } from '../../connector/profiles/profile';
import { tangoProfile } from '../../connector/profiles/tango';
import { viewsProfile } from '../../connector/profiles/views';

const asOf = '2025-06-30';
const opts: ReadOptions = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };
const SQLITE_VIEWS = readFileSync(resolve(import.meta.dirname, '../../sql/vistas-tango-sqlite.sql'), 'utf8');

let dir: string;
const dbs: Knex[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-per-customer-'));
});
afterAll(async () => {
  for (const db of dbs) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of rows) out.push(x);
  return out;
}

async function demo(shape: 'tango' | 'bejerman' | 'vistas'): Promise<Knex> {
  const file = join(dir, `${shape}.sqlite`);
  if (shape === 'bejerman') await generateBejermanDemo({ file, seed: 7, asOf, customers: 50 });
  else await generateDemoErp({ file, seed: 7, asOf, customers: 50 });
  const db = openDatabase({ kind: 'sqlite', file });
  dbs.push(db);
  if (shape === 'vistas') {
    for (const statement of SQLITE_VIEWS.replace(/^--.*$/gm, '').split(';').map((s) => s.trim()).filter(Boolean)) {
      await db.raw(statement);
    }
  }
  return db;
}

describe.each([
  ['tango', tangoProfile], ['bejerman', bejermanProfile], ['vistas', viewsProfile],
] as const)('%s reads of one customer', (shape, profile: ErpProfile) => {
  it('give exactly that customer\'s rows of the full reads', async () => {
    const db = await demo(shape);
    const none = (): void => undefined;
    const customers = await collect(profile.customers(db, none));
    const installments = await collect(profile.openInstallments(db, opts, none));
    const behaviour = await collect(profile.paymentBehaviour(db, opts, none));
    const unapplied = await collect(profile.unappliedMoney(db, opts, none));
    expect(customers.length).toBeGreaterThan(20);
    expect(installments.length).toBeGreaterThan(20);
    expect(behaviour.length).toBeGreaterThan(10);
    expect(unapplied.length).toBeGreaterThan(0);
    for (const { code } of customers) {
      const one = { ...opts, customer: code };
      expect(await collect(profile.customers(db, none, code)), code).toEqual(customers.filter((c) => c.code === code));
      expect(await collect(profile.openInstallments(db, one, none)), code).toEqual(installments.filter((i) => i.customerCode === code));
      expect(await collect(profile.paymentBehaviour(db, one, none)), code).toEqual(behaviour.filter((b) => b.customerCode === code));
      expect(await collect(profile.unappliedMoney(db, one, none)), code).toEqual(unapplied.filter((u) => u.customerCode === code));
    }
    // A padded code reads the same customer; an unknown one reads nothing.
    const first = customers[0]!.code;
    expect(await collect(profile.customers(db, none, `${first}  `))).toEqual(customers.filter((c) => c.code === first));
    expect(await collect(profile.customers(db, none, 'NO-EXISTE'))).toEqual([]);
    expect(await collect(profile.openInstallments(db, { ...opts, customer: 'NO-EXISTE' }, none))).toEqual([]);
  }, 120_000);

  it('binds the code as a parameter in every T-SQL statement that reads customer rows', () => {
    const code = "00'1";
    const statements = profile.statements(mssqlCompiler(), { ...opts, customer: code });
    const full = profile.statements(mssqlCompiler(), opts);
    for (const [i, s] of statements.entries()) {
      expect(s.sql).not.toContain(code);
      if (s.name === 'vendedores') expect(s.sql).toBe(full[i]!.sql); // sellers stay whole
      else expect(s.bindings, s.name).toContain(code);
    }
  });
});
