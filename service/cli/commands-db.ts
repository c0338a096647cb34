/** `db migrar` and `db sql`: the add-on schema, applied or printed for a DBA. */
import { writeFileSync } from 'node:fs';
import { LATEST_VERSION, migrate } from '../../connector/addon/migrations';
import { viewSourcesFor } from '../../connector/addon/views';
import { shippedSqlScripts } from '../../connector/addon/sql-script';
import { addonTables } from '../../connector/addon/tables';
import { readConfig, UsageError, withCompany, type GlobalOptions } from './common';

export async function dbMigrate(opts: GlobalOptions): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const result = await migrate(ctx.db, ctx.tables, viewSourcesFor(ctx.profile.name));
    if (result.applied.length === 0) {
      console.log(`El esquema de cadencia ya está al día (versión ${result.to}).`);
    } else {
      console.log(`Esquema actualizado de la versión ${result.from} a la ${result.to} (aplicadas: ${result.applied.join(', ')}).`);
    }
  });
}

const SCRIPT_KINDS: Record<string, string> = {
  crear: 'cadencia-crear.sql',
  desinstalar: 'cadencia-desinstalar.sql',
  permisos: 'cadencia-permisos.sql',
};

export function dbSql(opts: GlobalOptions & { tipo?: string; archivo?: string; prefijo?: string }): void {
  // The script only needs the table prefix: without an INI it uses the default one.
  let prefix = opts.prefijo;
  if (!prefix) {
    try {
      prefix = readConfig(opts).erp.tablePrefix;
    } catch {
      prefix = undefined;
    }
  }
  const scripts = shippedSqlScripts(addonTables(prefix));
  const kind = opts.tipo ?? 'crear';
  const name = SCRIPT_KINDS[kind];
  if (!name) throw new UsageError(`--tipo: se esperaba ${Object.keys(SCRIPT_KINDS).join(', ')}; se recibió «${kind}».`);
  const text = scripts[name];
  if (text === undefined) throw new UsageError(`No hay guion «${name}».`);
  if (opts.archivo) {
    writeFileSync(opts.archivo, text);
    console.log(`Guion T-SQL escrito en ${opts.archivo} (esquema versión ${LATEST_VERSION}).`);
  } else {
    process.stdout.write(text);
  }
}
