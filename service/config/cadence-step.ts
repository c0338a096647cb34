/**
 * One cadence step per INI line:
 *   paso1 = -3 | email | recordatorio | vendedor | preventiva
 * (days from the due date | channels separated by commas | template |
 * assignee | stage), optionally followed by «| automatico»: the cycle sends
 * the step's e-mail to the customer itself (only steps with the email
 * channel). The step id comes from the offset: 'D-3', 'D+7'.
 */
import { z } from 'zod';
import {
  ASSIGNEE_ROLES, CHANNELS, MESSAGE_TEMPLATES, STAGES, type CadenceStep,
} from '../../rules/types';
import { Invalid, integer, oneOf, type Parser } from './value-parsers';

export const STEP_KEY = /^paso\d+$/;
export const EMPTY_CADENCE = 'la sección no tiene pasos: agregue al menos uno (paso1 = …) o bórrela para usar los pasos por defecto';
export const STEP_FORMAT = '«días | canales | plantilla | responsable | etapa», y opcionalmente «| automatico» (p. ej. «-3 | email | recordatorio | vendedor | preventiva»)';
/** The optional sixth part of a step: sent to the customer without a person. */
export const AUTOMATIC_WORDS: readonly string[] = ['automatico', 'automático'];

export function stepId(offsetDays: number): string {
  return `D${offsetDays < 0 ? '-' : '+'}${Math.abs(offsetDays)}`;
}

const offset = integer(-365, 3650);
const channel = oneOf(CHANNELS, { 'teléfono': 'telefono' });
const template = oneOf(MESSAGE_TEMPLATES);
const role = oneOf(ASSIGNEE_ROLES);
const stage = oneOf(STAGES);

function part<T>(label: string, parse: Parser<T>, raw: string): T | Invalid {
  const v = parse(raw);
  return v instanceof Invalid ? new Invalid(`${label}: ${v.message}`) : v;
}

export const cadenceStep: Parser<CadenceStep> = (raw) => {
  const parts = raw.split('|').map((s) => s.trim());
  if (parts.length !== 5 && parts.length !== 6) return new Invalid(`se esperaban 5 partes separadas por «|» (6 con «automatico»): ${STEP_FORMAT}`);
  const [o, c, t, r, s, a] = parts as [string, string, string, string, string, string | undefined];
  const offsetDays = part('días desde el vencimiento', offset, o);
  if (offsetDays instanceof Invalid) return offsetDays;
  const channels: CadenceStep['channels'] = [];
  for (const name of c.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
    const ch = part('canal', channel, name);
    if (ch instanceof Invalid) return ch;
    if (channels.includes(ch)) return new Invalid(`canal repetido «${ch}»`);
    channels.push(ch);
  }
  if (channels.length === 0) return new Invalid(`falta el canal: ${STEP_FORMAT}`);
  const tpl = part('plantilla', template, t);
  if (tpl instanceof Invalid) return tpl;
  const who = part('responsable', role, r);
  if (who instanceof Invalid) return who;
  const st = part('etapa', stage, s);
  if (st instanceof Invalid) return st;
  const step: CadenceStep = { id: stepId(offsetDays), offsetDays, channels, template: tpl, role: who, stage: st };
  if (a === undefined) return step;
  if (!AUTOMATIC_WORDS.includes(a.toLowerCase())) {
    return new Invalid(`sexta parte: se esperaba «automatico» (envío automático al cliente) o nada, se encontró «${a}»`);
  }
  if (!channels.includes('email')) {
    return new Invalid(`«automatico» sólo vale para pasos con el canal email (el envío automático es un correo al cliente); este paso tiene ${channels.join(', ')}`);
  }
  return { ...step, automatic: true };
};

/**
 * A [cadencia.X] section: its steps in file order, strictly increasing in
 * offset. (An empty section is reported by load-config, which sees the raw lines.)
 */
export const cadenceSection = z
  .record(
    z.string(),
    z.string().transform((raw, ctx): CadenceStep => {
      const v = cadenceStep(raw);
      if (v instanceof Invalid) {
        ctx.addIssue({ code: 'custom', message: v.message });
        return z.NEVER;
      }
      return v;
    }),
  )
  .superRefine((steps, ctx) => {
    const entries = Object.entries(steps);
    const seen = new Map<number, string>();
    let previous: [string, CadenceStep] | null = null;
    for (const [key, step] of entries) {
      const same = seen.get(step.offsetDays);
      if (same !== undefined) {
        ctx.addIssue({
          code: 'custom', path: [key],
          message: `paso repetido: ${same} ya está a ${step.offsetDays} días del vencimiento`,
        });
        continue;
      }
      if (previous && step.offsetDays < previous[1].offsetDays) {
        ctx.addIssue({
          code: 'custom', path: [key],
          message: `pasos fuera de orden: ${key} (${step.offsetDays} días) va antes que ${previous[0]} (${previous[1].offsetDays} días); ordénelos por días desde el vencimiento`,
        });
      }
      seen.set(step.offsetDays, key);
      previous = [key, step];
    }
  });
