import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeRules, parseConfigText } from '../../service/config';
import { EXAMPLE, fixture, lineOf } from './helpers';

const FILE = 'cadencia.ini';
const base = fixture('minimo.ini');

function errorOf(text: string): ConfigError {
  try {
    parseConfigText(text, FILE, {});
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the INI was accepted');
}

describe('automatic cadence steps («| automatico»)', () => {
  it('are off by default: the five-part steps of old INIs stay personal', () => {
    const text = `${base}\n[cadencia.A]\npaso1 = -3 | email | recordatorio | vendedor | preventiva\n`;
    const cfg = parseConfigText(text, FILE, {});
    expect(cfg.rules.cadence.A[0]!.automatic).toBeUndefined();
    expect(Object.values(cfg.rules.cadence).flat().some((s) => s.automatic)).toBe(false);
    expect(describeRules(cfg)).toContain('Ningún paso se envía solo.');
  });

  it('mark a step with a sixth part «automatico» (or «automático»), shown by reglas verificar', () => {
    const text = `${base}\n[cadencia.A]\npaso1 = -3 | email | recordatorio | vendedor | preventiva | automatico\n`
      + 'paso2 = 7 | email, telefono | primer-aviso | vendedor | administrativa | Automático\n'
      + 'paso3 = 30 | telefono | seguimiento | cobrador | administrativa\n';
    const cfg = parseConfigText(text, FILE, {});
    expect(cfg.rules.cadence.A.map((s) => [s.id, s.automatic === true])).toEqual([['D-3', true], ['D+7', true], ['D+30', false]]);
    const out = describeRules(cfg);
    expect(out).toMatch(/A {6}D-3 {3}3 días antes +email +recordatorio +vendedor +preventiva +automático/);
    expect(out).toMatch(/A {6}D\+30 +30 días después +telefono +seguimiento +cobrador +administrativa +personal/);
    expect(out).toContain('Envío «automático» (A D-3, A D+7): el ciclo manda el correo al cliente');
    expect(out).toContain('en días hábiles de 07:00 a 20:00');
  });

  it('rejects an automatic step without the email channel, naming the line', () => {
    const text = `${base}\n[cadencia.B]\npaso1 = 7 | telefono, carta | primer-aviso | vendedor | administrativa | automatico\n`;
    expect(errorOf(text).message).toBe(
      `${FILE}:${lineOf(text, 'paso1')}: [cadencia.B] paso1: «automatico» sólo vale para pasos con el canal email `
        + '(el envío automático es un correo al cliente); este paso tiene telefono, carta',
    );
  });

  it('rejects any other sixth part, and a seventh', () => {
    const text = `${base}\n[cadencia.C]\npaso1 = -5 | email | recordatorio | cobrador | preventiva | auto\n`;
    expect(errorOf(text).message).toBe(
      `${FILE}:${lineOf(text, 'paso1')}: [cadencia.C] paso1: sexta parte: se esperaba «automatico» (envío automático al cliente) o nada, se encontró «auto»`,
    );
    const seven = `${base}\n[cadencia.C]\npaso1 = -5 | email | recordatorio | cobrador | preventiva | automatico | si\n`;
    expect(errorOf(seven).message).toMatch(/\[cadencia\.C\] paso1: se esperaban 5 partes separadas por «\|» \(6 con «automatico»\)/);
  });

  it('the example INI shows how: its commented lines, put in [cadencia.A] and [cadencia.B], make D-3 and D+7 automatic', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const shown = example.split(/\r?\n/).filter((l) => /^;\s+paso\d = .*\| automatico$/.test(l)).map((l) => l.replace(/^;\s+/, ''));
    expect(shown).toHaveLength(2);
    const text = example
      .replace(/\[cadencia\.A\]\n(paso\d.*\n)+/, `[cadencia.A]\n${shown.join('\n')}\n`)
      .replace(/\[cadencia\.B\]\npaso1.*\npaso2.*\n/, `[cadencia.B]\n${shown.join('\n')}\n`);
    const cfg = parseConfigText(text, EXAMPLE, {});
    const auto = (tier: 'A' | 'B' | 'C') => cfg.rules.cadence[tier].filter((s) => s.automatic).map((s) => s.id);
    expect(auto('A')).toEqual(['D-3', 'D+7']);
    expect(auto('B')).toEqual(['D-3', 'D+7']);
    expect(auto('C')).toEqual([]);
  });
});
