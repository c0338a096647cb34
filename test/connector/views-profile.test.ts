import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlCompiler, openDatabase } from '../../connector/connection';
import { generateDemoErp, installmentKey, openInstallmentsGroundTruth } from '../../connector/demo-erp';
import type { RowIssue } from '../../connector/profiles/profile';
import { tangoProfile } from '../../connector/profiles/tango';
import { CADENCIA_VIEWS, checkViews, viewsProfile } from '../../connector/profiles/views';
import { viewColumnsStatement } from '../../connector/profiles/views/check-views';

const asOf = '2025-06-30';
const opts = { asOf, lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };
const SQL_DIR = resolve(import.meta.dirname, '../../sql');
const SQLITE_VIEWS = readFileSync(join(SQL_DIR, 'vistas-tango-sqlite.sql'), 'utf8');
const TSQL_TEMPLATE = readFileSync(join(SQL_DIR, 'vistas-plantilla.sql'), 'utf8');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cadencia-views-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A Tango demo with the example CADENCIA_* views created over it. */
async function demoWithViews(name: string, seed: number): Promise<Knex> {
  const file = join(dir, name);
  await generateDemoErp({ file, seed, asOf, customers: 60 });
  const db = openDatabase({ kind: 'sqlite', file });
  for (const statement of SQLITE_VIEWS.replace(/^--.*$/gm, '').split(';').map((s) => s.trim()).filter(Boolean)) {
    await db.raw(statement);
  }
  return db;
}

describe('views profile over the example views on a Tango demo', () => {
  for (const seed of [1, 42]) {
    it(`pending equals the generator ground truth (seed ${seed})`, async () => {
      const db = await demoWithViews(`views-${seed}.sqlite`, seed);
      try {
        const issues: RowIssue[] = [];
        const rows = await collect(viewsProfile.openInstallments(db, opts, (i) => issues.push(i)));
        const truth = await openInstallmentsGroundTruth(db);
        expect(issues).toEqual([]);
        const expected = [...truth].filter(([, p]) => p > opts.tolerance);
        expect(expected.length).toBeGreaterThan(10);
        const got = new Map(rows.map((r) => [installmentKey(r.voucherType, r.voucherNumber, r.dueOn), r.pending]));
        expect([...got.keys()].sort()).toEqual(expected.map(([k]) => k).sort());
        for (const [key, pending] of expected) expect(got.get(key), key).toBeCloseTo(pending, 2);
        expect(await checkViews(db, 'vistas')).toEqual({ ok: true, problems: [] });
      } finally {
        await db.destroy();
      }
    });
  }

  it('reads the same customers, sellers, history and unapplied money as the Tango profile', async () => {
    const db = await demoWithViews('views-7.sqlite', 7);
    try {
      const none = () => undefined;
      expect(await viewsProfile.sellers(db, none)).toEqual(await tangoProfile.sellers(db, none));
      const strip = <T extends { erpBalance: number | null }>(c: T) => ({ ...c, erpBalance: null });
      expect((await collect(viewsProfile.customers(db, none))).map(strip))
        .toEqual((await collect(tangoProfile.customers(db, none))).map(strip));
      const behaviour = await collect(viewsProfile.paymentBehaviour(db, opts, none));
      expect(behaviour.length).toBeGreaterThan(20);
      expect(behaviour).toEqual(await collect(tangoProfile.paymentBehaviour(db, opts, none)));
      const unapplied = await collect(viewsProfile.unappliedMoney(db, opts, none));
      expect(unapplied.some((u) => u.chequesInPortfolio > 0)).toBe(true);
      expect(unapplied).toEqual(await collect(tangoProfile.unappliedMoney(db, opts, none)));
    } finally {
      await db.destroy();
    }
  });
});

describe('checkViews', () => {
  let db: Knex;
  beforeAll(async () => {
    db = await demoWithViews('views-check.sqlite', 3);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('reports a missing view by name', async () => {
    await db.raw('DROP VIEW CADENCIA_PAGOS');
    const result = await checkViews(db, 'vistas');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'Falta la vista CADENCIA_PAGOS (o el usuario de cadencia no tiene permiso para verla).',
    ]);
  });

  it('reports a missing column and a wrong type, naming view and column', async () => {
    await db.raw('DROP VIEW CADENCIA_VENDEDORES');
    await db.raw('CREATE VIEW CADENCIA_VENDEDORES AS SELECT COD_VENDED AS CODIGO, NOMBRE_VEN AS NOMBRE FROM GVA23');
    await db.raw('DROP VIEW CADENCIA_CLIENTES');
    await db.raw(`CREATE VIEW CADENCIA_CLIENTES AS SELECT COD_CLIENT AS CODIGO, RAZON_SOCI AS NOMBRE, E_MAIL AS EMAIL,
      TELEFONO_1 AS TELEFONO, TELEFONO_MOVIL AS CELULAR, COD_VENDED AS VENDEDOR, FECHA_ALTA,
      CAST(FECHA_INHA AS INTEGER) AS INACTIVO_DESDE, RAZON_SOCI AS LIMITE_CREDITO, CLAUSULA AS MONEDA_EXTRANJERA FROM GVA14`);
    const result = await checkViews(db, 'vistas');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      'La columna INACTIVO_DESDE de la vista CADENCIA_CLIENTES es de tipo «int»; se esperaba una fecha (date, datetime, datetime2 o smalldatetime).',
      'La columna LIMITE_CREDITO de la vista CADENCIA_CLIENTES es de tipo «varchar(60)»; se esperaba un número (decimal, numeric, money, float, real o entero).',
      'La vista CADENCIA_VENDEDORES no tiene la columna EMAIL (se esperaba un texto (char, varchar, nchar o nvarchar)).',
      'Falta la vista CADENCIA_PAGOS (o el usuario de cadencia no tiene permiso para verla).',
    ]);
  });

  it('has nothing to check for profiles that read tables', async () => {
    expect(await checkViews(db, 'tango')).toEqual({ ok: true, problems: [] });
  });

  it('reads INFORMATION_SCHEMA on SQL Server with the view names as parameters', () => {
    expect(viewColumnsStatement(mssqlCompiler())).toMatchInlineSnapshot(
      `"select [TABLE_NAME] as [view], [COLUMN_NAME] as [column], [DATA_TYPE] as [type] from [INFORMATION_SCHEMA].[COLUMNS] where [TABLE_NAME] in (@p0, @p1, @p2, @p3, @p4)"`,
    );
  });
});

describe('views profile: T-SQL and the shipped templates', () => {
  const statements = viewsProfile.statements(mssqlCompiler(), opts);

  for (const s of statements) {
    it(`binds every value and matches the reviewed T-SQL: ${s.name}`, () => {
      expect(s.sql.startsWith('select ')).toBe(true);
      expect(s.sql).not.toContain("'");
      expect(s.sql).not.toMatch(/;|\bnolock\b|\bmerge\b/i);
      const numbers = s.sql.replace(/@p\d+/g, '').match(/\b\d+(\.\d+)?\b/g) ?? [];
      expect(numbers.filter((n) => n !== '0' && n !== '1')).toEqual([]);
      expect({ sql: s.sql, bindings: s.bindings }).toMatchSnapshot();
    });
  }

  it('the T-SQL template and the SQLite example define every view with every column', () => {
    for (const text of [TSQL_TEMPLATE, SQLITE_VIEWS]) {
      const code = text.replace(/--.*$/gm, '');
      for (const view of CADENCIA_VIEWS) {
        const start = code.search(new RegExp(`CREATE (OR ALTER )?VIEW (dbo\\.)?${view.name}\\b`));
        expect(start, view.name).toBeGreaterThanOrEqual(0);
        const body = code.slice(start, code.indexOf(';', start) > 0 ? code.indexOf(';', start) : undefined);
        for (const column of Object.keys(view.columns)) expect(body, `${view.name}.${column}`).toMatch(new RegExp(`AS ${column}\\b`));
      }
    }
  });
});
