/** `cadencia informe`: collection KPIs for a period, as a table, CSV, JSON or an HTML file. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addDays } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import type { KpiDimension } from '../../rules/kpis/types';
import { todayIn } from '../clock';
import { htmlReport } from '../reports/html-report';
import { buildPeriodReport } from '../reports/load-report';
import { periodLabel, reportCsv, reportJson, reportTransposed } from '../reports/report-table';
import { dateOption, printTable, UsageError, withCompany, type GlobalOptions } from './common';

export interface ReportOptions extends GlobalOptions {
  desde?: string;
  hasta?: string;
  por?: string;
  formato?: string;
  archivo?: string;
  /** CSV with "," and "." and no BOM instead of the Excel es-AR flavour. */
  csvEstandar?: boolean;
}

const FORMATS = ['tabla', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** Default period: the 30 days ending today. */
export const DEFAULT_DAYS = 30;

function dimensionOption(value: string | undefined): KpiDimension {
  if (value === undefined) return 'total';
  if (value === 'vendedor' || value === 'nivel') return value;
  throw new UsageError(`--por: se esperaba «vendedor» o «nivel», se recibió «${value}».`);
}

function formatOption(value: string | undefined): Format {
  const f = value ?? 'tabla';
  if ((FORMATS as readonly string[]).includes(f)) return f as Format;
  throw new UsageError(`--formato: se esperaba tabla, csv, json o html, se recibió «${f}».`);
}

export async function reportCommand(opts: ReportOptions): Promise<void> {
  const by = dimensionOption(opts.por);
  const format = formatOption(opts.formato);
  if (opts.csvEstandar && format !== 'csv') throw new UsageError('--csv-estandar solo se usa con --formato csv.');
  await withCompany(opts, async (ctx) => {
    const today = todayIn(ctx.config.calendar.timeZone);
    const to = dateOption(opts.hasta, ctx.config, '--hasta');
    const from = opts.desde === undefined ? addDays(to, -(DEFAULT_DAYS - 1)) : dateOption(opts.desde, ctx.config, '--desde');
    if (from > to) throw new UsageError('--desde no puede ser posterior a --hasta.');
    const { report, loaded } = await buildPeriodReport(ctx, { from, to }, by, { today });
    const names = loaded.classification.sellerNames;
    let output: string;
    if (format === 'csv') output = reportCsv(report, names, opts.csvEstandar ? 'estandar' : 'excel');
    else if (format === 'json') output = `${JSON.stringify(reportJson(report, names), null, 2)}\n`;
    else if (format === 'html') {
      output = await htmlReport(report, { company: ctx.config.company.name, sellerNames: names, templatesFolder: ctx.config.mail.templatesFolder ?? undefined });
    } else {
      console.log(`Indicadores de cobranza — ${ctx.config.company.name} — del ${periodLabel(report)}`);
      if (!loaded.data.closing.length) console.log('  No hay foto diaria guardada para la fecha de cierre: los saldos figuran en cero.');
      else if (loaded.closingLive) console.log('  Saldos de hoy calculados en este momento desde el ERP.');
      else if (report.closingDate !== null && report.closingDate < report.period.to) {
        console.log(`  Saldos de la última foto diaria anterior al cierre, la del ${formatDate(report.closingDate)}.`);
      }
      const t = reportTransposed(report, names);
      printTable(t.header, t.rows);
      console.log(`  Clientes por nivel: A ${report.tiers.A} · B ${report.tiers.B} · C ${report.tiers.C}. ` +
        `Cambios de nivel en el período: ${report.migrations.upgrades} mejoras, ${report.migrations.downgrades} empeoramientos.`);
      if (!report.openingAvailable) console.log('  CEI sin datos: falta la foto diaria del día anterior al período.');
      return;
    }
    // HTML is for a browser, not for the console: without --archivo it goes to informe-<hasta>.html here.
    const target = opts.archivo ?? (format === 'html' ? `informe-${to}.html` : undefined);
    if (target) {
      const file = resolve(target);
      writeFileSync(file, output, 'utf8');
      console.log(`Informe escrito en ${file}.`);
    } else {
      process.stdout.write(output);
    }
  });
}
