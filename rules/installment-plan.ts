/**
 * A payment plan for a customer who cannot pay in full: the amount split into
 * equal parts in whole cents (the leftover cents on the last part, or on the
 * first), one a month, each on a business day.
 */
import type { BusinessCalendar } from './calendar';
import { addMonths } from './dates';
import type { IsoDate } from './types';

export interface PlanInstallment {
  /** 1-based. */
  number: number;
  dueOn: IsoDate;
  amount: number;
}

export interface InstallmentPlanOptions {
  /** Which part carries the leftover cents; 'last' by default. */
  remainderOn?: 'first' | 'last';
}

/**
 * proposeInstallmentPlan(8500, 3, '2026-03-10', cal) →
 * 2.833,33 on 10/03, 2.833,33 on 10/04 (moved to the next business day if
 * needed), 2.833,34 on 11/05. Months are counted from `firstDate`, so a date
 * moved past a holiday does not drag the following ones.
 */
export function proposeInstallmentPlan(
  total: number,
  parts: number,
  firstDate: IsoDate,
  calendar: BusinessCalendar,
  options: InstallmentPlanOptions = {},
): PlanInstallment[] {
  if (!Number.isInteger(parts) || parts < 1) {
    throw new Error(`Cantidad de cuotas inválida: ${parts} (debe ser un entero mayor que cero).`);
  }
  const totalCents = Math.round(total * 100);
  if (!Number.isFinite(totalCents) || totalCents < parts) {
    throw new Error(`Importe inválido para un plan de ${parts} cuotas: ${total}.`);
  }
  const base = Math.floor(totalCents / parts);
  const leftover = totalCents - base * parts;
  const carrier = options.remainderOn === 'first' ? 0 : parts - 1;
  const plan: PlanInstallment[] = [];
  for (let i = 0; i < parts; i++) {
    const cents = base + (i === carrier ? leftover : 0);
    plan.push({
      number: i + 1,
      dueOn: calendar.nextBusinessDay(addMonths(firstDate, i)),
      amount: cents / 100,
    });
  }
  return plan;
}
