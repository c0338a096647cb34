import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../connector/connection';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { readSnapshots } from '../../connector/addon/kpi-read';
import { writeDailySnapshot } from '../../connector/addon/kpi-snapshot-write';
import { migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { generateDemoErp } from '../../connector/demo-erp';
import { tangoProfile } from '../../connector/profiles/tango';
import { AGING_BUCKETS } from '../../rules/aging';
import { addDays } from '../../rules/dates';
import { DEFAULT_RULES } from '../../rules/defaults';
import { roundCents } from '../../rules/format';
import { collectDailySnapshot } from '../../service/reports/collect-snapshot';
import { htmlReport } from '../../service/reports/html-report';
import { buildPeriodReport } from '../../service/reports/load-report';
import type { ReportSource } from '../../service/reports/report-source';
import { reportCsv, reportJson } from '../../service/reports/report-table';
import { buildWeeklyReportMail } from '../../service/reports/weekly-mail';
import { inlineDataImages, messageOptions } from '../../service/mail/transport';

const asOf = '2026-03-31';
let dir: string;
let db: Knex;
let src: ReportSource;
const t = addonTables();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-kpi-demo-'));
  const file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 11, asOf, customers: 80 });
  db = openDatabase({ kind: 'sqlite', file });
  await migrate(db, t);
  src = { db, profile: tangoProfile, tables: t, config: { company: { name: 'Demo Distribuidora SA' }, rules: DEFAULT_RULES } };
  // Snapshots at the period's opening (day before), 30 days back (roll start) and a few days of trend.
  for (const day of [addDays(asOf, -30), addDays(asOf, -7), addDays(asOf, -3), addDays(asOf, -1), asOf]) {
    const s = await collectDailySnapshot(src, day);
    await writeDailySnapshot(db, t, s);
  }
  // A few promises recorded by staff on overdue customers.
  const overdue = (await readSnapshots(db, t, { from: asOf, to: asOf })).length > 0;
  expect(overdue).toBe(true);
  const codes = (await db('GVA14').select('COD_CLIENT').limit(6)).map((r: { COD_CLIENT: string }) => r.COD_CLIENT.trim());
  await db(t.contacto).insert(codes.map((code, i) => ({
    COD_CLIENT: code, FECHA: addDays(asOf, -20 + i), RESULTADO: i % 3 === 2 ? 'contactado' : 'promesa',
    FECHA_PROMESA: i % 3 === 2 ? null : addDays(asOf, -15 + i), IMPORTE_PROMESA: i % 3 === 2 ? null : 1000 * (i + 1),
    REGISTRADO: new Date('2026-03-15T12:00:00Z'),
  })));
}, 60_000);
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('KPIs on the Tango demo database', () => {
  it('daily snapshot: buckets add up to the total, and match the open installments read by the profile', async () => {
    const rows = await readSnapshots(db, t, { from: asOf, to: asOf });
    const total = rows.find((r) => r.dimension === 'total');
    expect(total).toBeDefined();
    if (!total) return;
    const sum = roundCents(AGING_BUCKETS.reduce((s, b) => s + total.aging[b], 0));
    expect(sum).toBeCloseTo(total.aging.total, 2);
    expect(total.overdue).toBeCloseTo(total.aging.total - total.aging.corriente, 2);
    let pending = 0;
    let overdue = 0;
    const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: DEFAULT_RULES.amounts.tolerance };
    for await (const i of tangoProfile.openInstallments(db, opts, () => undefined)) {
      pending += i.pending;
      if (i.dueOn < asOf) overdue += i.pending;
    }
    expect(total.aging.total).toBeCloseTo(pending, 1);
    expect(total.overdue).toBeCloseTo(overdue, 1);
    expect(total.overdue).toBeGreaterThan(0);
    // Sellers and tiers each split the same total.
    for (const dim of ['vendedor', 'nivel'] as const) {
      const parts = rows.filter((r) => r.dimension === dim).reduce((s, r) => s + r.aging.total, 0);
      expect(parts).toBeCloseTo(total.aging.total, 1);
    }
    // Month-to-date sales and receipts equal the ERP flows of March.
    const flows = await readMoneyFlows(db, { from: '2026-03-01', to: asOf }, tangoProfile);
    expect(total.invoicedMonth).toBeCloseTo(flows.filter((f) => f.kind === 'venta').reduce((s, f) => s + f.amount, 0), 1);
    expect(total.collectedMonth).toBeCloseTo(flows.filter((f) => f.kind === 'cobro').reduce((s, f) => s + f.amount, 0), 1);
  });

  it('period report: sane, consistent figures per seller', async () => {
    const period = { from: addDays(asOf, -29), to: asOf };
    const { report } = await buildPeriodReport(src, period, 'vendedor', { today: asOf });
    const k = report.total;
    expect(k.dso.days).toBeGreaterThanOrEqual(0);
    expect(k.promiseKept.numerator).toBeLessThanOrEqual(k.promiseKept.denominator);
    expect(k.promiseKept.denominator).toBeGreaterThan(0);
    expect(k.promiseRate.numerator).toBeLessThanOrEqual(k.promiseRate.denominator);
    expect(report.openingAvailable).toBe(true);
    expect(k.cei).not.toBeNull();
    expect(k.roll).not.toBeNull();
    const overdueBySeller = report.groups.reduce((s, g) => s + g.overdue, 0);
    expect(overdueBySeller).toBeCloseTo(k.overdue, 1);
    for (const g of report.groups) {
      expect(g.dso.days).toBeGreaterThanOrEqual(0);
      expect(g.promiseKept.numerator).toBeLessThanOrEqual(g.promiseKept.denominator);
    }
    const csv = reportCsv(report, new Map()).trim().split('\n');
    expect(csv).toHaveLength(1 + 1 + report.groups.length);
    expect(csv[0]).toContain('Saldo total');
    const json = reportJson(report, new Map()) as { grupos: Record<string, unknown>[] };
    expect(json.grupos[0]?.['Total vencido']).toBe(roundCents(k.overdue));
  });

  it('weekly mail: PNG charts inline, sent as CID attachments', async () => {
    const mail = await buildWeeklyReportMail(
      { ...src, supervisor: { name: 'Laura Supervisora', email: 'Laura@Empresa-Demo.com.ar' }, from: 'cobranzas@empresa-demo.com.ar' },
      asOf,
    );
    expect(mail.kind).toBe('semanal');
    expect(mail.key).toBe('laura@empresa-demo.com.ar|2026-03-31|semanal');
    expect(mail.subject).toBe('Informe semanal de cobranzas del 25/03/2026 al 31/03/2026 — Demo Distribuidora SA');
    const pngs = mail.html.match(/src="data:image\/png;base64,/g) ?? [];
    expect(pngs.length).toBe(3);
    expect(mail.text).toContain('INDICADORES');
    expect(mail.text).not.toContain('data:image');

    const inline = inlineDataImages(mail.html);
    expect(inline.attachments).toHaveLength(3);
    expect(inline.html).not.toContain('data:image');
    const options = messageOptions(mail, { from: { name: 'Cobranzas', email: 'cobranzas@empresa-demo.com.ar' } });
    const built = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(options);
    const parsed = await simpleParser(built.message as Buffer, { keepCidLinks: true });
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(['image/png', 'image/png', 'image/png']);
    const first = parsed.attachments[0];
    expect(first?.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(String(parsed.html)).toContain(`cid:${first?.cid}`);
  });

  it('HTML report file: self-contained', async () => {
    const { report } = await buildPeriodReport(src, { from: addDays(asOf, -29), to: asOf }, 'nivel', { today: asOf });
    const html = await htmlReport(report, { company: 'Demo Distribuidora SA', sellerNames: new Map() });
    expect(html).toContain('Informe de cobranzas');
    expect(html).toContain('Vencido por nivel de riesgo');
    expect(html).not.toMatch(/src="(https?:|cid:)/);
  });
});
