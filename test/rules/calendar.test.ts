import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from '../../rules/calendar';
import { DEFAULT_CALENDAR } from '../../rules/defaults';
import { addDays, fromDayNumber, toDayNumber, weekday } from '../../rules/dates';

const cal = createCalendar(DEFAULT_CALENDAR);

describe('business calendar (Argentina)', () => {
  it('treats weekends as non-business days', () => {
    expect(cal.isBusinessDay('2026-03-13')).toBe(true); // Friday
    expect(cal.isBusinessDay('2026-03-14')).toBe(false);
    expect(cal.isBusinessDay('2026-03-15')).toBe(false);
    expect(cal.nextBusinessDay('2026-03-14')).toBe('2026-03-16');
    expect(cal.holidayName('2026-03-14')).toBeNull();
  });

  it.each([
    ['2026-01-01', 'Año Nuevo'],
    ['2026-03-24', 'Memoria'],
    ['2026-04-02', 'Malvinas'],
    ['2026-05-01', 'Trabajador'],
    ['2026-05-25', 'Revolución de Mayo'],
    ['2026-07-09', 'Independencia'],
    ['2026-12-08', 'Inmaculada'],
    ['2026-12-25', 'Navidad'],
  ])('fixed national holiday %s (%s)', (d, name) => {
    expect(cal.isBusinessDay(d)).toBe(false);
    expect(cal.holidayName(d)).toContain(name);
  });

  it.each([
    ['2026-02-16', 'Carnaval'],
    ['2026-02-17', 'Carnaval'],
    ['2026-04-03', 'Viernes Santo'],
    ['2026-06-15', 'Güemes'], // moved from June 17 to Monday
    ['2026-08-17', 'San Martín'],
    ['2026-10-12', 'Diversidad'],
    ['2026-11-23', 'Soberanía'], // moved from November 20 to Monday
  ])('movable national holiday %s (%s)', (d, name) => {
    expect(cal.isBusinessDay(d)).toBe(false);
    expect(cal.holidayName(d)).toContain(name);
  });

  it('does not count optional "non-working for tourism" days or Holy Thursday as holidays', () => {
    expect(cal.isBusinessDay('2026-03-23')).toBe(true);
    expect(cal.isBusinessDay('2026-07-10')).toBe(true);
    expect(cal.isBusinessDay('2026-06-17')).toBe(true); // Güemes moved away from here
  });

  it('moves to the next business day over long weekends', () => {
    expect(cal.nextBusinessDay('2026-02-14')).toBe('2026-02-18'); // Carnaval Monday and Tuesday
    expect(cal.nextBusinessDay('2026-04-02')).toBe('2026-04-06'); // Malvinas, Good Friday, weekend
    expect(cal.nextBusinessDay('2026-12-25')).toBe('2026-12-28');
    expect(cal.nextBusinessDay('2026-03-10')).toBe('2026-03-10');
  });

  it('adds business days forwards and backwards', () => {
    expect(cal.addBusinessDays('2026-03-20', 1)).toBe('2026-03-23'); // Friday → Monday (23 is a working day)
    expect(cal.addBusinessDays('2026-03-23', 1)).toBe('2026-03-25'); // skips the 24th
    expect(cal.addBusinessDays('2026-12-23', 3)).toBe('2026-12-29');
    expect(cal.addBusinessDays('2026-05-26', -1)).toBe('2026-05-22');
    expect(cal.addBusinessDays('2026-05-25', 0)).toBe('2026-05-26');
  });

  it('adds company holidays and removes company working days', () => {
    const company = createCalendar({
      ...DEFAULT_CALENDAR,
      extraHolidays: ['2026-03-23', '2026-07-10'],
      extraWorkingDays: ['2026-05-25', '2026-03-14'],
    });
    expect(company.isBusinessDay('2026-03-23')).toBe(false);
    expect(company.holidayName('2026-03-23')).toBe('Día no laborable de la empresa');
    expect(company.nextBusinessDay('2026-07-09')).toBe('2026-07-13');
    expect(company.isBusinessDay('2026-05-25')).toBe(true);
    expect(company.holidayName('2026-05-25')).toBeNull();
    expect(company.isBusinessDay('2026-03-14')).toBe(true); // a Saturday the company works
  });

  it('works without national holidays and with a six-day week', () => {
    const c = createCalendar({ ...DEFAULT_CALENDAR, holidayCountry: null, businessWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(c.isBusinessDay('2026-05-25')).toBe(true);
    expect(c.isBusinessDay('2026-03-14')).toBe(true);
    expect(c.isBusinessDay('2026-03-15')).toBe(false);
  });

  it('rejects a calendar without business days and invalid dates', () => {
    expect(() => createCalendar({ ...DEFAULT_CALENDAR, businessWeekdays: [] })).toThrow(/ningún día hábil/);
    expect(() => createCalendar({ ...DEFAULT_CALENDAR, extraHolidays: ['25/05/2026'] })).toThrow(/Fecha inválida/);
  });

  it('nextBusinessDay is a business day, not earlier, and no business day is skipped', () => {
    const start = toDayNumber('2025-01-01');
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 * 366 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
      const d = fromDayNumber(start + offset);
      const next = cal.nextBusinessDay(d);
      expect(next >= d).toBe(true);
      expect(cal.isBusinessDay(next)).toBe(true);
      for (let x = d; x < next; x = addDays(x, 1)) expect(cal.isBusinessDay(x)).toBe(false);
      const later = cal.addBusinessDays(d, n);
      expect(cal.isBusinessDay(later)).toBe(true);
      expect([6, 7].includes(weekday(later))).toBe(false);
    }));
  });
});
