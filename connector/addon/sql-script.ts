/**
 * The T-SQL scripts shipped in sql/ for DBAs (and printed by `db sql`):
 * creation (idempotent, doubles as upgrade), uninstall and least-privilege
 * grants. Table DDL comes from the same knex definitions the migrations run,
 * compiled with knex's SQL Server schema compiler, so script and service never
 * disagree about the schema.
 */
import { mssqlCompiler } from '../connection';
import { agingTableDefinition } from './aging-schema';
import { kpiTableDefinition } from './kpi-schema';
import { latestViewNames, latestViews } from './latest-views';
import { buildMigrationTable, MIGRATIONS } from './migrations';
import { v1Tables, type TableDefinition } from './schema-v1';
import { V5_COLUMNS, v5Tables } from './schema-v5';
import type { ErpProfile } from '../profiles/profile';
import type { AddonTables } from './tables';
import type { ViewSources } from './views';

const SCHEMA = 'dbo';

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

function header(title: string, lines: string[], profile?: string): string {
  return [
    `-- ${title}`,
    '-- Generado por cadencia: no lo edite a mano; regenérelo con `cadencia db sql`.',
    ...(profile ? [`-- Perfil del ERP: ${profile} (el de [erp] perfil en el INI).`] : []),
    ...lines.map((l) => (l ? `-- ${l}` : '--')),
    '',
    'SET ANSI_NULLS ON;',
    'SET QUOTED_IDENTIFIER ON;',
    'GO',
  ].join('\n');
}

/** Every add-on table, in creation order (v1, the KPI snapshot of v3, the aging per customer of v4, the worklist's of v5). */
function allTables(t: AddonTables): TableDefinition[] {
  return [...v1Tables(t), kpiTableDefinition(t), agingTableDefinition(t), ...v5Tables(t)];
}

/** Columns later versions add to older tables: added only where missing, so the script upgrades too. */
function guardedColumns(t: AddonTables): string[] {
  return V5_COLUMNS.map((col) => {
    const table = col.table(t);
    const body = mssqlCompiler().schema.withSchema(SCHEMA).alterTable(table, col.add).toSQL()
      .map((s) => `  ${s.sql};`).join('\n');
    return `IF COL_LENGTH(${sqlString(qualified(table))}, ${sqlString(col.column)}) IS NULL\nBEGIN\n${body}\nEND\nGO`;
  });
}

function allViews(t: AddonTables, sources: ViewSources) {
  return latestViews(t, sources, 'mssql');
}

const allViewNames = latestViewNames;

/** Full creation script: tables, indexes, views and the MIGRACION rows. Safe to run again. */
export function addonSqlScript(t: AddonTables, profile: Pick<ErpProfile, 'name' | 'addon'>): string {
  const sources = profile.addon.views;
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
      '',
      'Las vistas se vuelven a crear en cada ejecución: si dio permisos con cadencia-permisos.sql,',
      'ejecútelo de nuevo después (repone el SELECT sobre las vistas).',
    ], profile.name),
  ];
  const migrationTable: TableDefinition = { name: t.migracion, build: (c) => buildMigrationTable(c, t) };
  for (const def of [migrationTable, ...allTables(t)]) parts.push(guardedTable(def));
  parts.push(...guardedColumns(t));
  for (const view of allViews(t, sources)) {
    const name = qualified(view.name);
    // DROP + CREATE rather than ALTER VIEW / CREATE OR ALTER: valid on SQL Server 2014
    // and on every T-SQL server we test against. A recreated view loses its grants,
    // which cadencia-permisos.sql (idempotent) puts back.
    parts.push(
      `IF OBJECT_ID(${sqlString(name)}, N'V') IS NOT NULL\n  DROP VIEW ${name};\nGO`,
      `CREATE VIEW ${name} AS\n${view.select};\nGO`,
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
  for (const v of allViewNames(t).reverse()) {
    parts.push(`IF OBJECT_ID(${sqlString(qualified(v))}, N'V') IS NOT NULL\n  DROP VIEW ${qualified(v)};\nGO`);
  }
  for (const name of [...allTables(t).map((d) => d.name).reverse(), t.migracion]) {
    parts.push(`IF OBJECT_ID(${sqlString(qualified(name))}, N'U') IS NOT NULL\n  DROP TABLE ${qualified(name)};\nGO`);
  }
  return `${parts.join('\n\n')}\n`;
}

export interface GrantOptions {
  login?: string;
}

/** Least-privilege login and user for the service; SELECT only on the ERP tables the profile reads. */
export function grantsSqlScript(t: AddonTables, profile: Pick<ErpProfile, 'name' | 'addon'>, opts: GrantOptions = {}): string {
  const login = opts.login ?? 'cadencia';
  const erpTables = profile.addon.readTables;
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
    ], profile.name),
    `IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = ${sqlString(login)})\n` +
      `  CREATE LOGIN [${login}] WITH PASSWORD = N'<CONTRASEÑA>';\nGO`,
    `IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = ${sqlString(login)})\n` +
      `  CREATE USER [${login}] FOR LOGIN [${login}] WITH DEFAULT_SCHEMA = ${SCHEMA};\nGO`,
    `-- Lectura de las tablas del ERP (nunca escritura)\n` +
      erpTables.map((n) => `GRANT SELECT ON ${qualified(n)} TO [${login}];`).join('\n') + '\nGO',
    `-- Tablas propias\n` +
      tables.map((n) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${qualified(n)} TO [${login}];`).join('\n') +
      `\nGRANT SELECT ON ${qualified(t.migracion)} TO [${login}];\nGO`,
    `-- Vistas propias\n` +
      allViewNames(t).map((v) => `GRANT SELECT ON ${qualified(v)} TO [${login}];`).join('\n') +
      '\nGO',
  ];
  return `${parts.join('\n\n')}\n`;
}

/** The scripts for one profile, by file name (what `db sql` prints; sql/ ships Tango's). */
export function shippedSqlScripts(t: AddonTables, profile: Pick<ErpProfile, 'name' | 'addon'>): Record<string, string> {
  return {
    'cadencia-crear.sql': addonSqlScript(t, profile),
    'cadencia-desinstalar.sql': uninstallSqlScript(t),
    'cadencia-permisos.sql': grantsSqlScript(t, profile),
  };
}
