/**
 * The effective rules as a plain-text Spanish report with aligned columns,
 * for `cadencia reglas verificar`: what staff agreed to, checked at a glance.
 */
import type { CadenceStep, TierLimits } from '../../rules/types';
import { TIERS } from '../../rules/types';
import type { AppConfig } from './app-config';

const number = new Intl.NumberFormat('es-AR', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const WEEKDAY_NAMES = ['', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'];

/** Rows → lines with every column padded to its widest cell. */
export function alignColumns(rows: string[][], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length + gap))).join('').trimEnd(),
  );
}

function when(step: CadenceStep): string {
  const n = Math.abs(step.offsetDays);
  if (step.offsetDays === 0) return 'el día del vencimiento';
  const days = n === 1 ? '1 día' : `${n} días`;
  return step.offsetDays < 0 ? `${days} antes` : `${days} después`;
}

function limitRows(a: TierLimits, b: TierLimits): string[][] {
  const noLimit = (v: number | null, fmt: (n: number) => string) => (v === null ? 'sin límite' : fmt(v));
  const pct = (n: number) => `${number.format(n * 100)} %`;
  return [
    ['Límite', 'Nivel A', 'Nivel B'],
    ['Atraso promedio ponderado (días)', number.format(a.maxWeightedDaysLate), number.format(b.maxWeightedDaysLate)],
    ['Proporción de pagos tarde', pct(a.maxLateShare), pct(b.maxLateShare)],
    ['Días de vencida (cuota más antigua)', String(a.maxOldestDaysOverdue), String(b.maxOldestDaysOverdue)],
    ['Vencido sobre límite de crédito', noLimit(a.maxOverdueToCredit, number.format), noLimit(b.maxOverdueToCredit, number.format)],
    ['Saldo vencido', noLimit(a.maxOverdueBalance, money.format), noLimit(b.maxOverdueBalance, money.format)],
  ];
}

function cadenceRows(cfg: AppConfig): string[][] {
  const rows = [['Nivel', 'Paso', 'Cuándo', 'Canales', 'Plantilla', 'Responsable', 'Etapa', 'Envío']];
  for (const tier of TIERS) {
    for (const s of cfg.rules.cadence[tier]) {
      rows.push([tier, s.id, when(s), s.channels.join(', '), s.template, s.role, s.stage, s.automatic ? 'automático' : 'personal']);
    }
  }
  return rows;
}

/** How the automatic steps go out, when there is any. */
function automaticNote(cfg: AppConfig): string[] {
  const auto = TIERS.flatMap((tier) => cfg.rules.cadence[tier].filter((s) => s.automatic).map((s) => `${tier} ${s.id}`));
  if (auto.length === 0) return ['  Envío «personal»: el paso figura en el resumen diario del responsable. Ningún paso se envía solo.'];
  return [
    `  Envío «automático» (${auto.join(', ')}): el ciclo manda el correo al cliente, con el estado de cuenta en PDF,`,
    `  en días hábiles de ${cfg.schedule.from} a ${cfg.schedule.to}, dentro del tope de contactos, y nunca a un cliente`,
    '  «no contactar», en disputa, en gestión judicial, con promesa vigente, con pagos sin aplicar que cubren',
    '  la deuda o sin un correo válido (ése queda en el resumen del responsable).',
  ];
}

function dates(list: string[]): string {
  return list.length === 0 ? 'ninguno' : list.join(', ');
}

export function describeRules(cfg: AppConfig): string {
  const r = cfg.rules;
  const t = r.tiers;
  const c = cfg.calendar;
  const indent = (lines: string[]) => lines.map((l) => `  ${l}`);
  const lines = [
    `Reglas vigentes — ${cfg.company.name}`,
    `Archivo: ${cfg.file}`,
    '',
    'NIVELES DE RIESGO',
    ...indent(alignColumns([
      ['Pago tarde:', `más de ${t.lateThresholdDays} días después del vencimiento`],
      ['Historial considerado:', `${r.lookBackDays} días`],
      ['Cliente nuevo:', `menos de ${t.minPaymentsForHistory} pagos o menos de ${t.minRelationshipDays} días de antigüedad → nivel ${t.newCustomerTier}`],
      ['Cambio de nivel:', `empeorar es inmediato; mejorar exige cumplir los criterios ${t.improvementHoldDays} días`],
      ['Pesos del comportamiento:', `historial de pagos ${t.weights.history} %, volumen ${t.weights.volume} %, antigüedad ${t.weights.age} %`],
    ])),
    '',
    ...indent(alignColumns(limitRows(t.A, t.B))),
    '  Quien no cumple todos los límites de A ni de B queda en nivel C.',
    '',
    'CADENCIA DE CONTACTOS (días desde el vencimiento)',
    ...indent(alignColumns(cadenceRows(cfg))),
    ...automaticNote(cfg),
    '',
    'CALENDARIO',
    ...indent(alignColumns([
      ['Zona horaria:', c.timeZone],
      ['Días hábiles:', c.businessWeekdays.map((d) => WEEKDAY_NAMES[d] ?? String(d)).join(', ')],
      ['Feriados nacionales:', c.holidayCountry ?? 'no se consideran'],
      ['Feriados de la empresa:', dates(c.extraHolidays)],
      ['Días laborables extra:', dates(c.extraWorkingDays)],
    ])),
    '',
    'TOPES, IMPORTES Y PROMESAS',
    ...indent(alignColumns([
      ['Tope de contactos:', r.caps.maxContacts === 0 ? 'sin tope' : `${r.caps.maxContacts} cada ${r.caps.periodDays} días por cliente`],
      ['Tolerancia (cuota pagada):', money.format(r.amounts.tolerance)],
      ['Vencido mínimo para actuar:', money.format(r.amounts.minOverdueToAct)],
      ['Gracia de promesas de pago:', `${r.promises.graceDays} días`],
    ])),
  ];
  return `${lines.join('\n')}\n`;
}
