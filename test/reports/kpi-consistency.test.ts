/**
 * KPI consistency on the demo, Tango and Bejerman: the figures people read in
 * the weekly email (text and HTML), in `cadencia informe` (the real CLI, CSV)
 * and in the aging view are the stored daily snapshot, and every rate stays
 * within 0–100 %.
 *
 * Story: the demo ERP as of Friday 16/10/2026; afterwards one customer pays
 * everything overdue on Tuesday 10/11 and nothing else moves. Cycles run on
 * Friday 16/10, Friday 06/11, Friday 13/11 and Monday 16/11. The Monday
 * cycle queues the weekly email for Monday 09/11 – Sunday 15/11: no cycle ran
 * on the Sunday, so it closes with Friday 13/11's snapshot; it opens with
 * Friday 06/11's (the day before the week, Sunday 08/11, had no cycle) and its
 * roll rates start from 16/10 (30 days before the Sunday).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cells } from './csv-cells';
import { readSnapshots } from '../../connector/addon/kpi-read';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp, payAllOverdue } from '../../connector/demo-erp';
import { generateBejermanDemo, payAllOverdueBejerman } from '../../connector/demo-erp-bejerman';
import { AGING_BUCKETS, AGING_BUCKET_LABELS, type AgingBucket } from '../../rules/aging';
import { formatMoney, formatNumber } from '../../rules/format';
import type { KpiSnapshotRow } from '../../rules/kpis/types';
import type { IsoDate } from '../../rules/types';
import { demoConfig } from '../../service/cli/commands-demo';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { runCli, writeIni } from '../e2e/cli-process';
import { erpFileOf, memoryLogger, morningOf, tempFolder } from '../e2e/helpers';
import { rmSync } from 'node:fs';

const GENERATED: IsoDate = '2026-10-16';
const CYCLES: IsoDate[] = ['2026-10-16', '2026-11-06', '2026-11-13', '2026-11-16'];
const WEEK = { from: '2026-11-09', to: '2026-11-15' };
const CLOSING: IsoDate = '2026-11-13';
const PAY_DAY: IsoDate = '2026-11-10';

type Row = Record<string, unknown>;

interface Story {
  dir: string;
  ctx: CompanyContext;
  ini: string;
  weekly: { text: string; html: string; subject: string };
  /** `informe --formato csv --por vendedor` for the week: header and rows, split on ";". */
  csv: { header: string[]; rows: string[][] };
  snapshot: (day: IsoDate) => Promise<KpiSnapshotRow[]>;
  /** The one payment of the story (10/11). */
  paid: { code: string; amount: number };
}

async function cli(args: string[]): Promise<string> {
  const child = runCli(args);
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`cadencia ${args.join(' ')} → ${code}\n${child.output()}`);
  return child.output();
}

async function tellStory(erp: 'tango' | 'bejerman'): Promise<Story> {
  const dir = tempFolder(`kpi-${erp}`);
  const config = demoConfig(dir, erp);
  const file = erpFileOf(config);
  if (erp === 'tango') await generateDemoErp({ file, seed: 42, asOf: GENERATED });
  else await generateBejermanDemo({ file, seed: 42, asOf: GENERATED });
  const ctx = await openCompany(config, memoryLogger().logger);
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  let paid: { code: string; amount: number } | null = null;
  for (const day of CYCLES) {
    if (day === '2026-11-13') {
      const alert = (await ctx.db(ctx.tables.alerta).where('SALDO_VENCIDO', '>', 0).orderBy('COD_CLIENT').first()) as Row;
      const code = String(alert.COD_CLIENT).trim();
      if (erp === 'tango') {
        const due = (await ctx.db('DEMO_VERDAD').where({ COD_CLIENT: code }).where('PENDIENTE', '>', 0.005)
          .where('FECHA_VTO', '<=', PAY_DAY).sum({ s: 'PENDIENTE' })) as { s: number }[];
        expect(await payAllOverdue(ctx.db, code, PAY_DAY)).not.toBeNull();
        paid = { code, amount: Math.round(Number(due[0]?.s) * 100) / 100 };
      } else {
        const receipt = await payAllOverdueBejerman(ctx.db, code, PAY_DAY);
        expect(receipt).not.toBeNull();
        paid = { code, amount: (receipt as { amount: number }).amount };
      }
    }
    await runCycle(ctx, { asOf: day, now: () => morningOf(day) });
  }

  const mails = (await ctx.db(ctx.tables.correo).where('TIPO', 'semanal').select()) as Row[];
  expect(mails.map((m) => String(m.FECHA).slice(0, 10))).toEqual([WEEK.to]);
  const mail = mails[0] as Row;

  const ini = join(dir, 'cadencia.ini');
  writeIni(ini, { erpFile: file, mailFolder: join(dir, 'correo'), logFolder: join(dir, 'registros') }, { perfil: erp });
  const out = await cli(['informe', '--config', ini, '--desde', WEEK.from, '--hasta', WEEK.to, '--por', 'vendedor', '--formato', 'csv']);
  expect(out.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = out.slice(1).trimEnd().split('\n').map((l) => cells(l, ';')) as [string[], ...string[][]];
  return {
    dir,
    ctx,
    ini,
    weekly: { text: String(mail.CUERPO_TEXTO), html: String(mail.CUERPO_HTML), subject: String(mail.ASUNTO) },
    csv: { header, rows },
    snapshot: (day) => readSnapshots(ctx.db, ctx.tables, { from: day, to: day }),
    paid: paid as unknown as { code: string; amount: number },
  };
}

/** The value of a CSV cell as a number (decimal comma), null when empty. */
function csvNumber(s: Story, row: string[], title: string): number | null {
  const i = s.csv.header.indexOf(title);
  expect(i, `columna ${title}`).toBeGreaterThan(-1);
  const v = row[i] ?? '';
  return v === '' ? null : Number(v.replace(',', '.'));
}

/** A line "  <label>: <value>" of the weekly mail's text. */
function textValue(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`  ${label}: `));
  expect(line, `línea «${label}» del correo`).toBeDefined();
  return (line as string).slice(label.length + 4);
}

const pctText = (v: number | null): string => (v === null ? '—' : `${formatNumber(v, 1)} %`);

const BUCKET_COLUMN: Record<AgingBucket, string> = {
  corriente: AGING_BUCKET_LABELS.corriente,
  '1-30': `Vencido ${AGING_BUCKET_LABELS['1-30']}`,
  '31-60': `Vencido ${AGING_BUCKET_LABELS['31-60']}`,
  '61-90': `Vencido ${AGING_BUCKET_LABELS['61-90']}`,
  'mas-90': `Vencido ${AGING_BUCKET_LABELS['mas-90'].toLowerCase()}`,
};

for (const erp of ['tango', 'bejerman'] as const) {
  describe(`KPI consistency on the ${erp} demo`, () => {
    let s: Story;
    beforeAll(async () => { s = await tellStory(erp); }, 240_000);
    afterAll(async () => {
      if (!s) return;
      await closeCompany(s.ctx);
      rmSync(s.dir, { recursive: true, force: true });
    });

    it('the weekly email for a week ending on Sunday shows the last snapshot before it (Friday), not zeros', async () => {
      const closing = (await s.snapshot(CLOSING)).find((r) => r.dimension === 'total') as KpiSnapshotRow;
      expect(closing.aging.total).toBeGreaterThan(100_000);
      expect(await s.snapshot(WEEK.to)).toEqual([]); // no cycle on the Sunday
      const t = s.weekly.text;
      expect(s.weekly.subject).toContain('del 09/11/2026 al 15/11/2026');
      expect(textValue(t, 'Saldo a cobrar')).toBe(formatMoney(closing.aging.total));
      expect(textValue(t, 'Vencido')).toMatch(new RegExp(`^${escape(formatMoney(closing.overdue))}`));
      for (const b of AGING_BUCKETS) {
        const share = closing.aging.total > 0 ? closing.aging[b] / closing.aging.total : 0;
        expect(textValue(t, AGING_BUCKET_LABELS[b])).toBe(`${formatMoney(closing.aging[b])} (${formatNumber(share * 100, 1)} %)`);
        expect(s.weekly.html).toContain(formatMoney(closing.aging[b]));
      }
      expect(t).toContain('Nota: Saldos y antigüedad de la última foto diaria anterior al cierre, la del 13/11/2026');
      // CEI opens with Friday 06/11 (Sunday 08/11 had no cycle): a figure, not «—».
      expect(textValue(t, 'CEI (efectividad de cobranza)')).toMatch(/^\d{1,3},\d %$/);
      // The week's only receipt, and no invoice.
      expect(s.paid.amount).toBeGreaterThan(0);
      expect(textValue(t, 'Cobrado')).toBe(formatMoney(s.paid.amount));
      expect(textValue(t, 'Ventas a crédito')).toBe('$ 0,00');
      expect(t).toContain('GLOSARIO');
      expect(t).toContain('Pase entre tramos: Parte del saldo de un tramo hace 30 días');
    });

    it('V_ANTIGUEDAD ages each installment on its own, and its sums equal the snapshot of the last cycle', async () => {
      const last = CYCLES[CYCLES.length - 1] as IsoDate;
      const { db, tables } = s.ctx;
      const rows = (await db(tables.vAntiguedad).select()) as Row[];
      expect(rows.length).toBeGreaterThan(20);
      const sum = (col: string): number => Math.round(rows.reduce((acc, r) => acc + Number(r[col]), 0) * 100) / 100;
      const kpi = (await db(`${tables.prefix}V_KPI_DIARIO`).where('FECHA', last).first()) as Row;
      const closing = (await s.snapshot(last)).find((r) => r.dimension === 'total') as KpiSnapshotRow;
      const columns: [string, AgingBucket, string][] = [
        ['A_VENCER', 'corriente', 'SALDO_A_VENCER'], ['VENCIDO_1_30', '1-30', 'SALDO_1_30'], ['VENCIDO_31_60', '31-60', 'SALDO_31_60'],
        ['VENCIDO_61_90', '61-90', 'SALDO_61_90'], ['VENCIDO_MAS_90', 'mas-90', 'SALDO_MAS_90'],
      ];
      for (const [view, bucket, kpiCol] of columns) {
        expect(formatMoney(sum(view)), view).toBe(formatMoney(closing.aging[bucket]));
        expect(formatMoney(Number(kpi[kpiCol])), kpiCol).toBe(formatMoney(closing.aging[bucket]));
      }
      expect(formatMoney(sum('SALDO_VENCIDO'))).toBe(formatMoney(closing.overdue));
      expect(formatMoney(sum('SALDO_PENDIENTE'))).toBe(formatMoney(closing.aging.total));
      expect(rows.length).toBe(closing.customers);
      expect(new Set(rows.map((r) => String(r.FECHA).slice(0, 10)))).toEqual(new Set([last]));
      // Customers with overdue installments of different ages are split across buckets.
      const overdueBuckets = (r: Row): number => columns.slice(1).filter(([c]) => Number(r[c]) > 0).length;
      expect(rows.filter((r) => overdueBuckets(r) >= 2).length).toBeGreaterThan(0);
      // The paying customer owes nothing that was due by the payment (10/11): at most 6 days overdue on 16/11.
      const payer = rows.find((r) => String(r.COD_CLIENT).trim() === s.paid.code);
      if (payer) {
        expect(Number(payer.DIAS_ATRASO)).toBeLessThanOrEqual(6);
        expect(Number(payer.VENCIDO_31_60) + Number(payer.VENCIDO_61_90) + Number(payer.VENCIDO_MAS_90)).toBe(0);
      }
    });

    it('informe for the same dates prints the same figures as the weekly email', () => {
      const [company, ...sellers] = s.csv.rows as [string[], ...string[][]];
      expect(company[0]).toBe('Empresa');
      const t = s.weekly.text;
      expect(textValue(t, 'Saldo a cobrar')).toBe(formatMoney(csvNumber(s, company, 'Saldo total') as number));
      expect(textValue(t, 'Vencido')).toMatch(new RegExp(`^${escape(formatMoney(csvNumber(s, company, 'Total vencido') as number))}`));
      for (const b of AGING_BUCKETS) {
        expect(textValue(t, AGING_BUCKET_LABELS[b])).toMatch(new RegExp(`^${escape(formatMoney(csvNumber(s, company, BUCKET_COLUMN[b]) as number))} `));
      }
      expect(textValue(t, 'CEI (efectividad de cobranza)')).toBe(pctText(csvNumber(s, company, 'CEI %')));
      expect(textValue(t, 'Ventas a crédito')).toBe(formatMoney(csvNumber(s, company, 'Ventas a crédito') as number));
      expect(textValue(t, 'Cobrado')).toBe(formatMoney(csvNumber(s, company, 'Cobrado') as number));
      expect(textValue(t, 'Tasa de contacto')).toBe(pctText(csvNumber(s, company, 'Tasa de contacto %')));
      expect(textValue(t, 'Promesas cumplidas')).toBe(pctText(csvNumber(s, company, 'Promesas cumplidas %')));
      // One line per seller, with the same overdue amount and share as informe's row.
      expect(sellers.length).toBeGreaterThan(1);
      for (const row of sellers) {
        const vencido = formatMoney(csvNumber(s, row, 'Total vencido') as number);
        const share = pctText(csvNumber(s, row, '% vencido'));
        expect(t).toContain(`  ${row[0]}: vencido ${vencido} (${share})`);
      }
      // Roll rates: the email's "Pase entre tramos" equal informe's columns.
      const rolls = [
        ['1 a 30 días', '31 a 60 días', 'Pase 1-30 a 31-60 %'],
        ['31 a 60 días', '61 a 90 días', 'Pase 31-60 a 61-90 %'],
        ['61 a 90 días', 'Más de 90 días', 'Pase 61-90 a más de 90 %'],
      ] as const;
      for (const [from, to, col] of rolls) {
        const v = csvNumber(s, company, col);
        expect(v, col).not.toBeNull();
        expect(s.weekly.html).toContain(`${from} → ${to}: <strong>${pctText(v)}</strong>`);
      }
    });

    it('every rate in informe and in the weekly email is within 0–100 %', () => {
      const pctCols = s.csv.header.filter((h) => h.endsWith('%'));
      expect(pctCols.length).toBeGreaterThanOrEqual(10);
      let seen = 0;
      for (const row of s.csv.rows) {
        for (const col of pctCols) {
          const v = csvNumber(s, row, col);
          if (v === null) continue;
          seen += 1;
          expect(v, `${row[0]} · ${col}`).toBeGreaterThanOrEqual(0);
          expect(v, `${row[0]} · ${col}`).toBeLessThanOrEqual(100);
        }
      }
      expect(seen).toBeGreaterThan(20);
      const inMail = [...s.weekly.text.matchAll(/(-?[\d.]+,\d) %/g), ...s.weekly.html.matchAll(/(-?[\d.]+,\d) %/g)]
        .map((m) => Number((m[1] as string).replace(/\./g, '').replace(',', '.')));
      expect(inMail.length).toBeGreaterThan(10);
      for (const v of inMail) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
      }
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
