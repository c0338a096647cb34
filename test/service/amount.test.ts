/** `--importe` as people in Argentina write amounts. */
import { describe, expect, it } from 'vitest';
import { parseArAmount } from '../../service/cli/amount';
import { formatMoney } from '../../rules/format';

describe('parseArAmount', () => {
  const readings: [string, number, string][] = [
    ['1.500', 1500, '$ 1.500,00'],
    ['1.500,50', 1500.5, '$ 1.500,50'],
    ['1500,5', 1500.5, '$ 1.500,50'],
    ['$ 1.500', 1500, '$ 1.500,00'],
    ['$1.234.567,89', 1234567.89, '$ 1.234.567,89'],
    ['1500', 1500, '$ 1.500,00'],
    ['1500.50', 1500.5, '$ 1.500,50'],
    ['0,5', 0.5, '$ 0,50'],
    [' 12.000 ', 12000, '$ 12.000,00'],
    ['1,500.50', 1500.5, '$ 1.500,50'],
  ];
  for (const [text, value, shown] of readings) {
    it(`reads «${text}» as ${shown}`, () => {
      expect(parseArAmount(text)).toBe(value);
      expect(formatMoney(parseArAmount(text))).toBe(shown);
    });
  }

  it('refuses amounts that read two ways, showing both', () => {
    expect(() => parseArAmount('1,500')).toThrow(
      '--importe: «1,500» se puede leer de dos maneras: escriba 1.500 para $ 1.500,00 o 1,50 para $ 1,50 (punto para los miles, coma para los centavos).',
    );
    expect(() => parseArAmount('1,500,000')).toThrow(/«1,500,000» se puede leer de dos maneras: escriba 1\.500\.000 para \$ 1\.500\.000,00 \(/);
  });

  it('refuses what is not an amount, too many decimals, and zero or less', () => {
    expect(() => parseArAmount('mil')).toThrow(
      '--importe: no se entiende el importe «mil»: escriba por ejemplo 1.500, 1.500,50 o 1500,5 (punto para los miles, coma para los centavos).',
    );
    expect(() => parseArAmount('1.50.0')).toThrow(/no se entiende el importe «1\.50\.0»/);
    expect(() => parseArAmount('1.500,505')).toThrow('--importe: «1.500,505» tiene más de dos decimales');
    expect(() => parseArAmount('-5')).toThrow(/no se entiende el importe «-5»/);
    expect(() => parseArAmount('0')).toThrow('--importe: se esperaba un importe mayor que cero, se recibió «0».');
  });
});
