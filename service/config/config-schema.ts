/**
 * The INI's sections and keys as one zod schema: what each key accepts, which
 * are required, and the defaults (rule defaults come from rules/defaults.ts).
 * Input: { section: { key: text } }; output: validated, typed values still
 * shaped like the INI (build-config.ts turns them into AppConfig).
 */
import Holidays from 'date-holidays';
import { z } from 'zod';
import { addonTables, DEFAULT_PREFIX } from '../../connector/addon/tables';
import { DEFAULT_CALENDAR, DEFAULT_RULES } from '../../rules/defaults';
import { TIERS, type TierLimits } from '../../rules/types';
import { paymentLinkProblem } from '../mail/payment-link';
import { cadenceSection } from './cadence-step';
import {
  boolean, date, decimal, email, integer, Invalid, limit, listOf, mailbox, oneOf, person,
  text, time, timeZone, url, weekdays, type Parser,
} from './value-parsers';
import { optional, required, requireKeys, secret } from './zod-fields';

const prefix: Parser<string> = (raw) => {
  try {
    return addonTables(raw.trim()).prefix;
  } catch {
    return new Invalid(`se esperaba un prefijo de letras, números y _ que empiece con letra (máximo 12), se encontró «${raw}»`);
  }
};

const companyId: Parser<string> = (raw) => {
  const t = raw.trim();
  return /^[a-z0-9][a-z0-9_-]{0,31}$/i.test(t)
    ? t
    : new Invalid(`se esperaba un código corto de letras, números, - o _ (máximo 32), se encontró «${raw}»`);
};

const holidayCountry: Parser<string | null> = (raw) => {
  const t = raw.trim();
  if (t.toLowerCase() === 'ninguno') return null;
  const code = t.toUpperCase();
  return /^[A-Z]{2}$/.test(code) && code in new Holidays().getCountries()
    ? code
    : new Invalid(`se esperaba un código de país de dos letras con feriados conocidos (AR) o «ninguno», se encontró «${raw}»`);
};

const paymentLink: Parser<string> = (raw) => {
  const text = raw.trim();
  const problem = paymentLinkProblem(text);
  return problem === null ? text : new Invalid(`${problem}, se encontró «${raw}»`);
};

const empresa = z.object({
  id: optional(companyId, null),
  nombre: required(text),
  instrucciones_pago: optional(text, ''),
  enlace_pago: optional(paymentLink, null),
  telefono: optional(text, null),
  email: optional(email, null),
});

const erp = z
  .object({
    perfil: optional(oneOf(['tango', 'bejerman', 'vistas'] as const), 'tango' as const),
    motor: optional(oneOf(['sqlserver', 'sqlite'] as const), 'sqlserver' as const),
    servidor: optional(text, null),
    instancia: optional(text, null),
    puerto: optional(integer(1, 65535), 1433),
    base: optional(text, null),
    autenticacion: optional(oneOf(['sql', 'windows'] as const), 'sql' as const),
    usuario: optional(text, null),
    clave: secret,
    dominio: optional(text, null),
    cifrar: optional(boolean, true),
    confiar_certificado: optional(boolean, false),
    tiempo_conexion_seg: optional(integer(1, 600), 15),
    tiempo_consulta_seg: optional(integer(1, 3600), 120),
    archivo: optional(text, null),
    prefijo_tablas: optional(prefix, DEFAULT_PREFIX),
  })
  .superRefine((v, ctx) => {
    if (v.motor === 'sqlite') {
      requireKeys(ctx, v, ['archivo'], 'motor = sqlite');
      return;
    }
    requireKeys(ctx, v, ['servidor', 'base'], 'motor = sqlserver');
    if (v.autenticacion === 'sql') requireKeys(ctx, v, ['usuario', 'clave'], 'autenticacion = sql');
    else requireKeys(ctx, v, ['dominio', 'usuario', 'clave'], 'autenticacion = windows');
  });

const correo = z
  .object({
    modo: optional(oneOf(['smtp', 'carpeta'] as const), 'smtp' as const),
    carpeta: optional(text, null),
    servidor: optional(text, null),
    puerto: optional(integer(1, 65535), null),
    seguridad: optional(oneOf(['starttls', 'tls', 'ninguna'] as const), 'starttls' as const),
    autenticacion: optional(oneOf(['clave', 'oauth2', 'ninguna'] as const), 'clave' as const),
    usuario: optional(text, null),
    clave: secret,
    oauth2_proveedor: optional(oneOf(['microsoft', 'google'] as const), 'microsoft' as const),
    oauth2_cliente_id: optional(text, null),
    oauth2_cliente_secreto: secret,
    oauth2_token_refresco: secret,
    oauth2_inquilino: optional(text, null),
    tiempo_espera_seg: optional(integer(1, 600), 30),
    remitente: required(mailbox),
    responder_a: optional(mailbox, null),
    remitente_clientes: optional(mailbox, null),
    responder_a_clientes: optional(mailbox, null),
    plantillas: optional(text, null),
    intentos_max: optional(integer(1, 50), 5),
    max_clientes_resumen: optional(integer(1, 1000), 40),
    clave_sin_cifrar: optional(boolean, false),
  })
  .superRefine((v, ctx) => {
    if (v.modo === 'carpeta') {
      requireKeys(ctx, v, ['carpeta'], 'modo = carpeta');
      return;
    }
    requireKeys(ctx, v, ['servidor'], 'modo = smtp');
    if (v.autenticacion === 'clave') requireKeys(ctx, v, ['usuario', 'clave'], 'autenticacion = clave');
    if (v.autenticacion !== 'ninguna' && v.seguridad === 'ninguna' && !v.clave_sin_cifrar) {
      ctx.addIssue({
        code: 'custom', path: ['seguridad'],
        message: `con autenticacion = ${v.autenticacion}, seguridad = ninguna manda el usuario y la clave sin cifrar: ` +
          'use starttls o tls o, si el servidor de correo está en la red interna y sólo acepta conexiones sin cifrar, ' +
          'agregue clave_sin_cifrar = si',
      });
    }
    if (v.autenticacion === 'oauth2') {
      requireKeys(
        ctx, v, ['usuario', 'oauth2_cliente_id', 'oauth2_cliente_secreto', 'oauth2_token_refresco'],
        'autenticacion = oauth2',
      );
    }
  });

function notBefore(ctx: z.RefinementCtx, from: string, to: string, fromKey: string, toKey: string): void {
  if (to <= from) {
    ctx.addIssue({ code: 'custom', path: [toKey], message: `debe ser posterior a ${fromKey} (${from}), se encontró «${to}»` });
  }
}

const servicio = z
  .object({
    ciclo_cada_min: optional(integer(1, 1440), 60),
    desde: optional(time, '07:00'),
    hasta: optional(time, '20:00'),
    resumen_hora: optional(time, '08:00'),
    envio_cada_min: optional(integer(1, 1440), 5),
  })
  .superRefine((v, ctx) => {
    notBefore(ctx, v.desde, v.hasta, 'desde', 'hasta');
    if (v.resumen_hora < v.desde || v.resumen_hora > v.hasta) {
      ctx.addIssue({
        code: 'custom', path: ['resumen_hora'],
        message: `debe estar dentro del horario del servicio (${v.desde} a ${v.hasta}), se encontró «${v.resumen_hora}»`,
      });
    }
  });

const web = z
  .object({
    activa: optional(boolean, true),
    direccion: optional(text, '0.0.0.0'),
    puerto: optional(integer(1, 65535), 8470),
    url_publica: optional(url, null),
    certificado: optional(text, null),
    clave_certificado: optional(text, null),
    pfx: optional(text, null),
    clave_pfx: secret,
    horas_enlace: optional(integer(1, 168), 12),
    horas_sesion: optional(integer(1, 720), 12),
    administradores: optional(listOf(email), []),
  })
  .superRefine((v, ctx) => {
    if (v.certificado !== null || v.clave_certificado !== null) {
      requireKeys(ctx, v, ['certificado', 'clave_certificado'], 'certificado en archivos PEM');
    }
    if (v.pfx !== null && v.certificado !== null) {
      ctx.addIssue({ code: 'custom', path: ['pfx'], message: 'use certificado y clave_certificado (PEM) o pfx, no ambos' });
    }
  });

const tr = DEFAULT_RULES.tiers;
const niveles = z.object({
  dias_tarde_umbral: optional(integer(0, 3650), tr.lateThresholdDays),
  nivel_cliente_nuevo: optional(oneOf(TIERS), tr.newCustomerTier),
  pagos_minimos_historial: optional(integer(0, 10000), tr.minPaymentsForHistory),
  antiguedad_minima_dias: optional(integer(0, 3650), tr.minRelationshipDays),
  dias_sostener_mejora: optional(integer(0, 3650), tr.improvementHoldDays),
  peso_historial: optional(integer(0, 100), tr.weights.history),
  peso_volumen: optional(integer(0, 100), tr.weights.volume),
  peso_antiguedad: optional(integer(0, 100), tr.weights.age),
});

/** Sane upper bounds: days (ten years), money (the ERP reads treat more as a typing error), a ratio. */
const MAX_DAYS = 3650;
const MAX_AMOUNT = 1e12;
const MAX_TOLERANCE = 1_000_000;
const MAX_CREDIT_RATIO = 100;

function tierLimits(d: TierLimits) {
  return z.object({
    atraso_promedio_max: optional(decimal(0, MAX_DAYS), d.maxWeightedDaysLate),
    proporcion_tarde_max: optional(decimal(0, 1, { percent: true }), d.maxLateShare),
    dias_vencido_max: optional(integer(0, MAX_DAYS), d.maxOldestDaysOverdue),
    vencido_sobre_credito_max: optional(limit(0, MAX_CREDIT_RATIO), d.maxOverdueToCredit),
    saldo_vencido_max: optional(limit(0, MAX_AMOUNT), d.maxOverdueBalance),
  });
}

type TierSection = z.output<ReturnType<typeof tierLimits>>;

/**
 * Tier A is the low-risk tier: each of its limits must be at most B's (a
 * missing limit, «sin_limite», is the loosest). Reported on [niveles.A]'s
 * line, or on [niveles.B]'s when only B's value is written.
 */
function checkTierOrder(a: TierSection, b: TierSection, ctx: z.RefinementCtx): void {
  const fmt = (n: number | null): string => (n === null ? 'sin_limite' : String(n).replace('.', ','));
  for (const key of Object.keys(a) as (keyof TierSection)[]) {
    const va = a[key];
    const vb = b[key];
    const looser = va === null ? vb !== null : vb !== null && va > vb;
    if (!looser) continue;
    ctx.addIssue({
      code: 'custom', path: ['niveles.A', key], params: { orAt: ['niveles.B', key] },
      message: `el nivel A no puede ser más permisivo que el B: ${fmt(va)} supera el valor de [niveles.B] (${fmt(vb)})`,
    });
  }
}

const cal = DEFAULT_CALENDAR;
const calendario = z.object({
  zona_horaria: optional(timeZone, cal.timeZone),
  dias_habiles: optional(weekdays, cal.businessWeekdays),
  feriados_pais: optional(holidayCountry, cal.holidayCountry),
  feriados_extra: optional(listOf(date), cal.extraHolidays),
  dias_laborables_extra: optional(listOf(date), cal.extraWorkingDays),
});

const caps = DEFAULT_RULES.caps;
const contacto = z.object({
  max_contactos: optional(integer(0, 100), caps.maxContacts),
  periodo_dias: optional(integer(1, 365), caps.periodDays),
});

const importes = z.object({
  tolerancia: optional(decimal(0, MAX_TOLERANCE), DEFAULT_RULES.amounts.tolerance),
  minimo_vencido: optional(decimal(0, MAX_AMOUNT), DEFAULT_RULES.amounts.minOverdueToAct),
});

const promesas = z.object({ dias_gracia: optional(integer(0, 365), DEFAULT_RULES.promises.graceDays) });
const historial = z.object({ dias: optional(integer(30, 3650), DEFAULT_RULES.lookBackDays) });

const registro = z.object({
  carpeta: optional(text, 'registros'),
  dias_retencion: optional(integer(1, 3650), 30),
  nivel: optional(
    oneOf(['error', 'warn', 'info', 'debug'] as const, { aviso: 'warn', advertencia: 'warn', depuracion: 'debug', 'depuración': 'debug' }),
    'info' as const,
  ),
});

const personal = z.object({
  cobrador: required(person),
  supervisor: required(person),
  sin_vendedor: optional(oneOf(['cobrador', 'supervisor'] as const), 'cobrador' as const),
});

const vendedores = z.record(z.string(), required(person));

/** Sections with fixed keys: their schema lists the valid keys. */
export const FIXED_SECTIONS = {
  empresa, erp, correo, servicio, niveles,
  'niveles.A': tierLimits(tr.A),
  'niveles.B': tierLimits(tr.B),
  calendario, contacto, importes, promesas, historial, registro, personal, web,
} as const;

/** Sections whose keys the user chooses: seller codes, cadence steps. */
export const FREE_SECTIONS = ['vendedores', 'cadencia.A', 'cadencia.B', 'cadencia.C'] as const;

export const SECTION_NAMES: readonly string[] = [...Object.keys(FIXED_SECTIONS), ...FREE_SECTIONS];

export const configSchema = z.object({
  ...FIXED_SECTIONS,
  vendedores,
  'cadencia.A': cadenceSection.optional(),
  'cadencia.B': cadenceSection.optional(),
  'cadencia.C': cadenceSection.optional(),
}).superRefine((v, ctx) => checkTierOrder(v['niveles.A'], v['niveles.B'], ctx));

export type ValidatedIni = z.output<typeof configSchema>;

/** Valid keys of a fixed section (for unknown-key checks and suggestions). */
export function sectionKeys(section: string): string[] | null {
  const schema = (FIXED_SECTIONS as Record<string, z.ZodType>)[section];
  if (!schema) return null;
  const shape = (schema as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } });
  return Object.keys(shape.shape ?? shape.def?.in?.shape ?? {});
}
