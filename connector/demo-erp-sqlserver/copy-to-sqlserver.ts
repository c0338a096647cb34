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
import { TYPES, type Connection } from 'tedious';
import { dialectOf } from '../connection';
import { BEJERMAN_SQLSERVER_TABLES, TANGO_SQLSERVER_TABLES, type SqlServerDemoTable } from './ddl';

export type DemoShape = 'tango' | 'bejerman';

export interface CopySummary {
  tables: number;
  rows: number;
  elapsedMs: number;
}

const STAGE_PREFIX = 'DEMO_CARGA_';

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
  // As text, CAST by the server: the column gets exactly the cents, never a binary float.
  return Number(value).toFixed(4);
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
  await dropDemoTables(db, shape);
  for (const t of tables) await db.raw(t.ddl);

  const source = new DatabaseSync(sqliteFile, { readOnly: true });
  let rows = 0;
  try {
    for (const t of tables) rows += await copyTable(db, source, t);
  } finally {
    source.close();
  }
  for (const t of tables) for (const ix of t.indexes) await db.raw(ix);
  return { tables: tables.length, rows, elapsedMs: Date.now() - started };
}

/** Drops the demo's tables (ERP-shaped and ground truth) from a demo database. */
export async function dropDemoTables(db: Knex, shape: DemoShape): Promise<void> {
  for (const t of [...tablesOf(shape)].reverse()) {
    for (const name of [t.name, `${STAGE_PREFIX}${t.name}`]) {
      await db.raw(`IF OBJECT_ID(N'dbo.${name}', N'U') IS NOT NULL DROP TABLE dbo.${name}`);
    }
  }
}

/**
 * One table through TDS bulk copy (fast: the demo can hold a million
 * installments). Amounts travel as text into a staging table and are CAST to
 * DECIMAL by the server, and rows keep their order (SEQ) so IDENTITY values
 * match the SQLite demo's row ids.
 */
async function copyTable(db: Knex, source: DatabaseSync, t: SqlServerDemoTable): Promise<number> {
  const count = Number((source.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n);
  if (count === 0) return 0; // an empty bulk copy is a protocol error on some servers: nothing to send
  const stage = `${STAGE_PREFIX}${t.name}`;
  const stageType = (kind: string): string => (kind === 'date' ? 'DATETIME' : kind === 'int' ? 'INT' : 'NVARCHAR(255)');
  await db.raw(`IF OBJECT_ID(N'dbo.${stage}', N'U') IS NOT NULL DROP TABLE dbo.${stage}`);
  await db.raw(`CREATE TABLE dbo.${stage} (SEQ INT NOT NULL, ${t.columns.map((c) => `${c.name} ${stageType(c.kind)} NULL`).join(', ')})`);
  const names = t.columns.map((c) => c.name);
  const select = source.prepare(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${t.name}" ORDER BY rowid`);
  let seq = 0;
  const convert = t.columns.map((c) =>
    c.kind === 'date' ? dateValue : c.kind === 'decimal' ? decimalValue : c.kind === 'int' ? intValue : textValue,
  );
  async function* rowsOf(): AsyncGenerator<unknown[]> {
    for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
      seq += 1;
      yield [seq, ...names.map((n, i) => (convert[i] as (v: unknown) => unknown)(row[n]))];
    }
  }
  const client = db.client as { acquireConnection(): Promise<Connection>; releaseConnection(c: Connection): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    await new Promise<void>((resolve, reject) => {
      const bulk = connection.newBulkLoad(`dbo.${stage}`, { keepNulls: true }, (err) => (err ? reject(err) : resolve()));
      bulk.addColumn('SEQ', TYPES.Int, { nullable: false });
      for (const c of t.columns) {
        if (c.kind === 'date') bulk.addColumn(c.name, TYPES.DateTime, { nullable: true });
        else if (c.kind === 'int') bulk.addColumn(c.name, TYPES.Int, { nullable: true });
        else bulk.addColumn(c.name, TYPES.NVarChar, { length: 255, nullable: true });
      }
      connection.execBulkLoad(bulk, rowsOf());
    });
  } finally {
    await client.releaseConnection(connection);
  }
  const cast = t.columns.map((c) => (c.kind === 'decimal' ? `CAST(${c.name} AS DECIMAL(18,4))` : c.name));
  await db.raw(`INSERT INTO dbo.${t.name} (${names.join(', ')}) SELECT ${cast.join(', ')} FROM dbo.${stage} ORDER BY SEQ`);
  await db.raw(`DROP TABLE dbo.${stage}`);
  return seq;
}

function intValue(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  return Number(value);
}

function textValue(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
