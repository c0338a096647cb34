import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { dialectOf, mssqlCompiler, openDatabase } from '../../connector/connection';

describe('knex client over node:sqlite', () => {
  let dir: string;
  let db: Knex;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cadencia-knex-'));
    db = openDatabase({ kind: 'sqlite', file: join(dir, 'erp.sqlite') });
    await db.schema.createTable('T', (t) => {
      t.increments('ID');
      t.string('CODE', 6).notNullable().unique();
      t.decimal('AMOUNT', 18, 2);
    });
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts, selects and reports changed rows', async () => {
    await db('T').insert([{ CODE: 'A1', AMOUNT: 10.5 }, { CODE: 'B2', AMOUNT: 3 }]);
    const updated = await db('T').update({ AMOUNT: 4 }).where({ CODE: 'B2' });
    expect(updated).toBe(1);
    const rows = await db('T').select('CODE', 'AMOUNT').orderBy('CODE');
    expect(rows.map((r) => ({ ...r }))).toEqual([{ CODE: 'A1', AMOUNT: 10.5 }, { CODE: 'B2', AMOUNT: 4 }]);
    expect(dialectOf(db)).toBe('sqlite');
  });

  it('rolls back a failed transaction as a whole', async () => {
    await expect(
      db.transaction(async (trx) => {
        await trx('T').insert({ CODE: 'X', AMOUNT: 1 });
        await trx('T').insert({ CODE: 'X', AMOUNT: 2 }); // violates the unique index
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db('T').count({ n: '*' })).toEqual([expect.objectContaining({ n: 0 })]);
  });

  it('streams rows one by one', async () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ CODE: `C${i}`, AMOUNT: i }));
    await db.batchInsert('T', many, 100);
    let sum = 0;
    let count = 0;
    for await (const row of db('T').select('AMOUNT').stream()) {
      sum += (row as { AMOUNT: number }).AMOUNT;
      count += 1;
    }
    expect(count).toBe(500);
    expect(sum).toBe((499 * 500) / 2);
  });

  it('fails a stream that breaks after some rows instead of ending it early', async () => {
    await db.batchInsert('T', Array.from({ length: 10 }, (_, i) => ({ CODE: `C${i}`, AMOUNT: i })), 10);
    // json() of a malformed text fails on the 6th row only, not before.
    const rows: unknown[] = [];
    const read = async (): Promise<void> => {
      const q = db('T').select(db.raw("json(CASE WHEN ?? > 4 THEN '{roto' ELSE '1' END) AS v", ['AMOUNT']));
      for await (const row of q.stream()) rows.push(row);
    };
    await expect(read()).rejects.toThrow(/malformed JSON/i);
    // Rows already buffered may be dropped with the error; a partial read never ends as if complete.
    expect(rows.length).toBeLessThan(10);
    // The connection is free again for the next query.
    expect(await db('T').count({ n: '*' })).toEqual([expect.objectContaining({ n: 10 })]);
  });

  it('compiles SQL Server statements with bound parameters and no connection', () => {
    const q = mssqlCompiler()('GVA14').select('COD_CLIENT').where('COD_CLIENT', 'ABC').toSQL().toNative();
    expect(q.sql).toBe('select [COD_CLIENT] from [GVA14] where [COD_CLIENT] = @p0');
    expect(q.bindings).toEqual(['ABC']);
  });
});
