/**
 * Versioned migrations of the add-on schema, tracked in `${prefix}MIGRACION`.
 * The same code runs on SQLite and SQL Server; each version is applied in its
 * own transaction (both dialects accept DDL inside a transaction). A database
 * prepared by a DBA with sql/cadencia-crear.sql already carries the rows of
 * MIGRACION, so `migrate` finds nothing to do and needs no DDL rights.
 */
import type { Knex } from 'knex';
import { dialectOf } from '../connection';
import { agingTableDefinition, agingTableName, agingViewDefinition } from './aging-schema';
import { downV3, upV3 } from './migration-v3-kpi';
import { downV1, upV1 } from './schema-v1';
import { downV5, upV5 } from './schema-v5';
import type { AddonTables } from './tables';
import { TANGO_VIEW_SOURCES, v2AgingView, viewDefinitions, type ViewSources } from './views';

export interface Migration {
  version: number;
  /** Spanish description stored in MIGRACION. */
  name: string;
  up(db: Knex, t: AddonTables, sources: ViewSources): Promise<void>;
  down(db: Knex, t: AddonTables, sources: ViewSources): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'Tablas del complemento',
    up: (db, t) => upV1(db, t),
    down: (db, t) => downV1(db, t),
  },
  {
    version: 2,
    name: 'Vistas para el ERP',
    async up(db, t, sources) {
      for (const view of viewDefinitions(t, sources, dialectOf(db))) {
        await db.raw(`CREATE VIEW ${view.name} AS\n${view.select}`);
      }
    },
    async down(db, t) {
      for (const name of [t.vAntiguedad, t.vTareasHoy, t.vAlertas]) await db.schema.dropViewIfExists(name);
    },
  },
  {
    version: 3,
    name: 'Indicadores diarios de cobranza',
    up: (db, t, sources) => upV3(db, t, sources),
    down: (db, t) => downV3(db, t),
  },
  {
    version: 4,
    name: 'Antigüedad por cuota',
    async up(db, t, sources) {
      const def = agingTableDefinition(t);
      await db.schema.createTable(def.name, def.build);
      // SQL Server 2014 has no CREATE OR ALTER VIEW: drop and create, inside the migration's transaction.
      await db.schema.dropViewIfExists(t.vAntiguedad);
      const view = agingViewDefinition(t, sources, dialectOf(db));
      await db.raw(`CREATE VIEW ${view.name} AS\n${view.select}`);
    },
    async down(db, t, sources) {
      await db.schema.dropViewIfExists(t.vAntiguedad);
      const view = v2AgingView(t, sources, dialectOf(db));
      await db.raw(`CREATE VIEW ${view.name} AS\n${view.select}`);
      await db.schema.dropTableIfExists(agingTableName(t));
    },
  },
  {
    version: 5,
    name: 'Lista de trabajo en el navegador',
    up: (db, t, sources) => upV5(db, t, sources),
    down: (db, t, sources) => downV5(db, t, sources),
  },
];

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Columns of the migration log (also used by the T-SQL script). */
export function buildMigrationTable(c: Knex.CreateTableBuilder, t: AddonTables): void {
  c.integer('VERSION').primary(`PK_${t.migracion}`);
  c.string('NOMBRE', 100).notNullable();
  c.datetime('APLICADA').notNullable();
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: number[];
}

async function ensureMigrationTable(db: Knex, t: AddonTables): Promise<void> {
  if (await db.schema.hasTable(t.migracion)) return;
  try {
    await db.schema.createTable(t.migracion, (c) => buildMigrationTable(c, t));
  } catch (err) {
    // Another process created it between our look and our CREATE: that is fine.
    if (!(await db.schema.hasTable(t.migracion))) throw err;
  }
}

/** Thrown inside a migration's transaction when another process applied that version first. */
class AppliedElsewhere extends Error {}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { number?: number; message?: string };
  return e.number === 2627 || e.number === 2601 || /UNIQUE constraint|PRIMARY KEY|duplicate key/i.test(e.message ?? '');
}

function isBusy(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === 'SQLITE_BUSY' || /database is locked|lock request time out/i.test(e.message ?? '');
}

/** Versions recorded in MIGRACION (empty when the table does not exist). */
export async function appliedVersions(db: Knex, t: AddonTables): Promise<number[]> {
  if (!(await db.schema.hasTable(t.migracion))) return [];
  const rows = await db(t.migracion).select('VERSION').orderBy('VERSION');
  return rows.map((r: { VERSION: number | string }) => Number(r.VERSION));
}

/** Applies every missing migration, in order, each in its own transaction. */
export async function migrate(
  db: Knex, t: AddonTables, sources: ViewSources = TANGO_VIEW_SOURCES, now: () => Date = () => new Date(),
): Promise<MigrationResult> {
  await ensureMigrationTable(db, t);
  const done = new Set(await appliedVersions(db, t));
  const from = Math.max(0, ...done);
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    try {
      await db.transaction(async (trx) => {
        // The version's row first: it is the migration lock. A second process migrating at the same
        // time waits on this row (SQL Server's key lock, SQLite's write lock) until the first commits,
        // then finds the version applied and skips it, instead of failing on «table already exists».
        try {
          await trx(t.migracion).insert({ VERSION: m.version, NOMBRE: m.name, APLICADA: now() });
        } catch (err) {
          if (isDuplicateKey(err)) throw new AppliedElsewhere();
          throw err;
        }
        await m.up(trx, t, sources);
      });
    } catch (err) {
      if (err instanceof AppliedElsewhere) continue;
      if (isBusy(err)) {
        throw new Error(
          `No se pudo aplicar la versión ${m.version} del esquema («${m.name}»): otro proceso de cadencia está ` +
            'actualizando las tablas de esta base y no terminó a tiempo. Espere a que termine y vuelva a intentar.',
          { cause: err },
        );
      }
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(
        `No se pudo aplicar la versión ${m.version} del esquema («${m.name}»): ${reason}. ` +
          'Si el usuario del servicio no tiene permiso para crear objetos, pida al administrador de la base ' +
          'que ejecute sql/cadencia-crear.sql.',
        { cause: err },
      );
    }
    applied.push(m.version);
  }
  return { from, to: Math.max(from, ...applied), applied };
}

/**
 * Undoes applied migrations above `toVersion`, newest first. Rolling back to 0
 * also drops MIGRACION, leaving no add-on object behind; ERP tables are never touched.
 */
export async function rollback(
  db: Knex, t: AddonTables, toVersion: number, sources: ViewSources = TANGO_VIEW_SOURCES,
): Promise<MigrationResult> {
  const done = await appliedVersions(db, t);
  const from = Math.max(0, ...done);
  const reverted: number[] = [];
  for (const m of [...MIGRATIONS].reverse()) {
    if (m.version <= toVersion || !done.includes(m.version)) continue;
    await db.transaction(async (trx) => {
      await m.down(trx, t, sources);
      await trx(t.migracion).where('VERSION', m.version).delete();
    });
    reverted.push(m.version);
  }
  if (toVersion <= 0) await db.schema.dropTableIfExists(t.migracion);
  return { from, to: Math.min(from, Math.max(0, toVersion)), applied: reverted };
}
