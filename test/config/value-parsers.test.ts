import { describe, expect, it } from 'vitest';
import {
  boolean, date, decimal, integer, Invalid, limit, mailbox, person, time, weekdays,
} from '../../service/config/value-parsers';
import { closestName } from '../../service/config/closest-name';

const bad = (v: unknown) => v instanceof Invalid;

describe('INI value parsers', () => {
  it('reads decimals with comma or point, and rejects thousands separators', () => {
    const n = decimal(0);
    expect([n('0,5'), n('0.5'), n(' 12 '), n('0.125'), n('1500'), n('+3,25')]).toEqual([0.5, 0.5, 12, 0.125, 1500, 3.25]);
    for (const raw of ['1.500', '1,500', '1.500.000', '1.500,50', 'diez', '', '-1', '5%']) expect(bad(n(raw))).toBe(true);
    const share = decimal(0, 1, { percent: true });
    expect([share('10%'), share('12,5 %'), share('0,4')]).toEqual([0.1, 0.125, 0.4]);
    expect(bad(share('150%'))).toBe(true);
  });

  it('reads integers within range', () => {
    const n = integer(1, 10);
    expect([n('1'), n('10'), n('+7')]).toEqual([1, 10, 7]);
    for (const raw of ['0', '11', '2,5', 'dos']) expect(bad(n(raw))).toBe(true);
  });

  it('reads limits, si/no, times and real dates', () => {
    expect([limit(0)('sin_limite'), limit(0)('Ninguno'), limit(0)('0,75')]).toEqual([null, null, 0.75]);
    expect([boolean('si'), boolean('Sí'), boolean('NO'), boolean('true'), boolean('0')]).toEqual([true, true, false, true, false]);
    expect(bad(boolean('quizás'))).toBe(true);
    expect([time('8:05'), time('23:59'), time('00:00')]).toEqual(['08:05', '23:59', '00:00']);
    for (const raw of ['24:00', '12:60', '8h', '0830']) expect(bad(time(raw))).toBe(true);
    expect([date('2028-02-29'), date('2026-12-31')]).toEqual(['2028-02-29', '2026-12-31']);
    for (const raw of ['2026-02-29', '2026-13-01', '24/12/2026', '2026-1-5']) expect(bad(date(raw))).toBe(true);
  });

  it('reads weekdays, people and mailboxes', () => {
    expect(weekdays('vie, lun, LUN, sábado')).toEqual([1, 5, 6]);
    expect(bad(weekdays('lun, feriado'))).toBe(true);
    expect(person(' Juan Pérez  <juan@ejemplo.com.ar> ')).toEqual({ name: 'Juan Pérez', email: 'juan@ejemplo.com.ar' });
    for (const raw of ['juan@ejemplo.com.ar', '<juan@ejemplo.com.ar>', 'Juan <juan>', 'Juan juan@ejemplo.com.ar']) {
      expect(bad(person(raw))).toBe(true);
    }
    expect(mailbox('cobranzas@ejemplo.com.ar')).toBe('cobranzas@ejemplo.com.ar');
    expect(mailbox('Cobranzas   <cobranzas@ejemplo.com.ar>')).toBe('Cobranzas <cobranzas@ejemplo.com.ar>');
    expect(bad(mailbox('cobranzas'))).toBe(true);
  });

  it('suggests a close name only when it is a plausible typo', () => {
    const keys = ['dias_gracia', 'tolerancia', 'minimo_vencido'];
    expect(closestName('Días Gracia', keys)).toBe('dias_gracia');
    expect(closestName('minimo_vencdo', keys)).toBe('minimo_vencido');
    expect(closestName('zona_horaria', keys)).toBeNull();
  });
});
