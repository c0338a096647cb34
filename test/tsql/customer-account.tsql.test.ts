/**
 * The web page of one customer on a T-SQL server: every read filtered to the
 * customer in SQL (codes space-padded as Tango and Bejerman store them) gives
 * exactly what the full read gives, for a spread of demo customers, Tango and
 * Bejerman, after one cycle and a recorded promise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../connector/addon/migrations';
import { recordContact } from '../../connector/addon/staff-input';
import { generateDemoErp } from '../../connector/demo-erp';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import type { IsoDate, OpenInstallment } from '../../rules/types';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { groupByCustomer, loadInputs, readAndPlan, readOptions } from '../../service/cycle/read-and-plan';
import { runCycle } from '../../service/cycle/run-cycle';
import { explainTier } from '../../service/cycle/tier-explanation';
import { loadCustomerAccount } from '../../service/web/customer-account';
import { DEMO_SEED, memoryLogger, morningOf } from '../e2e/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

const asOf: IsoDate = DEMO_START;
const dirs: string[] = [];
const dbs: TestDatabase[] = [];
const ctxs: CompanyContext[] = [];

afterAll(async () => {
  for (const c of ctxs) await closeCompany(c);
  for (const d of dbs) await d.drop();
  await closeAdmin();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function companyOn(erp: 'tango' | 'bejerman'): Promise<CompanyContext> {
  const dir = mkdtempSync(join(tmpdir(), `cadencia-tsql-account-${erp}-`));
  dirs.push(dir);
  const seedFile = join(dir, 'erp.sqlite');
  if (erp === 'tango') await generateDemoErp({ file: seedFile, seed: DEMO_SEED, asOf, customers: 80 });
  else await generateBejermanDemo({ file: seedFile, seed: DEMO_SEED, asOf, customers: 80 });
  const server = await createTestDatabase(`webacct_${erp}`);
  dbs.push(server);
  await copyDemoToSqlServer(seedFile, server.db, erp, server.name);
  const base = demoConfig(dir, erp);
  const config = { ...base, company: { ...base.company, id: server.name }, erp: { ...base.erp, connection: connectionTo(server.name) } };
  const ctx = await openCompany(config, memoryLogger().logger);
  ctxs.push(ctx);
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  return ctx;
}

describe.each(['tango', 'bejerman'] as const)('customer account on T-SQL (%s)', (erp) => {
  it('reads each customer alone exactly as the full read sees it', async () => {
    const ctx = await companyOn(erp);
    await runCycle(ctx, { asOf, now: () => morningOf(asOf) });
    const later: IsoDate = '2026-11-09';
    const inputs = await loadInputs(ctx, later);
    const all = [...inputs.customers.keys()].sort();
    const installments = new Map<string, OpenInstallment[]>();
    for await (const [code, group] of groupByCustomer(ctx.profile.openInstallments(ctx.db, readOptions(ctx, later), inputs.onIssue), inputs.onIssue)) {
      installments.set(code, group.filter((i) => i.pending > ctx.config.rules.amounts.tolerance));
    }
    // A spread of customers: some owe, some have money on account, one promised to pay.
    const owing = all.filter((c) => (installments.get(c) ?? []).length > 0);
    const onAccount = all.filter((c) => (inputs.unappliedOf.get(c)?.onAccount ?? 0) > 0);
    const codes = [...new Set([...owing.slice(0, 4), ...onAccount.slice(0, 2), ...all.filter((c) => !installments.has(c)).slice(0, 2)])];
    expect(owing.length).toBeGreaterThan(0);
    await recordContact(ctx.db, ctx.tables, {
      customerCode: owing[0]!, on: '2026-11-04', outcome: 'promesa', promiseDate: '2026-11-20', promiseAmount: 15_000, user: 'Prueba T-SQL',
    });
    const full = await readAndPlan(ctx, { asOf: later, explain: new Set(codes) });
    const fullInputs = await loadInputs(ctx, later);
    for (const code of codes) {
      const account = await loadCustomerAccount(ctx, code, later);
      expect(account, code).not.toBeNull();
      expect(account!.customer, code).toEqual(fullInputs.customers.get(code));
      expect(account!.installments, code).toEqual(installments.get(code) ?? []);
      expect(account!.behaviour, code).toEqual(fullInputs.behaviourOf.get(code) ?? null);
      const u = fullInputs.unappliedOf.get(code);
      expect(account!.unapplied, code).toEqual({ onAccount: u?.onAccount ?? 0, chequesInPortfolio: u?.chequesInPortfolio ?? 0 });
      const plan = full.customerPlans.get(code)!;
      expect(account!.tier, code).toEqual(explainTier(plan.tier, ctx.config.rules.tiers, later));
      expect(account!.today.suppressedBy, code).toBe(plan.alert?.suppressedBy ?? null);
    }
    const promiser = (await loadCustomerAccount(ctx, owing[0]!, later))!;
    expect(promiser.timeline[0]).toEqual({
      on: '2026-11-04', kind: 'promesa', text: 'Promesa de pago: $ 15.000,00 para el 20/11/2026', user: 'Prueba T-SQL',
    });
    expect(await loadCustomerAccount(ctx, 'NO-EXISTE', later)).toBeNull();
  }, 600_000);
});
