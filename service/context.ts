/**
 * Everything a company's work needs, opened once from its configuration: the
 * ERP database, the profile that knows its tables, the add-on table names, the
 * business calendar and the compiled mail templates.
 */
import type { Knex } from 'knex';
import { openDatabase } from '../connector/connection';
import { connectOrExplain } from '../connector/connection-errors';
import { addonTables, type AddonTables } from '../connector/addon/tables';
import type { ErpProfile } from '../connector/profiles/profile';
import { bejermanProfile } from '../connector/profiles/bejerman';
import { tangoProfile } from '../connector/profiles/tango';
import { viewsProfile } from '../connector/profiles/views';
import { createCalendar, type BusinessCalendar } from '../rules/calendar';
import type { AppConfig } from './config';
import type { Logger } from './logging';
import { loadTemplates, type Templates } from './mail/templates';

export interface CompanyContext {
  config: AppConfig;
  db: Knex;
  profile: ErpProfile;
  tables: AddonTables;
  calendar: BusinessCalendar;
  templates: Templates;
  logger: Logger;
}

export function profileFor(name: AppConfig['erp']['profile']): ErpProfile {
  switch (name) {
    case 'tango':
      return tangoProfile;
    case 'bejerman':
      return bejermanProfile;
    case 'vistas':
      return viewsProfile;
    default:
      throw new Error(`Perfil de ERP desconocido: ${String(name)}`);
  }
}

/** Secrets of the configuration, so logs can mask them. */
export function secretsOf(config: AppConfig): string[] {
  const out: string[] = [];
  const c = config.erp.connection;
  if (c.kind === 'sqlserver') out.push(c.auth.password);
  const auth = config.mail.smtp?.auth;
  if (auth?.type === 'clave') out.push(auth.password);
  if (auth?.type === 'oauth2') out.push(auth.clientSecret, auth.refreshToken);
  const tls = config.web.tls;
  if (tls?.kind === 'pfx' && tls.passphrase) out.push(tls.passphrase);
  return out.filter((s) => s.length > 0);
}

export async function openCompany(config: AppConfig, logger: Logger): Promise<CompanyContext> {
  // Templates first: a broken template must stop the start, before any connection.
  const templates = await loadTemplates(config.mail.templatesFolder ?? undefined);
  const db = openDatabase(config.erp.connection);
  try {
    // Connect now, so a wrong server, login or database is one clear line before any work.
    await connectOrExplain(db, config.erp.connection);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    config,
    db,
    profile: profileFor(config.erp.profile),
    tables: addonTables(config.erp.tablePrefix),
    calendar: createCalendar(config.calendar),
    templates,
    logger,
  };
}

export async function closeCompany(ctx: CompanyContext): Promise<void> {
  await ctx.db.destroy();
}
