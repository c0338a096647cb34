import { describe, expect, it } from 'vitest';
import { reminderKpis, REMINDER_RESPONSE_DAYS } from '../../rules/kpis/reminders';
import type { MoneyFlow } from '../../rules/kpis/types';

const cobro = (customerCode: string, on: string, amount: number): MoneyFlow => ({ customerCode, on, kind: 'cobro', amount });

describe('reminders to customers and the payments within 7 days', () => {
  const period = { from: '2026-11-01', to: '2026-11-30' };

  it('counts the reminders of the period and, of those whose 7 days ended, the ones followed by a payment', () => {
    const reminders = [
      { customerCode: 'A', on: '2026-11-02' }, // paid on day 7: answered
      { customerCode: 'B', on: '2026-11-02' }, // paid on day 8: too late
      { customerCode: 'C', on: '2026-11-03' }, // paid the day before the reminder: not an answer
      { customerCode: 'D', on: '2026-11-25' }, // window still open on the 30th: counted as sent only
      { customerCode: 'E', on: '2026-10-30' }, // before the period
    ];
    const flows = [
      cobro('A', '2026-11-09', 1000), cobro('B', '2026-11-10', 500), cobro('C', '2026-11-02', 800),
      cobro('D', '2026-11-26', 100), { customerCode: 'A', on: '2026-11-05', kind: 'venta' as const, amount: 9999 },
    ];
    const k = reminderKpis(reminders, flows, period, '2026-11-30', 1);
    expect(REMINDER_RESPONSE_DAYS).toBe(7);
    expect(k.sent).toBe(4);
    expect(k.response).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(k.collectedAfter).toBe(1000);
  });

  it('counts a receipt once when two reminders\' windows hold it, and ignores payments within the tolerance', () => {
    const reminders = [{ customerCode: 'A', on: '2026-11-02' }, { customerCode: 'A', on: '2026-11-04' }, { customerCode: 'B', on: '2026-11-02' }];
    const flows = [cobro('A', '2026-11-05', 300), cobro('B', '2026-11-03', 0.5)];
    const k = reminderKpis(reminders, flows, period, '2026-11-30', 1);
    expect(k.response).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(k.collectedAfter).toBe(300.5); // every receipt inside a window, counted once
  });
});
