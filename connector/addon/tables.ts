/**
 * Names of the add-on objects cadencia keeps inside the ERP database. Every
 * object carries the configured prefix (COB_ by default) so staff and their
 * report tools find them together, and so an uninstall knows what is ours.
 */

export const DEFAULT_PREFIX = 'COB_';

export interface AddonTables {
  prefix: string;
  /** One row per customer needing action. */
  alerta: string;
  /** Contact tasks. */
  tarea: string;
  /** Contact outcomes recorded by staff. */
  contacto: string;
  /** Tier changes with their reason. */
  nivelHist: string;
  /** Per-customer overrides (staff) and tier state (service). */
  cliente: string;
  /** Mail outbox. */
  correo: string;
  /** Cycle log. */
  ejecucion: string;
  /** Lock rows (one per company) where the database has no application locks. */
  bloqueo: string;
  /** Applied schema migrations. */
  migracion: string;
  /** Web users, sessions, one-time sign-in links and the audit of their changes (schema v5). */
  usuario: string;
  sesion: string;
  enlace: string;
  auditoria: string;
  /** Attachments of outbox mails. */
  correoAdjunto: string;
  /** Views for the ERP's report tools. */
  vAlertas: string;
  vTareasHoy: string;
  vAntiguedad: string;
}

const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,11}$/;

export function addonTables(prefix: string = DEFAULT_PREFIX): AddonTables {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `Prefijo de tablas inválido: «${prefix}». Use letras, números y guion bajo, empezando con una letra (máximo 12).`,
    );
  }
  return {
    prefix,
    alerta: `${prefix}ALERTA`,
    tarea: `${prefix}TAREA`,
    contacto: `${prefix}CONTACTO`,
    nivelHist: `${prefix}NIVEL_HIST`,
    cliente: `${prefix}CLIENTE`,
    correo: `${prefix}CORREO`,
    ejecucion: `${prefix}EJECUCION`,
    bloqueo: `${prefix}BLOQUEO`,
    migracion: `${prefix}MIGRACION`,
    usuario: `${prefix}USUARIO`,
    sesion: `${prefix}SESION`,
    enlace: `${prefix}ENLACE`,
    auditoria: `${prefix}AUDITORIA`,
    correoAdjunto: `${prefix}CORREO_ADJUNTO`,
    vAlertas: `${prefix}V_ALERTAS`,
    vTareasHoy: `${prefix}V_TAREAS_HOY`,
    vAntiguedad: `${prefix}V_ANTIGUEDAD`,
  };
}
