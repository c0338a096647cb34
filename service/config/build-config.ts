/**
 * Turns the validated INI values into the AppConfig the service uses:
 * English field names, rule types from rules/types.ts, and relative paths
 * resolved against the INI's folder.
 */
import { dirname, resolve } from 'node:path';
import type { ConnectionConfig } from '../../connector/connection';
import { DEFAULT_RULES } from '../../rules/defaults';
import type { TierLimits } from '../../rules/types';
import type { AppConfig, SmtpAuth, SmtpConfig } from './app-config';
import type { ValidatedIni } from './config-schema';

/** 'Distribuidora del Sur S.A.' → 'distribuidora-del-sur-s-a'. */
export function slug(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/g, '');
  return s === '' ? 'empresa' : s;
}

/** 'SERVIDOR\\INSTANCIA' in `servidor` is accepted as host plus instance. */
function splitHost(server: string, instance: string | null): { host: string; instance: string | null } {
  const i = server.indexOf('\\');
  if (i < 0 || instance !== null) return { host: server, instance };
  return { host: server.slice(0, i), instance: server.slice(i + 1) || null };
}

function connection(v: ValidatedIni['erp'], at: (p: string) => string): ConnectionConfig {
  if (v.motor === 'sqlite') return { kind: 'sqlite', file: at(v.archivo ?? '') };
  const { host, instance } = splitHost(v.servidor ?? '', v.instancia);
  const user = v.usuario ?? '';
  const password = v.clave ?? '';
  return {
    kind: 'sqlserver',
    host,
    ...(instance ? { instance } : { port: v.puerto }),
    database: v.base ?? '',
    auth: v.autenticacion === 'windows'
      ? { type: 'ntlm', domain: v.dominio ?? '', user, password }
      : { type: 'sql', user, password },
    encrypt: v.cifrar,
    trustServerCertificate: v.confiar_certificado,
    connectTimeoutMs: v.tiempo_conexion_seg * 1000,
    requestTimeoutMs: v.tiempo_consulta_seg * 1000,
  };
}

const DEFAULT_SMTP_PORT = { starttls: 587, tls: 465, ninguna: 25 } as const;

function smtp(v: ValidatedIni['correo']): SmtpConfig | null {
  if (v.modo !== 'smtp') return null;
  let auth: SmtpAuth;
  if (v.autenticacion === 'ninguna') auth = { type: 'ninguna' };
  else if (v.autenticacion === 'clave') auth = { type: 'clave', user: v.usuario ?? '', password: v.clave ?? '' };
  else {
    auth = {
      type: 'oauth2',
      user: v.usuario ?? '',
      clientId: v.oauth2_cliente_id ?? '',
      clientSecret: v.oauth2_cliente_secreto ?? '',
      refreshToken: v.oauth2_token_refresco ?? '',
      tenant: v.oauth2_inquilino,
      provider: v.oauth2_proveedor,
    };
  }
  return {
    host: v.servidor ?? '',
    port: v.puerto ?? DEFAULT_SMTP_PORT[v.seguridad],
    security: v.seguridad,
    auth,
    timeoutMs: v.tiempo_espera_seg * 1000,
  };
}

function limits(v: ValidatedIni['niveles.A']): TierLimits {
  return {
    maxWeightedDaysLate: v.atraso_promedio_max,
    maxLateShare: v.proporcion_tarde_max,
    maxOldestDaysOverdue: v.dias_vencido_max,
    maxOverdueToCredit: v.vencido_sobre_credito_max,
    maxOverdueBalance: v.saldo_vencido_max,
  };
}

export function buildConfig(v: ValidatedIni, file: string): Omit<AppConfig, 'warnings'> {
  const absolute = resolve(file);
  const at = (p: string) => resolve(dirname(absolute), p);
  const sellers: AppConfig['staff']['sellers'] = {};
  for (const [code, who] of Object.entries(v.vendedores)) sellers[code.trim()] = who;

  return {
    file: absolute,
    company: {
      id: v.empresa.id ?? slug(v.empresa.nombre),
      name: v.empresa.nombre,
      paymentInstructions: v.empresa.instrucciones_pago,
      paymentLink: v.empresa.enlace_pago,
      phone: v.empresa.telefono,
      email: v.empresa.email,
    },
    erp: {
      profile: v.erp.perfil,
      connection: connection(v.erp, at),
      tablePrefix: v.erp.prefijo_tablas,
    },
    mail: {
      mode: v.correo.modo,
      folder: v.correo.modo === 'carpeta' && v.correo.carpeta !== null ? at(v.correo.carpeta) : null,
      smtp: smtp(v.correo),
      from: v.correo.remitente,
      replyTo: v.correo.responder_a,
      customerFrom: v.correo.remitente_clientes ?? v.correo.remitente,
      customerReplyTo: v.correo.responder_a_clientes ?? v.correo.responder_a ?? v.empresa.email,
      templatesFolder: v.correo.plantillas === null ? null : at(v.correo.plantillas),
      maxAttempts: v.correo.intentos_max,
      maxDigestCustomers: v.correo.max_clientes_resumen,
    },
    schedule: {
      cycleEveryMinutes: v.servicio.ciclo_cada_min,
      from: v.servicio.desde,
      to: v.servicio.hasta,
      digestAt: v.servicio.resumen_hora,
      outboxEveryMinutes: v.servicio.envio_cada_min,
    },
    rules: {
      tiers: {
        lateThresholdDays: v.niveles.dias_tarde_umbral,
        newCustomerTier: v.niveles.nivel_cliente_nuevo,
        minPaymentsForHistory: v.niveles.pagos_minimos_historial,
        minRelationshipDays: v.niveles.antiguedad_minima_dias,
        improvementHoldDays: v.niveles.dias_sostener_mejora,
        weights: { history: v.niveles.peso_historial, volume: v.niveles.peso_volumen, age: v.niveles.peso_antiguedad },
        A: limits(v['niveles.A']),
        B: limits(v['niveles.B']),
      },
      cadence: {
        A: v['cadencia.A'] ? Object.values(v['cadencia.A']) : structuredClone(DEFAULT_RULES.cadence.A),
        B: v['cadencia.B'] ? Object.values(v['cadencia.B']) : structuredClone(DEFAULT_RULES.cadence.B),
        C: v['cadencia.C'] ? Object.values(v['cadencia.C']) : structuredClone(DEFAULT_RULES.cadence.C),
      },
      caps: {
        maxContacts: v.contacto.max_contactos,
        periodDays: v.contacto.periodo_dias,
      },
      amounts: { tolerance: v.importes.tolerancia, minOverdueToAct: v.importes.minimo_vencido },
      promises: { graceDays: v.promesas.dias_gracia },
      lookBackDays: v.historial.dias,
    },
    calendar: {
      timeZone: v.calendario.zona_horaria,
      businessWeekdays: [...v.calendario.dias_habiles],
      holidayCountry: v.calendario.feriados_pais,
      extraHolidays: [...v.calendario.feriados_extra],
      extraWorkingDays: [...v.calendario.dias_laborables_extra],
    },
    staff: {
      sellers,
      collector: v.personal.cobrador,
      supervisor: v.personal.supervisor,
      fallback: v.personal.sin_vendedor,
    },
    logs: { folder: at(v.registro.carpeta), retentionDays: v.registro.dias_retencion, level: v.registro.nivel },
    web: {
      enabled: v.web.activa,
      host: v.web.direccion,
      port: v.web.puerto,
      publicUrl: v.web.url_publica === null ? null : v.web.url_publica.replace(/\/+$/, ''),
      tls: v.web.pfx !== null
        ? { kind: 'pfx', pfxFile: at(v.web.pfx), passphrase: v.web.clave_pfx }
        : v.web.certificado !== null && v.web.clave_certificado !== null
          ? { kind: 'pem', certFile: at(v.web.certificado), keyFile: at(v.web.clave_certificado) }
          : null,
      linkHours: v.web.horas_enlace,
      sessionHours: v.web.horas_sesion,
      admins: v.web.administradores.map((e) => e.toLowerCase()),
    },
  };
}
