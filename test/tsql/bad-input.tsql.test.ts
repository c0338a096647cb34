/**
 * Issue 15's bad-input catalogue, SQL-side items, on the T-SQL server: the
 * demo ERP copied with its real column types (copyDemoToSqlServer), then
 * broken with UPDATE/INSERT (9999-12-31 due date, NULL amount, duplicated
 * installment, header and customer) plus bad staff rows in COB_CONTACTO and
 * COB_CLIENTE. The cycle completes, reports each row by kind, exact duplicate
 * headers count once in payment behaviour and money on account, and a second
 * cycle writes nothing. (Impossible calendar dates and 'si' in a bit column
 * cannot be stored there: the SQLite suite covers them.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { loadInputs, readAndPlan } from '../../service/cycle/read-and-plan';
import { chooseTargets, DUPLICATE_NAME, expectDuplicateHeadersCountOnce, plantBadErpRows, plantBadStaffRows, type Planted } from '../e2e/bad-input-catalogue';
import { memoryLogger, morningOf } from '../e2e/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

type Row = Record<string, unknown>;

let dir: string;
let target: TestDatabase;
let ctx: CompanyContext;
let lines: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-bad-'));
  const file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 42, asOf: DEMO_START });
  target = await createTestDatabase('bad_input');
  await copyDemoToSqlServer(file, target.db, 'tango', target.name);
  const base = demoConfig(dir);
  const memory = memoryLogger();
  lines = memory.lines;
  // The company id names the application lock: the stand-in scopes sp_getapplock to the server, not the
  // database, so suites running at the same time must not share it.
  const company = { ...base.company, id: target.name.replace(/_/g, '-') };
  ctx = await openCompany({ ...base, company, erp: { ...base.erp, connection: connectionTo(target.name) } }, memory.logger);
  await migrate(ctx.db, ctx.tables);
}, 300_000);

afterAll(async () => {
  if (ctx) await closeCompany(ctx);
  await target?.drop();
  await closeAdmin();
  rmSync(dir, { recursive: true, force: true });
});

/** Every add-on table but the cycle log, rows ordered by their first column, as JSON. */
async function dump(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const t = ctx.tables;
  const keyed: [string, string][] = [
    [t.cliente, 'COD_CLIENT'], [t.alerta, 'COD_CLIENT'], [t.tarea, 'ID'], [t.contacto, 'ID'], [t.nivelHist, 'ID'], [t.correo, 'ID'],
  ];
  for (const [table, key] of keyed) out[table] = JSON.stringify(await ctx.db(table).select().orderBy(key));
  return out;
}

describe('the bad-input catalogue on the T-SQL server', () => {
  it('the cycle completes, names every bad row by kind and writes nothing twice', async () => {
    const targets = await chooseTargets(ctx.db, DEMO_START);
    const clean = await loadInputs(ctx, DEMO_START);
    const planted: Planted[] = [
      ...(await plantBadErpRows(ctx.db, targets)),
      ...(await plantBadStaffRows(ctx.db, ctx.tables, targets, DEMO_START)),
    ];
    expect(planted.map((p) => p.kind)).toHaveLength(14);

    const first = await runCycle(ctx, { asOf: DEMO_START, now: () => morningOf(DEMO_START) });
    expect(first.counts.tasksCreated).toBeGreaterThan(0);
    for (const p of planted) {
      const hit = first.issues.sample.find((i) => i.table === p.table && i.key.includes(p.key) && i.problem.includes(p.problem));
      expect(hit, `${p.kind}: ${p.table} ${p.key} ${p.problem}\n${JSON.stringify(first.issues.sample, null, 1)}`).toBeDefined();
    }
    expect(first.issues.sample.every((i) => planted.some((p) => i.key.includes(p.key)))).toBe(true);
    const [run] = (await ctx.db(ctx.tables.ejecucion).select()) as Row[];
    expect(run).toMatchObject({ ESTADO: 'ok', FILAS_OMITIDAS: first.issues.count });
    const [far, , , , , dupCustomer] = targets.installments;
    expect(String(run!.DETALLE)).toContain(`GVA46 FAC ${far!.number} vto 9999-12-31`);
    expect(lines.filter((l) => l.includes('WARN Fila omitida:'))).toHaveLength(first.issues.count);

    await expectDuplicateHeadersCountOnce(ctx, targets, clean, DEMO_START);

    const plan = await readAndPlan(ctx, { asOf: DEMO_START });
    expect(plan.customers.get(dupCustomer!.customer)?.name).not.toBe(DUPLICATE_NAME);
    expect(plan.contactsOf.get(targets.customers[1]!)).toBeUndefined(); // the −5 promise holds nothing

    const before = await dump();
    const again = await runCycle(ctx, { asOf: DEMO_START, now: () => morningOf(DEMO_START) });
    expect(again.counts).toMatchObject({ tasksCreated: 0, tasksClosed: 0, alertsUpserted: 0, alertsDeleted: 0, tierChanges: 0, mailsQueued: 0 });
    expect(again.issues.count).toBe(first.issues.count);
    expect(await dump()).toEqual(before);
  }, 300_000);
});
