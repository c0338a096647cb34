/**
 * The T-SQL scripts shipped in sql/ for DBAs (and printed by `db sql`):
 * creation (idempotent, doubles as upgrade), uninstall and least-privilege
 * grants. Table DDL comes from the same knex definitions the migrations run,
 * compiled with knex's SQL Server schema compiler, so script and service never
 * disagree about the schema.
 */
import { mssqlCompiler } from '../connection';
import { agingTableDefinition, agingViewDefinition } from './aging-schema';
import { kpiTableDefinition, kpiViewDefinitions } from './kpi-schema';
import { buildMigrationTable, MIGRATIONS } from './migrations';
import { v1Tables, type TableDefinition } from './schema-v1';
import type { AddonTables } from './tables';
import { TANGO_VIEW_SOURCES, viewDefinitions, type ViewSources } from './views';

const SCHEMA = 'dbo';

/** ERP tables the service reads (Tango): the grants script gives SELECT on these only. */
export const TANGO_READ_TABLES: readonly string[] = ['GVA12', 'GVA46', 'GVA07', 'GVA15', 'GVA14', 'GVA23', 'SBA14'];

function sqlString(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}

function qualified(name: string): string {
  return `${SCHEMA}.${name}`;
}

function tableDdl(def: TableDefinition): string[] {
  return mssqlCompiler()
    .schema.withSchema(SCHEMA)
    .createTable(def.name, def.build)
    .toSQL()
    .map((s) => s.sql);
}

function guardedTable(def: TableDefinition): string {
  const body = tableDdl(def).map((s) => `  ${s};`).join('\n');
  return `IF OBJECT_ID(${sqlString(qualified(def.name))}, N'U') IS NULL\nBEGIN\n${body}\nEND\nGO`;
}

function header(title: string, lines: string[]): string {
  return [
    `-- ${title}`,
    '-- Generado por cadencia: no lo edite a mano; regenérelo con `cadencia db sql`.',
    ...lines.map((l) => (l ? `-- ${l}` : '--')),
    '',
    'SET ANSI_NULLS ON;',
    'SET QUOTED_IDENTIFIER ON;',
    'GO',
  ].join('\n');
}

/** Every add-on table, in creation order (v1, the KPI snapshot of v3, the aging per customer of v4). */
function allTables(t: AddonTables): TableDefinition[] {
  return [...v1Tables(t), kpiTableDefinition(t), agingTableDefinition(t)];
}

/** Every add-on view as SQL Server sees it, latest version (v2 ERP views with v4's V_ANTIGUEDAD, v3 KPI views). */
function allViews(t: AddonTables, sources: ViewSources) {
  const latest = agingViewDefinition(t, sources, 'mssql');
  return [
    ...viewDefinitions(t, sources, 'mssql').map((v) => (v.name === latest.name ? latest : v)),
    ...kpiViewDefinitions(t, sources, 'mssql'),
  ];
}

/** Full creation script: tables, indexes, views and the MIGRACION rows. Safe to run again. */
export function addonSqlScript(t: AddonTables, sources: ViewSources = TANGO_VIEW_SOURCES): string {
  const parts: string[] = [
    header('cadencia: objetos del complemento de cobranzas (tablas, índices y vistas).', [
      'Ejecútelo una vez en la base de la empresa, conectado como dbo (db_owner).',
      'Es idempotente: crea solo lo que falta y actualiza las vistas, así que sirve también',
      'para actualizar una instalación anterior. No modifica ninguna tabla del ERP.',
      `Todos los objetos llevan el prefijo ${t.prefix}. El servicio detecta las versiones`,
      `registradas en ${t.migracion} y no necesita permisos para crear objetos.`,
      '',
      `${t.vAntiguedad}: antigüedad del saldo de cada cliente con saldo pendiente. Cada cuota se`,
      'ubica en el tramo de sus propios días de atraso; A_VENCER es lo que todavía no venció.',
      'Refleja el último ciclo (FECHA) y suma lo mismo que la foto diaria de KPI_DIA de ese día.',
    ]),
  ];
  const migrationTable: TableDefinition = { name: t.migracion, build: (c) => buildMigrationTable(c, t) };
  for (const def of [migrationTable, ...allTables(t)]) parts.push(guardedTable(def));
  for (const view of allViews(t, sources)) {
    const name = qualified(view.name);
    parts.push(
      `IF OBJECT_ID(${sqlString(name)}, N'V') IS NULL\n  EXEC(N'CREATE VIEW ${name} AS SELECT 1 AS PROVISORIA');\nGO`,
      `ALTER VIEW ${name} AS\n${view.select};\nGO`,
    );
  }
  for (const m of MIGRATIONS) {
    parts.push(
      `IF NOT EXISTS (SELECT 1 FROM ${qualified(t.migracion)} WHERE VERSION = ${m.version})\n` +
        `  INSERT INTO ${qualified(t.migracion)} (VERSION, NOMBRE, APLICADA) VALUES (${m.version}, ${sqlString(m.name)}, SYSDATETIME());\nGO`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** Drops every add-on object (views first, then tables) and nothing else. */
export function uninstallSqlScript(t: AddonTables): string {
  const parts: string[] = [
    header('cadencia: desinstalación de los objetos del complemento.', [
      `Borra SOLO las vistas y tablas de cadencia (prefijo ${t.prefix}), con sus datos:`,
      'tareas, contactos registrados, historial de niveles y correos. Haga una copia antes.',
      'Las tablas del ERP no se tocan. El usuario y el inicio de sesión del servicio, si los',
      'creó con cadencia-permisos.sql, se borran a mano (DROP USER / DROP LOGIN).',
    ]),
  ];
  for (const v of allViews(t, TANGO_VIEW_SOURCES).map((d) => d.name).reverse()) {
    parts.push(`IF OBJECT_ID(${sqlString(qualified(v))}, N'V') IS NOT NULL\n  DROP VIEW ${qualified(v)};\nGO`);
  }
  for (const name of [...allTables(t).map((d) => d.name).reverse(), t.migracion]) {
    parts.push(`IF OBJECT_ID(${sqlString(qualified(name))}, N'U') IS NOT NULL\n  DROP TABLE ${qualified(name)};\nGO`);
  }
  return `${parts.join('\n\n')}\n`;
}

export interface GrantOptions {
  /** ERP tables the service reads. */
  erpTables?: readonly string[];
  login?: string;
}

/** Least-privilege login and user for the service. */
export function grantsSqlScript(t: AddonTables, opts: GrantOptions = {}): string {
  const login = opts.login ?? 'cadencia';
  const erpTables = opts.erpTables ?? TANGO_READ_TABLES;
  const tables = allTables(t).map((d) => d.name);
  const parts: string[] = [
    header('cadencia: usuario de mínimo privilegio para el servicio.', [
      'Esquema de permisos elegido: el DBA ejecuta cadencia-crear.sql una vez como dbo; el',
      'servicio NO recibe CREATE TABLE, CREATE VIEW ni ALTER sobre el esquema dbo (Tango lee dbo',
      'y esos permisos alcanzarían a las tablas del ERP). El servicio solo puede:',
      '  - leer (SELECT) las tablas del ERP que consulta;',
      `  - leer y escribir (SELECT, INSERT, UPDATE, DELETE) sus propias tablas ${t.prefix}*;`,
      `  - leer ${t.migracion} (ve que el esquema ya está creado y no intenta crearlo) y sus vistas.`,
      'Para una versión nueva del esquema, el DBA vuelve a ejecutar cadencia-crear.sql.',
      '',
      'Reemplace <CONTRASEÑA> (o use un inicio de sesión de Windows) y ejecute en la base de la',
      'empresa; CREATE LOGIN se ejecuta una sola vez por servidor.',
    ]),
    `IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = ${sqlString(login)})\n` +
      `  CREATE LOGIN [${login}] WITH PASSWORD = N'<CONTRASEÑA>', CHECK_POLICY = ON;\nGO`,
    `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${sqlString(login)})\n` +
      `  CREATE USER [${login}] FOR LOGIN [${login}] WITH DEFAULT_SCHEMA = ${SCHEMA};\nGO`,
    `-- Lectura de las tablas del ERP (nunca escritura)\n` +
      erpTables.map((n) => `GRANT SELECT ON ${qualified(n)} TO [${login}];`).join('\n') + '\nGO',
    `-- Tablas propias\n` +
      tables.map((n) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${qualified(n)} TO [${login}];`).join('\n') +
      `\nGRANT SELECT ON ${qualified(t.migracion)} TO [${login}];\nGO`,
    `-- Vistas propias\n` +
      allViews(t, TANGO_VIEW_SOURCES).map((v) => `GRANT SELECT ON ${qualified(v.name)} TO [${login}];`).join('\n') +
      '\nGO',
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The scripts shipped in sql/, by file name (also what `db sql` prints). */
export function shippedSqlScripts(t: AddonTables, sources: ViewSources = TANGO_VIEW_SOURCES): Record<string, string> {
  return {
    'cadencia-crear.sql': addonSqlScript(t, sources),
    'cadencia-desinstalar.sql': uninstallSqlScript(t),
    'cadencia-permisos.sql': grantsSqlScript(t),
  };
}
