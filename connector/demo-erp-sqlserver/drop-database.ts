/**
 * Drops a scratch database of the demo tooling (tests, bench, Windows smoke
 * test). Its own connections may still be closing on the server side, so a
 * refusal is retried for a few seconds. Only names made by that tooling
 * (cad_…) are accepted: the name goes into the statement as an identifier.
 */
import type { Knex } from 'knex';

export async function dropScratchDatabase(admin: Knex, name: string): Promise<void> {
  if (!/^cad_[a-z0-9_]+$/i.test(name)) throw new Error(`Nombre de base de pruebas inválido: «${name}».`);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.raw(`IF DB_ID('${name}') IS NOT NULL DROP DATABASE ${name}`);
      return;
    } catch (err) {
      if (attempt >= 25) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
