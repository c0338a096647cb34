/** `db migrar` and `db sql`: the add-on schema, applied or printed for a DBA. */
import { writeFileSync } from 'node:fs';
import { LATEST_VERSION, migrate } from '../../connector/addon/migrations';
import { shippedSqlScripts } from '../../connector/addon/sql-script';
import { addonTables } from '../../connector/addon/tables';
import { profileFor } from '../context';
import { readConfig, UsageError, withCompany, type GlobalOptions } from './common';

export async function dbMigrate(opts: GlobalOptions): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const result = await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
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

const PROFILES = ['tango', 'bejerman', 'vistas'] as const;

export function dbSql(opts: GlobalOptions & { tipo?: string; archivo?: string; prefijo?: string; perfil?: string }): void {
  // The script needs the table prefix and the ERP profile (its views join the
  // profile's tables, its grants name them): flags first, then the INI, then COB_ and tango.
  let prefix = opts.prefijo;
  let profileName = opts.perfil;
  if (profileName !== undefined && !(PROFILES as readonly string[]).includes(profileName)) {
    throw new UsageError(`--perfil: se esperaba ${PROFILES.join(', ')}; se recibió «${profileName}».`);
  }
  if (!prefix || !profileName) {
    try {
      const erp = readConfig(opts).erp;
      prefix ??= erp.tablePrefix;
      profileName ??= erp.profile;
    } catch {
      // No INI (or an invalid one): the defaults below.
    }
  }
  const scripts = shippedSqlScripts(addonTables(prefix), profileFor((profileName ?? 'tango') as (typeof PROFILES)[number]));
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
