/**
 * Amounts typed by people in Argentina: "1.500", "1.500,50", "1500,5",
 * "$ 1.500". The dot groups thousands and the comma marks cents; a lone dot
 * followed by one or two digits can only be cents ("1500.5"). What could be
 * read two ways ("1,500": one thousand five hundred, or one and a half?) is
 * refused with a line that shows both spellings.
 */
import { formatMoney, formatNumber } from '../../rules/format';
import { UsageError } from './common';

const GROUPED = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/; // 1.500 · 1.234.567,89
const COMMA_DECIMAL = /^\d+(?:,\d+)?$/; // 1500 · 1500,5
const DOT_CENTS = /^\d+\.\d{1,2}$/; // 1500.5 · 1500.50
const US_GROUPED = /^\d{1,3}(?:,\d{3})+\.\d{1,2}$/; // 1,500.50

/** The amount in pesos, or a UsageError naming the option. */
export function parseArAmount(text: string, name = '--importe'): number {
  const t = text.trim().replace(/^\$\s*/, '').replace(/[\s\u00a0]/g, '');
  const example = 'escriba por ejemplo 1.500, 1.500,50 o 1500,5 (punto para los miles, coma para los centavos)';
  if (/^\d{1,3}(?:,\d{3})+$/.test(t)) {
    const thousands = Number(t.replace(/,/g, ''));
    const parts = t.split(',');
    const cents = parts.length === 2 ? Number(`${parts[0]}.${parts[1]}`) : null;
    throw new UsageError(
      `${name}: «${text}» se puede leer de dos maneras: escriba ${formatNumber(thousands)} para ${formatMoney(thousands)}` +
        `${cents === null ? '' : ` o ${formatNumber(cents, 2)} para ${formatMoney(cents)}`} (punto para los miles, coma para los centavos).`,
    );
  }
  let normalized: string | null = null;
  if (GROUPED.test(t)) normalized = t.replace(/\./g, '').replace(',', '.');
  else if (COMMA_DECIMAL.test(t)) normalized = t.replace(',', '.');
  else if (DOT_CENTS.test(t)) normalized = t;
  else if (US_GROUPED.test(t)) normalized = t.replace(/,/g, '');
  if (normalized === null) throw new UsageError(`${name}: no se entiende el importe «${text}»: ${example}.`);
  const [, cents = ''] = normalized.split('.');
  if (cents.length > 2) throw new UsageError(`${name}: «${text}» tiene más de dos decimales: ${example}.`);
  const n = Number(normalized);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name}: se esperaba un importe mayor que cero, se recibió «${text}».`);
  return n;
}
