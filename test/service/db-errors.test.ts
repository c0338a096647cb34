/** Issue 15 item 9: errors from a real SQLite database become one Spanish line that says what to do. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { openDatabase } from '../../connector/connection';
import { DatabaseConnectionError } from '../../connector/connection-errors';
import { explainDatabaseError } from '../../service/cli/db-errors';

let db: Knex;
beforeAll(async () => {
  db = openDatabase({ kind: 'sqlite', file: ':memory:' });
  await db.raw('CREATE TABLE GVA14 (COD_CLIENT TEXT)');
});
afterAll(() => db.destroy());

async function failure(sql: string): Promise<unknown> {
  try {
    await db.raw(sql);
  } catch (err) {
    return err;
  }
  throw new Error(`no falló: ${sql}`);
}

describe('explainDatabaseError', () => {
  it('names a missing ERP view, a missing cadencia table and a missing column, without SQL', async () => {
    const view = explainDatabaseError(await failure('SELECT * FROM V_COB_CLIENTES'), 'COB_');
    expect(view).toBe(
      'La base del ERP no tiene la tabla o vista «V_COB_CLIENTES»: revise que [erp] perfil (tango, bejerman o vistas) ' +
        'corresponda al ERP y que [erp] base (o archivo) sea la base de la empresa; con perfil = vistas, cree las vistas ' +
        'de sql/vistas-plantilla.sql. «cadencia verificar» revisa cada lectura.',
    );
    expect(explainDatabaseError(await failure('SELECT * FROM COB_TAREA'), 'COB_')).toBe(
      'Las tablas de cadencia no existen en la base («COB_TAREA»): ejecute «cadencia db migrar» ' +
        '(o pida al administrador de la base que ejecute sql/cadencia-crear.sql).',
    );
    expect(explainDatabaseError(await failure('SELECT RAZON_SOCI FROM GVA14'), 'COB_')).toMatch(
      /^Una tabla o vista del ERP no tiene la columna «RAZON_SOCI»: revise \[erp\] perfil/,
    );
  });

  it('passes a connection line through and leaves cadencia\'s own errors alone', () => {
    expect(explainDatabaseError(new DatabaseConnectionError('No existe la base «x»: revise [erp] archivo en el INI.'))).toBe(
      'No existe la base «x»: revise [erp] archivo en el INI.',
    );
    expect(explainDatabaseError(new Error('No existe el cliente «X» en el ERP.'))).toBeNull();
  });
});
