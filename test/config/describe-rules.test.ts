import { describe, expect, it } from 'vitest';
import { describeRules, parseConfigText } from '../../service/config';
import { alignColumns } from '../../service/config/describe-rules';
import { fixture } from './helpers';

describe('describeRules', () => {
  it('aligns columns to the widest cell', () => {
    expect(alignColumns([['a', 'bb', 'c'], ['ccc', 'd', 'e']])).toEqual(['a    bb  c', 'ccc  d   e']);
  });

  it('lists tier limits, every cadence step, calendar, caps and amounts as configured', () => {
    const text = `${fixture('minimo.ini')}\n[niveles.A]\nsaldo_vencido_max = 250000\n[cadencia.A]\n`
      + 'paso1 = -1 | whatsapp | recordatorio | vendedor | preventiva\n'
      + '[calendario]\nferiados_extra = 2026-12-24\n[contacto]\nmax_contactos = 3\nperiodo_dias = 10\n';
    const cfg = parseConfigText(text, '/srv/cadencia.ini', {});
    const out = describeRules(cfg);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Reglas vigentes — Ferretería Los Andes SRL');
    expect(out).toMatch(/Saldo vencido\s+\$\s250\.000,00\s+sin límite/);
    expect(out).toMatch(/Proporción de pagos tarde\s+10 %\s+40 %/);
    expect(lines.filter((l) => /^ {2}[ABC] {6}D[+-]\d+/.test(l))).toHaveLength(1 + 4 + 5);
    expect(out).toMatch(/A {6}D-1 {3}1 día antes +whatsapp +recordatorio +vendedor +preventiva/);
    expect(out).toMatch(/C {6}D\+90 {2}90 días después +carta, email +intimacion +supervisor +extrajudicial/);
    expect(out).toMatch(/Feriados de la empresa:\s+2026-12-24/);
    expect(out).toMatch(/Tope de contactos:\s+3 cada 10 días por cliente/);
    // Columns line up: every cadence row starts its "Cuándo" column at the same offset.
    const rows = lines.filter((l) => /^ {2}[ABC] {6}D/.test(l));
    const starts = new Set(rows.map((l) => l.search(/\d+ días? (antes|después)/)));
    expect(starts.size).toBe(1);
  });
});
