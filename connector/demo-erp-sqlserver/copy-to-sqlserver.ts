/**
 * Puts a demo ERP on SQL Server. The demo generators write SQLite (fast,
 * deterministic, with their ground truth); this copies what they wrote into a
 * SQL Server database with the column types the real ERPs use there: CHAR
 * keys padded with blanks, DECIMAL amounts, DATETIME dates with 1800-01-01 as
 * "no date". The same seed thus gives the same ERP, row for row, on both
 * engines, and the ground-truth tables come along.
 *
 * Safety: it only ever replaces a database that is empty of ERP tables or that
 * holds an earlier demo (DEMO_INFO): it refuses to touch a real ERP database.
 */
import { DatabaseSync } from 'node:sqlite';
import type { Knex } from 'knex';
import { dialectOf } from '../connection';
import { BEJERMAN_SQLSERVER_TABLES, TANGO_SQLSERVER_TABLES, type SqlServerDemoTable } from './ddl';

export type DemoShape = 'tango' | 'bejerman';

export interface CopySummary {
  tables: number;
  rows: number;
  elapsedMs: number;
}

/** SQL Server accepts at most 2,100 parameters per request and 1,000 rows per VALUES list. */
const MAX_PARAMETERS = 2_000;
const MAX_VALUES_ROWS = 1_000;

export class DemoTargetNotEmptyError extends Error {}

function tablesOf(shape: DemoShape): readonly SqlServerDemoTable[] {
  return shape === 'tango' ? TANGO_SQLSERVER_TABLES : BEJERMAN_SQLSERVER_TABLES;
}

async function tableExists(db: Knex, name: string): Promise<boolean> {
  const rows = (await db.raw('SELECT CASE WHEN OBJECT_ID(?, ?) IS NULL THEN 0 ELSE 1 END AS [found]', [`dbo.${name}`, 'U'])) as {
    found: number;
  }[];
  return Number(rows[0]?.found ?? 0) === 1;
}

/** Refuses a database that holds ERP tables but no earlier demo. */
export async function assertDemoTarget(db: Knex, shape: DemoShape, database: string): Promise<void> {
  if (await tableExists(db, 'DEMO_INFO')) return;
  const present: string[] = [];
  for (const t of tablesOf(shape)) if (!t.name.startsWith('DEMO_') && (await tableExists(db, t.name))) present.push(t.name);
  if (present.length > 0) {
    throw new DemoTargetNotEmptyError(
      `La base «${database}» ya tiene tablas del ERP (${present.join(', ')}) y no es una demostración anterior: ` +
        'la demo sólo se genera en una base vacía o en una demo previa. Cree una base nueva para la demostración.',
    );
  }
}

/** A DATETIME from the SQLite demo ('YYYY-MM-DD HH:MM:SS' text) as a typed UTC Date (no DATEFORMAT dependence). */
function dateValue(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const text = String(value);
  const d = new Date(`${text.slice(0, 10)}T${text.length >= 19 ? text.slice(11, 19) : '00:00:00'}Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`Fecha ilegible en la demo: «${text}».`);
  return d;
}

function decimalValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // As text: DECIMAL(18,2) gets exactly the cents, never a binary float.
  return Number(value).toFixed(2);
}

/**
 * Copies every table of the given demo shape from the SQLite file into the
 * SQL Server database behind `db`, dropping an earlier demo first.
 */
export async function copyDemoToSqlServer(sqliteFile: string, db: Knex, shape: DemoShape, database: string): Promise<CopySummary> {
  if (dialectOf(db) !== 'mssql') throw new Error('copyDemoToSqlServer: the target is not SQL Server.');
  const started = Date.now();
  await assertDemoTarget(db, shape, database);
  const tables = tablesOf(shape);
  for (const t of [...tables].reverse()) {
    await db.raw(`IF OBJECT_ID(N'dbo.${t.name}', N'U') IS NOT NULL DROP TABLE dbo.${t.name}`);
  }
  for (const t of tables) await db.raw(t.ddl);

  const source = new DatabaseSync(sqliteFile, { readOnly: true });
  let rows = 0;
  try {
    for (const t of tables) {
      const names = t.columns.map((c) => c.name);
      const perStatement = Math.max(1, Math.min(MAX_VALUES_ROWS, Math.floor(MAX_PARAMETERS / names.length)));
      const convert = t.columns.map((c) =>
        c.kind === 'date' ? dateValue : c.kind === 'decimal' ? decimalValue : (v: unknown) => (v === undefined ? null : v),
      );
      let batch: Record<string, unknown>[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        await db(t.name).insert(batch);
        rows += batch.length;
        batch = [];
      };
      const select = source.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${t.name}" ORDER BY rowid`);
      for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
        const out: Record<string, unknown> = {};
        names.forEach((n, i) => {
          out[n] = (convert[i] as (v: unknown) => unknown)(row[n]);
        });
        batch.push(out);
        if (batch.length === perStatement) await flush();
      }
      await flush();
    }
  } finally {
    source.close();
  }
  for (const t of tables) for (const ix of t.indexes) await db.raw(ix);
  return { tables: tables.length, rows, elapsedMs: Date.now() - started };
}

/** Drops the demo's tables (ERP-shaped and ground truth) from a demo database. */
export async function dropDemoTables(db: Knex, shape: DemoShape): Promise<void> {
  for (const t of [...tablesOf(shape)].reverse()) {
    await db.raw(`IF OBJECT_ID(N'dbo.${t.name}', N'U') IS NOT NULL DROP TABLE dbo.${t.name}`);
  }
}
