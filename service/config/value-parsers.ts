/**
 * Parsers for the kinds of values the INI holds, written for the people who
 * edit it: numbers with decimal comma or point, si/no, HH:MM, AAAA-MM-DD,
 * comma-separated lists, «Nombre <correo>». Each returns the value or an
 * Invalid with a Spanish explanation.
 */
import { z } from 'zod';
import { suggestion } from './closest-name';

export class Invalid {
  constructor(readonly message: string) {}
}

export type Parser<T> = (raw: string) => T | Invalid;

export function expected(what: string, raw: string): Invalid {
  return new Invalid(`se esperaba ${what}, se encontró «${raw}»`);
}

function rangeText(min: number | undefined, max: number | undefined): string {
  const fmt = (n: number) => String(n).replace('.', ',');
  if (min !== undefined && max !== undefined) return ` entre ${fmt(min)} y ${fmt(max)}`;
  if (min !== undefined) return ` ≥ ${fmt(min)}`;
  if (max !== undefined) return ` ≤ ${fmt(max)}`;
  return '';
}

const NUMBER = /^([+-]?)(\d+)(?:([.,])(\d+))?$/;

/**
 * Decimal comma or point ('0,5' and '0.5'); no thousands separators. A value
 * like '1.500' or '1,500' is ambiguous (1500 or 1,5?) and rejected.
 */
export function decimal(min?: number, max?: number, opts: { percent?: boolean } = {}): Parser<number> {
  const what = `un número${rangeText(min, max)}${opts.percent ? ' (o un porcentaje, p. ej. 10%)' : ''}`;
  return (raw) => {
    let text = raw.trim();
    let scale = 1;
    if (opts.percent && text.endsWith('%')) {
      text = text.slice(0, -1).trim();
      scale = 100;
    }
    const m = NUMBER.exec(text);
    if (!m) return expected(what, raw);
    const [, sign, int, sep, frac] = m;
    if (sep && frac?.length === 3 && !/^0+$/.test(int ?? '')) {
      return expected(`${what} sin separador de miles (escriba 1500 o 1,5)`, raw);
    }
    const n = Number(`${sign}${int}${frac ? `.${frac}` : ''}`) / scale;
    if (!Number.isFinite(n)) return expected(what, raw);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) return expected(what, raw);
    return n;
  };
}

export function integer(min?: number, max?: number): Parser<number> {
  const what = `un número entero${rangeText(min, max)}`;
  return (raw) => {
    const text = raw.trim();
    if (!/^[+-]?\d+$/.test(text)) return expected(what, raw);
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return expected(what, raw);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) return expected(what, raw);
    return n;
  };
}

const NO_LIMIT = ['sin_limite', 'sin límite', 'sin limite', 'ninguno'];

/** A number, or 'sin_limite' (also 'ninguno') for no limit. */
export function limit(min?: number, max?: number): Parser<number | null> {
  const number = decimal(min, max);
  return (raw) => {
    if (NO_LIMIT.includes(raw.trim().toLowerCase())) return null;
    const n = number(raw);
    return n instanceof Invalid ? expected(`un número${rangeText(min, max)} o «sin_limite»`, raw) : n;
  };
}

const TRUE = ['si', 'sí', 'true', '1'];
const FALSE = ['no', 'false', '0'];

export const boolean: Parser<boolean> = (raw) => {
  const text = raw.trim().toLowerCase();
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  return expected('«si» o «no»', raw);
};

/** 'HH:MM' (also 'H:MM'), normalised to 'HH:MM'. */
export const time: Parser<string> = (raw) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 23 || min > 59) return expected('una hora HH:MM (p. ej. 08:30)', raw);
  return `${String(h).padStart(2, '0')}:${m[2]}`;
};

/** 'AAAA-MM-DD', a real calendar date. */
export const date: Parser<string> = (raw) => {
  const text = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.toISOString().slice(0, 10) === text) return text;
  }
  return expected('una fecha real AAAA-MM-DD (p. ej. 2026-12-24)', raw);
};

/** One of a fixed set of words; suggests the closest on a typo. */
export function oneOf<const T extends string>(values: readonly T[], aliases: Record<string, T> = {}): Parser<T> {
  const list = values.length > 1 ? `${values.slice(0, -1).join(', ')} o ${values[values.length - 1]}` : (values[0] ?? '');
  return (raw) => {
    const text = raw.trim();
    const hit = values.find((v) => v === text) ?? aliases[text.toLowerCase()];
    if (hit !== undefined) return hit;
    return new Invalid(`se esperaba ${list}, se encontró «${raw}»${suggestion(text, values)}`);
  };
}

/** Comma-separated items, each parsed; empty items are ignored. */
export function listOf<T>(item: Parser<T>): Parser<T[]> {
  return (raw) => {
    const out: T[] = [];
    for (const part of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const v = item(part);
      if (v instanceof Invalid) return v;
      out.push(v);
    }
    return out;
  };
}

export const text: Parser<string> = (raw) => raw.trim();

const EMAIL = z.email();

export const email: Parser<string> = (raw) => {
  const text = raw.trim();
  return EMAIL.safeParse(text).success ? text : expected('una dirección de correo (p. ej. cobranzas@empresa.com.ar)', raw);
};

const PERSON = /^(.*?)\s*<([^<>]*)>$/;

/** 'Nombre Apellido <correo@empresa.com.ar>'. */
export const person: Parser<{ name: string; email: string }> = (raw) => {
  const m = PERSON.exec(raw.trim());
  const name = m?.[1]?.trim() ?? '';
  const address = m?.[2]?.trim() ?? '';
  if (!m || name === '' || !EMAIL.safeParse(address).success) {
    return expected('«Nombre Apellido <correo@empresa.com.ar>»', raw);
  }
  return { name, email: address };
};

/** A mail address as a header takes it: 'correo@…' or 'Nombre <correo@…>'. */
export const mailbox: Parser<string> = (raw) => {
  const text = raw.trim();
  if (EMAIL.safeParse(text).success) return text;
  const p = person(text);
  return p instanceof Invalid ? expected('un correo o «Nombre <correo@empresa.com.ar>»', raw) : `${p.name} <${p.email}>`;
};

export const url: Parser<string> = (raw) => {
  const text = raw.trim();
  return /^https?:\/\/[^\s]+$/.test(text) && URL.canParse(text)
    ? text
    : expected('una dirección web que empiece con https:// (p. ej. https://pagos.empresa.com.ar)', raw);
};

export const timeZone: Parser<string> = (raw) => {
  const text = raw.trim();
  try {
    new Intl.DateTimeFormat('es-AR', { timeZone: text });
    return text;
  } catch {
    return expected('una zona horaria IANA (p. ej. America/Argentina/Buenos_Aires)', raw);
  }
};

const WEEKDAYS: Record<string, number> = {
  lun: 1, lunes: 1, mar: 2, martes: 2, mie: 3, 'mié': 3, miercoles: 3, 'miércoles': 3,
  jue: 4, jueves: 4, vie: 5, viernes: 5, sab: 6, 'sáb': 6, sabado: 6, 'sábado': 6, dom: 7, domingo: 7,
};

/** 'lun,mar,mie,jue,vie' → [1,2,3,4,5] (ISO weekdays, sorted, no repeats). */
export const weekdays: Parser<number[]> = (raw) => {
  const days = listOf<number>((d) => WEEKDAYS[d.toLowerCase()] ?? expected('días lun, mar, mie, jue, vie, sab o dom separados por coma', raw))(raw);
  if (days instanceof Invalid) return days;
  if (days.length === 0) return expected('al menos un día hábil (p. ej. lun,mar,mie,jue,vie)', raw);
  return [...new Set(days)].sort((a, b) => a - b);
};

/** A SQL identifier for an ERP column (it ends up inside statements). */
export const identifier: Parser<string> = (raw) => {
  const text = raw.trim();
  return /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(text)
    ? text
    : expected('un nombre de columna (letras, números y _, empezando con letra)', raw);
};
