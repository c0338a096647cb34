/**
 * How the Bejerman demo writes values: dates as DATETIME text (midnight for
 * issue and due dates, a morning time for modification stamps), voucher
 * numbers as letter, 4-digit point of sale and 8-digit number in separate
 * columns.
 */
import { isoOfDay } from '../demo-erp/tango-format';

export function bejermanDay(day: number): string {
  return `${isoOfDay(day)} 00:00:00`;
}

/**
 * A modification stamp on that day. Kept before noon: SQLite's day difference
 * rounds julian days, so an afternoon time would count one day more than SQL
 * Server's DATEDIFF (which counts midnights).
 */
export function bejermanStamp(day: number, minuteOfDay: number): string {
  const m = Math.min(Math.max(0, minuteOfDay), 11 * 60 + 59);
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${isoOfDay(day)} ${hh}:${mm}:00`;
}

export interface VoucherId {
  letter: string;
  pointOfSale: string;
  number: string;
}

export function voucherId(letter: string, pointOfSale: number, n: number): VoucherId {
  return { letter, pointOfSale: String(pointOfSale).padStart(4, '0'), number: String(n).padStart(8, '0') };
}

/** The number as the profile shows it ('A' + '0001' + '00001234'). */
export function shownNumber(v: VoucherId): string {
  return `${v.letter}${v.pointOfSale}${v.number}`;
}
