import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, addMonths, daysBetween, fromDayNumber, isIsoDate, toDayNumber, weekday,
} from '../../rules/dates';

describe('dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('ignores daylight-saving changes (UTC math)', () => {
    // Days around DST changes in many zones (US, EU, old Argentine DST).
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2008-10-18', '2008-10-20')).toBe(2);
  });

  it('tells ISO weekdays', () => {
    expect(weekday('2026-03-09')).toBe(1); // Monday
    expect(weekday('2026-03-14')).toBe(6);
    expect(weekday('2026-03-15')).toBe(7);
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-10', -3)).toBe('2025-12-10');
  });

  it('validates dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('10/03/2026')).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(/Fecha inválida/);
  });

  it('round-trips day numbers and keeps addDays/daysBetween consistent', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: -2000, max: 2000 }), (n, k) => {
      const d = fromDayNumber(n);
      expect(toDayNumber(d)).toBe(n);
      expect(daysBetween(d, addDays(d, k))).toBe(k);
      expect(weekday(addDays(d, 7))).toBe(weekday(d));
    }));
  });
});
