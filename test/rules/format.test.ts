import { describe, expect, it } from 'vitest';
import {
  formatDate, formatDays, formatMoney, formatNumber, formatPercent, formatQuantity, roundCents,
} from '../../rules/format';

describe('es-AR formatting', () => {
  it('formats money with a plain space, dots for thousands and comma for cents', () => {
    expect(formatMoney(1234.56)).toBe('$ 1.234,56');
    expect(formatMoney(12345678.9)).toBe('$ 12.345.678,90');
    expect(formatMoney(0)).toBe('$ 0,00');
    expect(formatMoney(-0)).toBe('$ 0,00');
    expect(formatMoney(-1234.5)).toBe('-$ 1.234,50');
    expect(formatMoney(2833.335)).toBe('$ 2.833,34');
    expect(formatMoney(1234.56)).not.toContain('\u00a0');
  });

  it('rounds to cents half away from zero', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(-1.005)).toBe(-1.01);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
  });

  it('formats dates as dd/mm/aaaa', () => {
    expect(formatDate('2026-03-12')).toBe('12/03/2026');
    expect(() => formatDate('2026-3-12')).toThrow(/Fecha inválida/);
  });

  it('formats numbers, quantities, percentages and days', () => {
    expect(formatNumber(34.15, 1)).toBe('34,2');
    expect(formatNumber(1234.5, 2)).toBe('1.234,50');
    expect(formatQuantity(25)).toBe('25');
    expect(formatQuantity(0.5)).toBe('0,5');
    expect(formatPercent(0.4)).toBe('40 %');
    expect(formatDays(1)).toBe('1 día');
    expect(formatDays(34)).toBe('34 días');
  });
});
