/**
 * Issue 15, "Must show": the bad-input catalogue (impossible and far-future
 * dates, NULL amounts, duplicated installments, headers and customers, bad
 * staff rows) planted in a copy of the demo ERP. The cycle completes, reports
 * each bad row by kind (summary, COB_EJECUCION, log), keeps the real data
 * (exact duplicate headers count once in payment behaviour and money on
 * account too), and a second cycle writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { loadInputs, readAndPlan } from '../../service/cycle/read-and-plan';
import { chooseTargets, DUPLICATE_NAME, expectDuplicateHeadersCountOnce, plantBadErpRows, plantBadStaffRows, saysSi, type Planted } from './bad-input-catalogue';
import { count, DEMO_START, dumpAddon, openDemoCompany, overdueTruth, type Company } from './helpers';

let company: Company | null = null;
afterEach(async () => {
  await company?.close();
  company = null;
});

type Row = Record<string, unknown>;

describe('the bad-input catalogue against a copy of the demo ERP', () => {
  it('the cycle completes, names every bad row by kind, keeps the real rows and writes nothing twice', async () => {
    company = await openDemoCompany({ tag: 'catalogue' });
    const { ctx } = company;
    const targets = await chooseTargets(ctx.db, DEMO_START);
    const clean = await loadInputs(ctx, DEMO_START);
    const planted: Planted[] = [
      ...(await plantBadErpRows(ctx.db, targets)),
      ...(await plantBadStaffRows(ctx.db, ctx.tables, targets, DEMO_START)),
    ];
    expect(planted.length).toBe(17);

    const first = await company.cycle(DEMO_START);
    expect(first.counts.tasksCreated).toBeGreaterThan(0);
    for (const p of planted) {
      const hit = first.issues.sample.find((i) => i.table === p.table && i.key.includes(p.key) && i.problem.includes(p.problem));
      expect(hit, `${p.kind}: ${p.table} ${p.key} ${p.problem}\n${JSON.stringify(first.issues.sample, null, 1)}`).toBeDefined();
    }
    // Nothing else than what was planted (the header duplicated may repeat several installments of one voucher).
    expect(first.issues.count).toBeGreaterThanOrEqual(planted.length);
    expect(first.issues.sample.every((i) => planted.some((p) => i.key.includes(p.key)))).toBe(true);

    // COB_EJECUCION counts them and DETALLE names them; each is a WARN line in the log.
    const [run] = (await ctx.db(ctx.tables.ejecucion).select()) as Row[];
    expect(run).toMatchObject({ ESTADO: 'ok', FILAS_OMITIDAS: first.issues.count });
    const detail = String(run!.DETALLE);
    expect(detail).toContain(`Filas omitidas por datos inválidos (ERP y personal): ${first.issues.count}.`);
    expect(detail).toContain('1 × Cuota sin importe: se omite.');
    for (const p of planted) expect(detail).toContain(`${p.table} `);
    const [far, , noAmount, dupInstallment, , dupCustomer] = targets.installments;
    expect(detail).toContain(`GVA46 FAC ${far!.number} vto 9999-12-31`);
    const warnings = company.lines.filter((l) => l.includes('WARN Fila omitida:'));
    expect(warnings).toHaveLength(first.issues.count);
    expect(warnings.some((l) => l.includes(`COB_CONTACTO contacto n.º`) && l.includes(`Una promesa de pago necesita un importe mayor que cero`))).toBe(true);

    await expectDuplicateHeadersCountOnce(ctx, targets, clean, DEMO_START);

    // The skipped installments are not chased; the duplicated one is counted once (alert = ground truth).
    const truth = await overdueTruth(ctx, DEMO_START);
    const alertOf = async (code: string): Promise<number> =>
      Number(((await ctx.db(ctx.tables.alerta).where({ COD_CLIENT: code }).first('SALDO_VENCIDO')) as Row | undefined)?.SALDO_VENCIDO ?? 0);
    expect(await alertOf(dupInstallment!.customer)).toBe(truth.get(dupInstallment!.customer));
    expect(await alertOf(noAmount!.customer)).toBeCloseTo((truth.get(noAmount!.customer) ?? 0) - noAmount!.pending, 2);
    // The real customer row wins over its copy, in what the cycle plans and writes.
    const plan = await readAndPlan(ctx, { asOf: DEMO_START, explain: new Set([dupCustomer!.customer]) });
    expect(plan.customers.get(dupCustomer!.customer)?.name).not.toBe(DUPLICATE_NAME);
    expect(await count(ctx, ctx.tables.tarea, { RESPONSABLE: DUPLICATE_NAME })).toBe(0);
    // 'si' in NO_CONTACTAR is honoured; the −5 promise holds nothing.
    expect(plan.plan.suppressed.find((s) => s.customerCode === saysSi(targets))?.reason).toBe('no_contactar');
    expect(plan.contactsOf.get(targets.customers[1]!)).toBeUndefined();

    // A second cycle on the same data writes nothing; the next days' cycles still complete.
    const before = await dumpAddon(ctx);
    const again = await company.cycle(DEMO_START);
    expect(again.counts).toMatchObject({ tasksCreated: 0, tasksClosed: 0, alertsUpserted: 0, alertsDeleted: 0, tierChanges: 0, mailsQueued: 0 });
    expect(again.issues.count).toBe(first.issues.count);
    expect(await dumpAddon(ctx)).toEqual(before);
    const later = await company.cycle(addDays(DEMO_START, 7));
    expect(later.issues.count).toBeGreaterThanOrEqual(planted.length - 1);
  });
});
