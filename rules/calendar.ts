/**
 * The business calendar: which days staff work and contacts may be scheduled.
 * National holidays come from the `date-holidays` data (public holidays only:
 * the "días no laborables con fines turísticos" are optional for employers, so
 * a company that closes on them lists them in `extraHolidays`), plus the
 * company's own non-working dates, minus the dates it works anyway.
 */
import Holidays from 'date-holidays';
import { addDays, isIsoDate, weekday, yearOf } from './dates';
import type { CalendarSettings, IsoDate } from './types';

export interface BusinessCalendar {
  isBusinessDay(d: IsoDate): boolean;
  /** `d` itself when it is a business day, else the first business day after it. */
  nextBusinessDay(d: IsoDate): IsoDate;
  /** `n` business days after `d` (before it when negative); `n` = 0 gives `nextBusinessDay(d)`. */
  addBusinessDays(d: IsoDate, n: number): IsoDate;
  /** Why `d` is a holiday (national or company), or null. Weekends are not holidays. */
  holidayName(d: IsoDate): string | null;
}

/** Name shown for a company-specific non-working date. */
export const COMPANY_HOLIDAY_NAME = 'Día no laborable de la empresa';

/** No real calendar has a gap this long between business days. */
const MAX_SEARCH_DAYS = 366;

export function createCalendar(s: CalendarSettings): BusinessCalendar {
  const weekdays = new Set(s.businessWeekdays);
  if (![...weekdays].some((w) => Number.isInteger(w) && w >= 1 && w <= 7)) {
    throw new Error('El calendario no tiene ningún día hábil: indique al menos un día de la semana (1 = lunes … 7 = domingo).');
  }
  for (const d of [...s.extraHolidays, ...s.extraWorkingDays]) {
    if (!isIsoDate(d)) throw new Error(`Fecha inválida en el calendario: «${d}» (se espera AAAA-MM-DD).`);
  }
  const extraHolidays = new Set(s.extraHolidays);
  const extraWorking = new Set(s.extraWorkingDays);
  const national = s.holidayCountry ? new Holidays(s.holidayCountry, { types: ['public'] }) : null;
  const byYear = new Map<number, Map<IsoDate, string>>();

  function nationalHolidays(year: number): Map<IsoDate, string> {
    let found = byYear.get(year);
    if (!found) {
      found = new Map();
      for (const h of national?.getHolidays(year, 'es') ?? []) {
        if (h.type !== 'public') continue;
        const day = h.date.slice(0, 10);
        found.set(day, found.has(day) ? `${found.get(day)} / ${h.name}` : h.name);
      }
      byYear.set(year, found);
    }
    return found;
  }

  function holidayName(d: IsoDate): string | null {
    if (extraWorking.has(d)) return null;
    if (extraHolidays.has(d)) return COMPANY_HOLIDAY_NAME;
    return nationalHolidays(yearOf(d)).get(d) ?? null;
  }

  function isBusinessDay(d: IsoDate): boolean {
    if (extraWorking.has(d)) return true;
    return weekdays.has(weekday(d)) && holidayName(d) === null;
  }

  function step(d: IsoDate, direction: 1 | -1): IsoDate {
    let day = d;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      day = addDays(day, direction);
      if (isBusinessDay(day)) return day;
    }
    throw new Error(`No hay días hábiles en el año siguiente a ${d}: revise el calendario.`);
  }

  function nextBusinessDay(d: IsoDate): IsoDate {
    return isBusinessDay(d) ? d : step(d, 1);
  }

  function addBusinessDays(d: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new Error(`Cantidad de días hábiles inválida: ${n}.`);
    if (n === 0) return nextBusinessDay(d);
    let day = d;
    for (let i = 0; i < Math.abs(n); i++) day = step(day, n > 0 ? 1 : -1);
    return day;
  }

  return { isBusinessDay, nextBusinessDay, addBusinessDays, holidayName };
}
