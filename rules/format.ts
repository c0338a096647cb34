/**
 * es-AR formatting for everything staff read: alerts, tier reasons, emails.
 * Intl puts a non-breaking space after the peso sign; it is normalized to a
 * plain space so texts compare, store and print the same everywhere.
 */
import { isIsoDate } from './dates';
import type { IsoDate } from './types';

const MONEY = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });
const SPACES = /[\u00a0\u202f]/g;
const QUANTITY = new Intl.NumberFormat('es-AR', { maximumFractionDigits: 2 });
const decimalFormats = new Map<number, Intl.NumberFormat>();

/** Rounds to cents the way amounts are stored (half away from zero). */
export function roundCents(n: number): number {
  const cents = Math.round(Math.abs(n) * 100 + 1e-6) * Math.sign(n);
  return cents / 100 || 0;
}

/** '$ 1.234,56' (negative: '-$ 1.234,56'). */
export function formatMoney(n: number): string {
  return MONEY.format(roundCents(n)).replace(SPACES, ' ');
}

/** A number with a fixed count of decimals: formatNumber(34.15, 1) = '34,2'. */
export function formatNumber(n: number, decimals = 0): string {
  let f = decimalFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('es-AR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    decimalFormats.set(decimals, f);
  }
  return f.format(n === 0 ? 0 : n).replace(SPACES, ' ');
}

/** A share 0–1 as a whole percentage: 0.4 → '40 %'. */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100, 0)} %`;
}

/** 'dd/mm/aaaa'. */
export function formatDate(d: IsoDate): string {
  if (!isIsoDate(d)) throw new Error(`Fecha inválida: «${d}» (se espera AAAA-MM-DD).`);
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}

/** '1 día', '34 días'. */
export function formatDays(n: number): string {
  return `${formatNumber(n, 0)} ${Math.abs(n) === 1 ? 'día' : 'días'}`;
}

/** A limit or quantity with up to two decimals and no trailing zeros: 25 → '25', 0.5 → '0,5'. */
export function formatQuantity(n: number): string {
  return QUANTITY.format(n === 0 ? 0 : n).replace(SPACES, ' ');
}
