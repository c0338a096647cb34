/**
 * A Tango demo company on its own database of the T-SQL server, migrated,
 * optionally with its worklist served on a free port of 127.0.0.1: the set-up
 * the T-SQL suites of the worklist and of the reminders to customers share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import type { AppConfig } from '../../service/config';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { buildWebServer } from '../../service/web/server';
import { DEMO_SEED, memoryLogger } from '../e2e/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

export interface TsqlCompany {
  ctx: CompanyContext;
  server: TestDatabase;
  /** The worklist's address, when served. */
  url: string;
  close(): Promise<void>;
}

export async function openTsqlDemoCompany(label: string, opts: {
  configure?: (config: AppConfig) => AppConfig;
  /** Serve the worklist with this clock and «today». */
  web?: { now: Date; asOf: string };
} = {}): Promise<TsqlCompany> {
  const dir = mkdtempSync(join(tmpdir(), `cadencia-tsql-${label}-`));
  const seed = join(dir, 'seed.sqlite');
  await generateDemoErp({ file: seed, seed: DEMO_SEED, asOf: DEMO_START });
  const server = await createTestDatabase(label);
  await copyDemoToSqlServer(seed, server.db, 'tango', server.name);
  const base = demoConfig(join(dir, 'empresa'));
  // The company id is the database's name: the stand-in's application lock is server-wide.
  const named = { ...base, company: { ...base.company, id: server.name }, erp: { ...base.erp, connection: connectionTo(server.name) } };
  const config = opts.configure ? opts.configure(named) : named;
  const ctx = await openCompany(config, memoryLogger().logger);
  await migrate(ctx.db, ctx.tables);
  let app: FastifyInstance | null = null;
  let url = '';
  if (opts.web) {
    const { now, asOf } = opts.web;
    app = await buildWebServer({
      companies: [{ id: config.company.id, name: config.company.name, context: async () => ctx }],
      web: { ...config.web, host: '127.0.0.1', port: 0, publicUrl: null },
      logger: ctx.logger,
      now: () => now,
      asOf: () => asOf,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  return {
    ctx,
    server,
    url,
    async close() {
      await app?.close();
      await closeCompany(ctx);
      await server.drop();
      await closeAdmin();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
