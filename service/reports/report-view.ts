/**
 * The view model of the weekly mail and the HTML report (Spanish keys, every
 * value already formatted es-AR) and its three PNG charts: aging buckets,
 * balance trend, overdue per group. Images are referenced in the template as
 * `cid:<name>` and carried as PNG buffers next to the view.
 */
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from '../../rules/aging';
import { formatDate, formatMoney, formatNumber } from '../../rules/format';
import type { PeriodReport } from '../../rules/kpis/period-report';
import type { Ratio } from '../../rules/kpis/types';
import { barChartPng, horizontalBarsPng, lineChartPng } from './png-chart';
import { groupLabel } from './report-table';

export const BUCKET_COLORS = ['#15803d', '#ca8a04', '#ea580c', '#dc2626', '#7f1d1d'] as const;

export interface ChartImage {
  /** Content-ID used in the template (`cid:<cid>`). */
  cid: string;
  png: Buffer;
}

export interface ReportView {
  view: Record<string, unknown>;
  images: ChartImage[];
}

const pct = (r: Ratio): string => (r.rate === null ? '—' : `${formatNumber(r.rate * 100, 1)} %`);
const share = (n: number, total: number): string => (total > 0 ? `${formatNumber((n / total) * 100, 1)} %` : '—');

/** At most `n` points, evenly spaced, always keeping the last one. */
function sample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = (items.length - 1) / (n - 1);
  return Array.from({ length: n }, (_, i) => items[Math.round(i * step)] as T);
}

/** How the figures that are easy to misread are computed (shown at the end of the mail and the HTML report). */
export const GLOSSARY: readonly { termino: string; definicion: string }[] = [
  {
    termino: 'Antigüedad',
    definicion: 'Cada cuota pendiente se ubica en el tramo de sus propios días de atraso (un cliente con cuotas de distinta antigüedad reparte su saldo entre varios tramos). Es la misma cuenta de las vistas V_ANTIGUEDAD y V_KPI_DIARIO.',
  },
  {
    termino: 'Fotos diarias',
    definicion: 'Cada ciclo guarda los saldos del día. Para una fecha sin ciclo (fin de semana, feriado) se usa la última foto guardada en los 7 días anteriores.',
  },
  {
    termino: 'CEI',
    definicion: '(saldo al inicio + ventas a crédito − saldo al cierre) ÷ (saldo al inicio + ventas a crédito − saldo a vencer al cierre). Entre 0 % y 100 %: 100 % es que se cobró todo lo que venció; si el saldo creció más que las ventas contadas, 0 %.',
  },
  {
    termino: 'Recordatorios a clientes',
    definicion: 'Correos de recordatorio enviados a clientes (desde la lista de trabajo o automáticos) con fecha en el período. «Pago dentro de los 7 días»: de los recordatorios cuyo plazo de 7 días ya terminó, los que tuvieron un cobro del mismo cliente entre el día del recordatorio y los 7 días siguientes.',
  },
  {
    termino: 'Pase entre tramos',
    definicion: 'Parte del saldo de un tramo hace 30 días que hoy está en el tramo siguiente: saldo del tramo siguiente al cierre ÷ saldo del tramo hace 30 días. Más de 90 días es un tramo abierto (guarda también la deuda que ya estaba ahí), así que para él se cuenta solo lo que creció: (más de 90 al cierre − más de 90 hace 30 días) ÷ 61 a 90 hace 30 días, y 0 % si bajó. Siempre entre 0 % y 100 %.',
  },
];

export function reportView(
  report: PeriodReport, opts: { company: string; title: string; greeting: string | null; sellerNames: ReadonlyMap<string, string> },
): ReportView {
  const t = report.total;
  const dso = t.dso.complete ? formatNumber(t.dso.days, 1) : `más de ${formatNumber(t.dso.days, 0)}`;
  const cei = t.cei === null ? '—' : `${formatNumber(t.cei, 1)} %`;
  const indicadores = [
    { nombre: 'Saldo a cobrar', valor: formatMoney(t.aging.total), nota: `${formatNumber(t.customers)} clientes con saldo` },
    { nombre: 'Vencido', valor: formatMoney(t.overdue), nota: `${t.overdueShare === null ? '—' : `${formatNumber(t.overdueShare * 100, 1)} %`} del saldo; ${formatNumber(t.overdueCustomers)} clientes` },
    { nombre: 'DSO (días de venta en la calle)', valor: dso, nota: 'Días de ventas recientes que explican el saldo (método de descuento mensual)' },
    { nombre: 'CEI (efectividad de cobranza)', valor: cei, nota: 'Cobrado sobre lo que se podía cobrar en el período' },
    { nombre: 'Ventas a crédito', valor: formatMoney(t.creditSales), nota: 'Facturas emitidas en el período' },
    { nombre: 'Cobrado', valor: formatMoney(t.collected), nota: 'Recibos aplicados a cuotas en el período' },
    { nombre: 'Tasa de contacto', valor: pct(t.contactRate), nota: `${t.contactRate.numerator} de ${t.contactRate.denominator} tareas con contacto logrado` },
    { nombre: 'Promesas de pago', valor: pct(t.promiseRate), nota: `${t.promiseRate.numerator} de ${t.promiseRate.denominator} contactos terminaron en promesa` },
    { nombre: 'Promesas cumplidas', valor: pct(t.promiseKept), nota: `${t.promiseKept.numerator} de ${t.promiseKept.denominator} promesas vencidas (con días de gracia)` },
    {
      nombre: 'Recordatorios a clientes',
      valor: `${t.reminders.sent} enviados`,
      nota: `${pct(t.reminders.response)} con pago dentro de los 7 días (${t.reminders.response.numerator} de ${t.reminders.response.denominator}); `
        + `${formatMoney(t.reminders.collectedAfter)} cobrados en esos días`,
    },
    { nombre: 'Recupero a 7 / 30 / 60 días', valor: `${pct(t.recovery[7])} / ${pct(t.recovery[30])} / ${pct(t.recovery[60])}`, nota: 'Parte de la deuda cobrada después del primer contacto' },
    { nombre: 'Tareas creadas / cerradas', valor: `${t.tasks.created} / ${t.tasks.closed}`, nota: t.tasks.meanDaysToClose === null ? 'Sin tareas cerradas en el período' : `Tiempo medio hasta cerrar: ${formatNumber(t.tasks.meanDaysToClose, 1)} días` },
  ];

  const tramos = AGING_BUCKETS.map((b, i) => ({
    nombre: AGING_BUCKET_LABELS[b], importe: formatMoney(t.aging[b]), porcentaje: share(t.aging[b], t.aging.total), color: BUCKET_COLORS[i],
  }));
  const images: ChartImage[] = [
    { cid: 'kpi-antiguedad', png: barChartPng(AGING_BUCKETS.map((b) => t.aging[b]), BUCKET_COLORS, { width: 560, height: 200 }) },
  ];
  const trend = report.trend;
  if (trend.length > 1) {
    images.push({
      cid: 'kpi-tendencia',
      png: lineChartPng([
        { values: trend.map((p) => p.total), color: '#1e3a5f' },
        { values: trend.map((p) => p.overdue), color: '#dc2626' },
      ], { width: 560, height: 200 }),
    });
  }
  const groups = [...report.groups].sort((a, b) => b.overdue - a.overdue);
  if (groups.length > 0) {
    images.push({ cid: 'kpi-grupos', png: horizontalBarsPng(groups.map((g) => g.overdue), '#b91c1c', { width: 560, height: Math.max(60, 26 * groups.length) }) });
  }

  const notas: string[] = [];
  if (report.closingDate === null) notas.push(`No hay foto diaria guardada al ${formatDate(report.period.to)} ni en los días anteriores: los saldos figuran en cero.`);
  else if (report.closingDate < report.period.to) notas.push(`Saldos y antigüedad de la última foto diaria anterior al cierre, la del ${formatDate(report.closingDate)} (no hubo ciclo después).`);
  if (!report.openingAvailable) notas.push('CEI sin datos: falta la foto diaria del día anterior al período (se guarda en cada ciclo).');
  if (!report.rollAvailable) notas.push('Pase entre tramos sin datos: falta la foto diaria de 30 días antes del cierre.');
  if (!t.dso.complete) notas.push('DSO: las ventas de los últimos 12 meses no alcanzan a explicar el saldo; el valor es un mínimo.');

  const view = {
    titulo: opts.title,
    empresa: opts.company,
    periodo: `${formatDate(report.period.from)} al ${formatDate(report.period.to)}`,
    hasta: formatDate(report.period.to),
    saludo: opts.greeting,
    resumen: { total: formatMoney(t.aging.total), vencido: formatMoney(t.overdue), dso, cei },
    indicadores,
    tramos,
    graficos: { antiguedad: 'cid:kpi-antiguedad', tendencia: 'cid:kpi-tendencia', grupos: 'cid:kpi-grupos' },
    hayTendencia: trend.length > 1,
    tendencia: sample(trend, 8).map((p) => ({ fecha: formatDate(p.date), total: formatMoney(p.total), vencido: formatMoney(p.overdue) })),
    hayGrupos: groups.length > 0,
    tituloGrupos: report.by === 'nivel' ? 'Vencido por nivel de riesgo' : 'Vencido por vendedor',
    columnaGrupo: report.by === 'nivel' ? 'Nivel' : 'Vendedor',
    grupos: groups.map((g) => ({
      nombre: groupLabel(g.group, opts.sellerNames),
      vencido: formatMoney(g.overdue),
      porcentaje: g.overdueShare === null ? '—' : `${formatNumber(g.overdueShare * 100, 1)} %`,
      dso: g.dso.complete ? formatNumber(g.dso.days, 1) : `> ${formatNumber(g.dso.days, 0)}`,
      contacto: pct(g.contactRate),
      cumplidas: pct(g.promiseKept),
      recupero: pct(g.recovery[30]),
    })),
    niveles: report.tiers,
    migraciones: {
      mejoras: report.migrations.upgrades, empeoramientos: report.migrations.downgrades, nuevos: report.migrations.firstClassifications,
    },
    pases: (t.roll ?? []).filter((r) => r.rate !== null).map((r) => ({
      de: AGING_BUCKET_LABELS[r.from], a: AGING_BUCKET_LABELS[r.to], porcentaje: `${formatNumber((r.rate as number) * 100, 1)} %`,
    })),
    notas,
    glosario: GLOSSARY,
  };
  return { view, images };
}
