/**
 * Verifies that the CADENCIA_* views exist with the expected columns and
 * compatible types: INFORMATION_SCHEMA.COLUMNS on SQL Server (one query),
 * pragma_table_info on SQLite. Messages in Spanish name the view and column.
 *
 * On SQLite a view column computed by an expression has no declared type;
 * such a column is accepted (wrap it in CAST(… AS …) to have it checked).
 */
import type { Knex } from 'knex';
import { dialectOf } from '../../connection';
import { CADENCIA_VIEWS, type ColumnKind } from './schema';

export interface ViewCheck {
  ok: boolean;
  problems: string[];
}

interface ColumnInfo {
  view: string;
  column: string;
  type: string;
}

const EXPECTED: Record<ColumnKind, string> = {
  texto: 'un texto (char, varchar, nchar o nvarchar)',
  fecha: 'una fecha (date, datetime, datetime2 o smalldatetime)',
  numero: 'un número (decimal, numeric, money, float, real o entero)',
  marca: 'una marca sí/no (bit, entero o char con S/N)',
};

/** The kinds a declared type can hold ('' = unknown: accepted). */
function kindsOf(type: string): ColumnKind[] | null {
  const t = type.trim().toUpperCase();
  if (t === '') return null;
  const base = t.replace(/\(.*$/, '').trim();
  if (/^(BIT|BOOL|BOOLEAN)$/.test(base)) return ['marca'];
  if (base.includes('INT')) return ['numero', 'marca'];
  if (/CHAR|CLOB|TEXT/.test(base)) return base.includes('CHAR') ? ['texto', 'marca'] : ['texto'];
  if (/^(DATE|DATETIME|DATETIME2|SMALLDATETIME|DATETIMEOFFSET)$/.test(base)) return ['fecha'];
  if (/REAL|FLOA|DOUB|DEC|NUM|MONEY/.test(base)) return ['numero'];
  return [];
}

async function sqlServerColumns(db: Knex, views: string[]): Promise<ColumnInfo[]> {
  const rows = (await db('INFORMATION_SCHEMA.COLUMNS')
    .select({ view: 'TABLE_NAME', column: 'COLUMN_NAME', type: 'DATA_TYPE' })
    .whereIn('TABLE_NAME', views)) as ColumnInfo[];
  return rows.map((r) => ({ view: String(r.view), column: String(r.column), type: String(r.type ?? '') }));
}

async function sqliteColumns(db: Knex, views: string[]): Promise<ColumnInfo[]> {
  const out: ColumnInfo[] = [];
  for (const view of views) {
    const rows = (await db.raw('SELECT name, type FROM pragma_table_info(?)', [view])) as { name: string; type: string }[];
    for (const r of rows) out.push({ view, column: String(r.name), type: String(r.type ?? '') });
  }
  return out;
}

/** The T-SQL (or SQLite SQL) the check sends to read the views' columns on SQL Server, for review. */
export function viewColumnsStatement(db: Knex): string {
  return db('INFORMATION_SCHEMA.COLUMNS')
    .select({ view: 'TABLE_NAME', column: 'COLUMN_NAME', type: 'DATA_TYPE' })
    .whereIn('TABLE_NAME', CADENCIA_VIEWS.map((v) => v.name))
    .toSQL().toNative().sql;
}

/**
 * Checks the views the profile reads. Only the 'vistas' profile reads views;
 * for the others there is nothing to check.
 */
export async function checkViews(db: Knex, profileName: string): Promise<ViewCheck> {
  if (profileName !== 'vistas') return { ok: true, problems: [] };
  const names = CADENCIA_VIEWS.map((v) => v.name);
  const columns = dialectOf(db) === 'mssql' ? await sqlServerColumns(db, names) : await sqliteColumns(db, names);
  const problems: string[] = [];
  for (const view of CADENCIA_VIEWS) {
    const found = new Map(
      columns.filter((c) => c.view.toUpperCase() === view.name).map((c) => [c.column.toUpperCase(), c]),
    );
    if (found.size === 0) {
      problems.push(`Falta la vista ${view.name} (o el usuario de cadencia no tiene permiso para verla).`);
      continue;
    }
    for (const [column, kind] of Object.entries(view.columns)) {
      const info = found.get(column);
      if (!info) {
        problems.push(`La vista ${view.name} no tiene la columna ${column} (se esperaba ${EXPECTED[kind]}).`);
        continue;
      }
      const kinds = kindsOf(info.type);
      if (kinds !== null && !kinds.includes(kind)) {
        problems.push(
          `La columna ${column} de la vista ${view.name} es de tipo «${info.type.toLowerCase()}»; se esperaba ${EXPECTED[kind]}.`,
        );
      }
    }
  }
  return { ok: problems.length === 0, problems };
}
