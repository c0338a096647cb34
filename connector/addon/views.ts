/**
 * The add-on's views for the ERP's report tools (schema version 2):
 * - V_ALERTAS: each alert with the customer's name and its seller's name.
 * - V_TAREAS_HOY: pending tasks due today or earlier, per assignee, with the customer's name.
 * - V_ANTIGUEDAD as version 2 made it (`v2AgingView`): it read COB_ALERTA and
 *   put each alerted customer's whole overdue balance in the bucket of its
 *   OLDEST overdue installment, which was wrong. Version 4 replaces it with
 *   aging per installment (aging-schema.ts); the v2 text stays because
 *   migration 2 still creates it and rolling back version 4 restores it.
 * ERP names come from the profile (ErpProfile.addon.views); codes are joined trimmed.
 * The SQL is the same on both dialects except "today" and the collation of the
 * trimmed ERP codes (see dialect.ts).
 */
import type { Dialect } from '../connection';
import type { AddonTables } from './tables';
import { todaySql, trimmedSql } from '../dialect/addon-sql';

/** ERP tables and columns the views join to (names from the ERP profile). */
export interface ViewSources {
  customerTable: string;
  customerCode: string;
  customerName: string;
  /** The customer's seller code column. */
  customerSeller: string;
  sellerTable: string;
  sellerCode: string;
  sellerName: string;
}

/** Tango's sources (the default of the shipped sql/ scripts); each profile has its own in connector/profiles/. */
export { TANGO_VIEW_SOURCES } from '../profiles/tango/addon-objects';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;

/** The names go into view DDL verbatim, so only plain identifiers (optionally schema.table) pass. */
export function checkViewSources(s: ViewSources): ViewSources {
  for (const [field, value] of Object.entries(s)) {
    if (!IDENTIFIER.test(value)) {
      throw new Error(`Nombre de tabla o columna del ERP inválido en «${field}»: «${value}».`);
    }
  }
  return s;
}

export interface ViewDefinition {
  name: string;
  /** The SELECT the view is made of (no trailing semicolon). */
  select: string;
}

export function viewDefinitions(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition[] {
  const s = checkViewSources(sources);
  const customerJoin =
    `LEFT JOIN ${s.customerTable} c ON ${trimmedSql(`c.${s.customerCode}`, dialect)} = a.COD_CLIENT`;

  const alertas = [
    'SELECT a.COD_CLIENT,',
    `  c.${s.customerName} AS RAZON_SOCIAL,`,
    `  ${trimmedSql(`c.${s.customerSeller}`, dialect)} AS COD_VENDEDOR,`,
    `  v.${s.sellerName} AS NOMBRE_VENDEDOR,`,
    '  a.NIVEL, a.EPISODIO, a.DIAS_ATRASO, a.SALDO_VENCIDO, a.SALDO_PENDIENTE, a.SIN_APLICAR,',
    '  a.ETAPA, a.PROXIMO_PASO, a.FECHA_PROXIMA, a.ROL, a.RESPONSABLE, a.SUSPENDIDA_POR,',
    '  a.MENSAJE, a.ACTUALIZADA',
    `FROM ${t.alerta} a`,
    customerJoin,
    `LEFT JOIN ${s.sellerTable} v ON ${trimmedSql(`v.${s.sellerCode}`, dialect)} = ${trimmedSql(`c.${s.customerSeller}`, dialect)}`,
  ].join('\n');

  const tareasHoy = [
    'SELECT a.ID, a.RESPONSABLE, a.RESPONSABLE_EMAIL, a.ROL, a.FECHA,',
    `  a.COD_CLIENT, c.${s.customerName} AS RAZON_SOCIAL,`,
    '  a.PASO, a.CANALES, a.PLANTILLA, a.ETAPA, a.NIVEL, a.DIAS_ATRASO, a.SALDO_VENCIDO,',
    '  a.COMPROBANTES, a.EPISODIO, a.CREADA',
    `FROM ${t.tarea} a`,
    customerJoin,
    `WHERE a.ESTADO = 'pendiente' AND a.FECHA <= ${todaySql(dialect)}`,
  ].join('\n');

  return [
    { name: t.vAlertas, select: alertas },
    { name: t.vTareasHoy, select: tareasHoy },
    v2AgingView(t, s, dialect),
  ];
}

/**
 * V_TAREAS_HOY of version 5: as version 2's, without the customers the last
 * cycle paused (a promise in force or the contact cap): their tasks stay
 * open but nobody should contact them today, as the digest and Hoy say.
 */
export function v5TasksTodayView(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition {
  const s = checkViewSources(sources);
  const select = [
    'SELECT a.ID, a.RESPONSABLE, a.RESPONSABLE_EMAIL, a.ROL, a.FECHA,',
    `  a.COD_CLIENT, c.${s.customerName} AS RAZON_SOCIAL,`,
    '  a.PASO, a.CANALES, a.PLANTILLA, a.ETAPA, a.NIVEL, a.DIAS_ATRASO, a.SALDO_VENCIDO,',
    '  a.COMPROBANTES, a.EPISODIO, a.CREADA',
    `FROM ${t.tarea} a`,
    `LEFT JOIN ${s.customerTable} c ON ${trimmedSql(`c.${s.customerCode}`, dialect)} = a.COD_CLIENT`,
    `LEFT JOIN ${t.alerta} p ON p.COD_CLIENT = a.COD_CLIENT`,
    `WHERE a.ESTADO = 'pendiente' AND a.FECHA <= ${todaySql(dialect)}`,
    "  AND (p.SUSPENDIDA_POR IS NULL OR p.SUSPENDIDA_POR NOT IN ('promesa_vigente', 'tope_contactos'))",
  ].join('\n');
  return { name: t.vTareasHoy, select };
}

/** Version 2's V_ANTIGUEDAD (superseded by version 4: see aging-schema.ts). */
export function v2AgingView(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition {
  const s = checkViewSources(sources);
  const customerJoin =
    `LEFT JOIN ${s.customerTable} c ON ${trimmedSql(`c.${s.customerCode}`, dialect)} = a.COD_CLIENT`;
  const bucket = (from: number, to: number | null): string =>
    to === null
      ? `CASE WHEN a.DIAS_ATRASO > ${from - 1} THEN a.SALDO_VENCIDO ELSE 0 END`
      : `CASE WHEN a.DIAS_ATRASO BETWEEN ${from} AND ${to} THEN a.SALDO_VENCIDO ELSE 0 END`;
  const antiguedad = [
    `SELECT a.COD_CLIENT, c.${s.customerName} AS RAZON_SOCIAL, a.NIVEL, a.DIAS_ATRASO,`,
    '  a.SALDO_PENDIENTE - a.SALDO_VENCIDO AS A_VENCER,',
    `  ${bucket(1, 30)} AS VENCIDO_1_30,`,
    `  ${bucket(31, 60)} AS VENCIDO_31_60,`,
    `  ${bucket(61, 90)} AS VENCIDO_61_90,`,
    `  ${bucket(91, null)} AS VENCIDO_MAS_90,`,
    '  a.SALDO_VENCIDO, a.SALDO_PENDIENTE, a.ACTUALIZADA',
    `FROM ${t.alerta} a`,
    customerJoin,
  ].join('\n');
  return { name: t.vAntiguedad, select: antiguedad };
}
