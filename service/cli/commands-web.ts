/**
 * `cadencia web`: serves the worklist in the foreground without running
 * cycles (the service serves it by itself when [web] activa = si). With
 * --fecha the worklist's «today» is that day (for the demo's days);
 * --enlace prints a one-time sign-in link for a user.
 */
import { migrate } from '../../connector/addon/migrations';
import { closeCompany, openCompany, type CompanyContext } from '../context';
import { flushLogger } from '../logging';
import { createLink } from '../web/store';
import { startWeb } from '../web/start';
import { findUser } from '../web/users';
import { cliLogger, dateOption, positiveInt, readCompanies, UsageError, type GlobalOptions } from './common';

export interface WebOptions extends GlobalOptions {
  fecha?: string;
  puerto?: string;
  direccion?: string;
  enlace?: string;
}

export async function webServe(opts: WebOptions): Promise<void> {
  const configs = readCompanies(opts);
  const first = configs[0]!;
  const logger = cliLogger(first, true);
  const asOf = opts.fecha ? dateOption(opts.fecha, first) : null;
  const contexts = new Map<string, Promise<CompanyContext>>();
  const context = (id: string): Promise<CompanyContext> => {
    let ctx = contexts.get(id);
    if (!ctx) {
      const config = configs.find((c) => c.company.id === id)!;
      ctx = openCompany(config, logger).then(async (c) => {
        await migrate(c.db, c.tables, c.profile.addon.views);
        return c;
      });
      contexts.set(id, ctx);
    }
    return ctx;
  };
  // Open (and migrate) every company first: a wrong connection is one clear line, before listening.
  for (const c of configs) await context(c.company.id);

  let link: string | null = null;
  if (opts.enlace) {
    const ctx = await context(first.company.id);
    const user = await findUser(ctx.db, ctx.tables, ctx.config, opts.enlace);
    if (!user?.active) throw new UsageError(`--enlace: «${opts.enlace}» no es un usuario activo (el personal de [personal] y [vendedores], o los de «cadencia usuarios listar»).`);
    link = await createLink(ctx.db, ctx.tables, user.email, first.web.linkHours, new Date());
  }
  const web = await startWeb({
    configs,
    context,
    logger,
    ...(asOf ? { asOf: () => asOf } : {}),
    web: {
      ...(opts.puerto ? { port: positiveInt(opts.puerto, '--puerto') } : {}),
      ...(opts.direccion ? { host: opts.direccion } : {}),
    },
  });
  console.log(`Lista de trabajo en ${web.url}${asOf ? ` (con «hoy» = ${asOf})` : ''}. Ctrl+C para terminar.`);
  if (link) console.log(`Enlace de ingreso para ${opts.enlace} (un solo uso): ${web.url}/e/${link}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void web.close().then(async () => {
        for (const ctx of contexts.values()) await closeCompany(await ctx).catch(() => undefined);
        await flushLogger(logger);
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
