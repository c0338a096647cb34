/** `informe --formato csv`: Excel es-AR flavour by default (";", decimal comma, BOM), standard one on request. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells } from './csv-cells';
import { writeDailySnapshot } from '../../connector/addon/kpi-snapshot-write';
import { migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { tangoProfile } from '../../connector/profiles/tango';
import { addDays } from '../../rules/dates';
import { DEFAULT_RULES } from '../../rules/defaults';
import type { PeriodReport } from '../../rules/kpis/period-report';
import { collectDailySnapshot } from '../../service/reports/collect-snapshot';
import { buildPeriodReport } from '../../service/reports/load-report';
import type { ReportSource } from '../../service/reports/report-source';
import { reportCsv } from '../../service/reports/report-table';

const asOf = '2026-03-31';
const t = addonTables();
let dir: string;
let db: Knex;
let report: PeriodReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-csv-'));
  const file = join(dir, 'erp.sqlite');
  await generateDemoErp({ file, seed: 5, asOf, customers: 30 });
  db = openDatabase({ kind: 'sqlite', file });
  await migrate(db, t);
  const src: ReportSource = { db, profile: tangoProfile, tables: t, config: { company: { name: 'Demo SA' }, rules: DEFAULT_RULES } };
  await writeDailySnapshot(db, t, await collectDailySnapshot(src, asOf));
  report = (await buildPeriodReport(src, { from: addDays(asOf, -29), to: asOf }, 'total', { today: asOf })).report;
}, 60_000);
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('report CSV', () => {
  it('defaults to what Excel in es-AR opens: UTF-8 BOM, ";" separator, decimal comma', () => {
    const csv = reportCsv(report, new Map());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, company] = csv.slice(1).trimEnd().split('\n').map((l) => cells(l, ';')) as [string[], string[]];
    expect(header.slice(0, 3)).toEqual(['Grupo', 'Saldo total', 'A vencer']);
    expect(company[0]).toBe('Empresa');
    const total = report.total.aging.total;
    expect(total).toBeGreaterThan(1000);
    expect(company[header.indexOf('Saldo total')]).toBe(String(Math.round(total * 100) / 100).replace('.', ','));
    expect(company[header.indexOf('Total vencido')]).toBe(String(report.total.overdue).replace('.', ','));
    // A percentage keeps one decimal, with a comma; no cell carries a thousands separator.
    const share = report.total.overdueShare as number;
    expect(company[header.indexOf('% vencido')]).toBe(String(Math.round(share * 1000) / 10).replace('.', ','));
    for (const c of company.slice(1)) expect(c).toMatch(/^(-?\d+(,\d+)?)?$/);
  });

  it('the standard flavour keeps "," and "." and has no BOM', () => {
    const csv = reportCsv(report, new Map(), 'estandar');
    expect(csv.charCodeAt(0)).toBe('G'.charCodeAt(0));
    const [header, company] = csv.trimEnd().split('\n').map((l) => cells(l, ',')) as [string[], string[]];
    expect(header[1]).toBe('Saldo total');
    expect(Number(company[header.indexOf('Saldo total')])).toBeCloseTo(report.total.aging.total, 2);
    expect(company[header.indexOf('Total vencido')]).toBe(String(report.total.overdue));
  });
});
