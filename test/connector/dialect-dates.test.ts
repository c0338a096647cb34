/** Issue 15 items 1 and 2: dates from the ERP and from staff are real calendar dates up to 31/12/2099. */
import { describe, expect, it } from 'vitest';
import { invalidDate, invalidDateProblem, LAST_REAL_DATE, toIsoDate } from '../../connector/dialect/dates';

describe('dates read from the drivers', () => {
  it('keeps real dates, and turns Tango\'s «no date» and empty values into null without calling them invalid', () => {
    expect(toIsoDate('2026-03-10 00:00:00')).toBe('2026-03-10');
    expect(toIsoDate(new Date('2026-03-10T00:00:00Z'))).toBe('2026-03-10');
    expect(toIsoDate(LAST_REAL_DATE)).toBe('2099-12-31');
    for (const none of [null, undefined, '', '1800-01-01 00:00:00', new Date('1800-01-01T00:00:00Z')]) {
      expect(toIsoDate(none)).toBeNull();
      expect(invalidDate(none)).toBeNull();
    }
  });

  it('never lets an impossible or far-future date through, and says which one it was', () => {
    const bad: [unknown, string][] = [
      ['2026-02-30 00:00:00', '2026-02-30'], ['2026-13-01', '2026-13-01'], ['2100-01-01', '2100-01-01'],
      [new Date('9999-12-31T00:00:00Z'), '9999-12-31'], ['31/12/2026', '31/12/2026'],
    ];
    for (const [value, written] of bad) {
      expect(toIsoDate(value)).toBeNull();
      expect(invalidDate(value)).toBe(written);
    }
    expect(invalidDateProblem('Fecha de vencimiento', '9999-12-31', 'se omite la cuota.'))
      .toBe('Fecha de vencimiento inválida («9999-12-31», posterior al 31/12/2099): se omite la cuota.');
    expect(invalidDateProblem('Fecha de alta', '2026-02-30', 'se omite el cliente.'))
      .toBe('Fecha de alta inválida («2026-02-30», no existe en el calendario): se omite el cliente.');
  });
});
