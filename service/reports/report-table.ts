/**
 * The period report as a table: one column per indicator, one row per group
 * (the company first). The CLI prints it transposed in 'tabla' (indicators
 * down, groups across, es-AR numbers) and as is in 'csv' and 'json' (plain
 * numbers without thousands separators, percentages as 0–100). The CSV is by
 * default what Excel in es-AR opens cleanly (";" separator, decimal comma,
 * UTF-8 BOM); the 'estandar' flavour keeps "," and "." without BOM.
 */
import { AGING_BUCKET_LABELS } from '../../rules/aging';
import { formatMoney, formatNumber, formatDate } from '../../rules/format';
import type { GroupKpis, PeriodReport } from '../../rules/kpis/period-report';
import type { KpiGroup, Ratio } from '../../rules/kpis/types';

export type CellKind = 'texto' | 'dinero' | 'porcentaje' | 'dias' | 'entero';

export interface Column {
  title: string;
  kind: CellKind;
  get(g: GroupKpis): number | string | null;
}

const pct = (r: Ratio): number | null => (r.rate === null ? null : r.rate * 100);
const round = (n: number | null, d: number): number | null => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);

export function groupLabel(g: KpiGroup, sellerNames: ReadonlyMap<string, string>): string {
  if (g.dimension === 'total') return 'Empresa';
  if (g.dimension === 'nivel') return g.value === '-' ? 'Sin nivel' : `Nivel ${g.value}`;
  if (g.value === '-') return 'Sin vendedor';
  const name = sellerNames.get(g.value);
  return name ? `${g.value} ${name}` : g.value;
}

export function reportColumns(sellerNames: ReadonlyMap<string, string>): Column[] {
  return [
    { title: 'Grupo', kind: 'texto', get: (g) => groupLabel(g.group, sellerNames) },
    { title: 'Saldo total', kind: 'dinero', get: (g) => g.aging.total },
    { title: AGING_BUCKET_LABELS.corriente, kind: 'dinero', get: (g) => g.aging.corriente },
    { title: `Vencido ${AGING_BUCKET_LABELS['1-30']}`, kind: 'dinero', get: (g) => g.aging['1-30'] },
    { title: `Vencido ${AGING_BUCKET_LABELS['31-60']}`, kind: 'dinero', get: (g) => g.aging['31-60'] },
    { title: `Vencido ${AGING_BUCKET_LABELS['61-90']}`, kind: 'dinero', get: (g) => g.aging['61-90'] },
    { title: `Vencido ${AGING_BUCKET_LABELS['mas-90'].toLowerCase()}`, kind: 'dinero', get: (g) => g.aging['mas-90'] },
    { title: 'Total vencido', kind: 'dinero', get: (g) => g.overdue },
    { title: '% vencido', kind: 'porcentaje', get: (g) => (g.overdueShare === null ? null : g.overdueShare * 100) },
    { title: 'DSO (días)', kind: 'dias', get: (g) => g.dso.days },
    { title: 'CEI %', kind: 'porcentaje', get: (g) => g.cei },
    { title: 'Ventas a crédito', kind: 'dinero', get: (g) => g.creditSales },
    { title: 'Cobrado', kind: 'dinero', get: (g) => g.collected },
    { title: 'Tasa de contacto %', kind: 'porcentaje', get: (g) => pct(g.contactRate) },
    { title: 'Promesas %', kind: 'porcentaje', get: (g) => pct(g.promiseRate) },
    { title: 'Promesas cumplidas %', kind: 'porcentaje', get: (g) => pct(g.promiseKept) },
    { title: 'Recordatorios a clientes', kind: 'entero', get: (g) => g.reminders.sent },
    { title: 'Pago a 7 días del recordatorio %', kind: 'porcentaje', get: (g) => pct(g.reminders.response) },
    { title: 'Recupero 7 días %', kind: 'porcentaje', get: (g) => pct(g.recovery[7]) },
    { title: 'Recupero 30 días %', kind: 'porcentaje', get: (g) => pct(g.recovery[30]) },
    { title: 'Recupero 60 días %', kind: 'porcentaje', get: (g) => pct(g.recovery[60]) },
    { title: 'Pase 1-30 a 31-60 %', kind: 'porcentaje', get: (g) => rollPct(g, 1) },
    { title: 'Pase 31-60 a 61-90 %', kind: 'porcentaje', get: (g) => rollPct(g, 2) },
    { title: 'Pase 61-90 a más de 90 %', kind: 'porcentaje', get: (g) => rollPct(g, 3) },
    { title: 'Tareas creadas', kind: 'entero', get: (g) => g.tasks.created },
    { title: 'Tareas cerradas', kind: 'entero', get: (g) => g.tasks.closed },
    { title: 'Días medios hasta cerrar', kind: 'dias', get: (g) => g.tasks.meanDaysToClose },
  ];
}

function rollPct(g: GroupKpis, k: number): number | null {
  const r = g.roll?.[k];
  return r && r.rate !== null ? r.rate * 100 : null;
}

export function reportGroups(report: PeriodReport): GroupKpis[] {
  return [report.total, ...report.groups];
}

/** Plain value for csv/json: money with 2 decimals, percentages and days with 1. */
export function plainValue(kind: CellKind, v: number | string | null): number | string | null {
  if (v === null || typeof v === 'string') return v;
  if (kind === 'dinero') return round(v, 2);
  if (kind === 'entero') return Math.round(v);
  return round(v, 1);
}

/** es-AR text for the table and the mails; '—' for a figure without data. */
export function formattedValue(kind: CellKind, v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'dinero': return formatMoney(v);
    case 'porcentaje': return `${formatNumber(v, 1)} %`;
    case 'dias': return formatNumber(v, 1);
    case 'entero': return formatNumber(v, 0);
    default: return String(v);
  }
}

export function periodLabel(report: PeriodReport): string {
  return `${formatDate(report.period.from)} al ${formatDate(report.period.to)}`;
}

/** 'excel': ";" and decimal comma with a UTF-8 BOM (Excel es-AR); 'estandar': "," and "." without BOM. */
export type CsvStyle = 'excel' | 'estandar';

const UTF8_BOM = '\uFEFF';

function csvCell(v: number | string | null, style: CsvStyle): string {
  if (v === null) return '';
  const s = typeof v === 'number' && style === 'excel' ? String(v).replace('.', ',') : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportCsv(
  report: PeriodReport, sellerNames: ReadonlyMap<string, string>, style: CsvStyle = 'excel',
): string {
  const sep = style === 'excel' ? ';' : ',';
  const cols = reportColumns(sellerNames);
  const lines = [cols.map((c) => csvCell(c.title, style)).join(sep)];
  for (const g of reportGroups(report)) lines.push(cols.map((c) => csvCell(plainValue(c.kind, c.get(g)), style)).join(sep));
  return `${style === 'excel' ? UTF8_BOM : ''}${lines.join('\n')}\n`;
}

export function reportJson(report: PeriodReport, sellerNames: ReadonlyMap<string, string>): object {
  const cols = reportColumns(sellerNames);
  return {
    desde: report.period.from,
    hasta: report.period.to,
    por: report.by,
    grupos: reportGroups(report).map((g) => Object.fromEntries(cols.map((c) => [c.title, plainValue(c.kind, c.get(g))]))),
    niveles: report.tiers,
    migraciones: {
      mejoras: report.migrations.upgrades,
      empeoramientos: report.migrations.downgrades,
      primerasClasificaciones: report.migrations.firstClassifications,
      pares: report.migrations.pairs,
    },
    dsoCompleto: report.total.dso.complete,
    saldoInicialDisponible: report.openingAvailable,
  };
}

/** Indicators down, groups across (the 'tabla' format). */
export function reportTransposed(report: PeriodReport, sellerNames: ReadonlyMap<string, string>): { header: string[]; rows: string[][] } {
  const cols = reportColumns(sellerNames);
  const groups = reportGroups(report);
  const [first, ...rest] = cols as [Column, ...Column[]];
  return {
    header: ['Indicador', ...groups.map((g) => String(first.get(g)))],
    rows: rest.map((c) => [c.title, ...groups.map((g) => formattedValue(c.kind, c.get(g)))]),
  };
}
