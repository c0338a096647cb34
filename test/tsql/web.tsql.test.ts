/**
 * The worklist on a T-SQL server: sessions, one-time links and the audit in
 * the add-on tables there (DATETIME2 times, NVARCHAR e-mails), and «Hoy»
 * listing exactly what it lists on SQLite for the same demo story.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../connector/addon/migrations';
import { generateDemoErp } from '../../connector/demo-erp';
import { copyDemoToSqlServer } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';
import type { IsoDate } from '../../rules/types';
import { DEMO_START, demoConfig } from '../../service/cli/commands-demo';
import type { AppConfig } from '../../service/config';
import { closeCompany, openCompany, type CompanyContext } from '../../service/context';
import { runCycle } from '../../service/cycle/run-cycle';
import { buildWebServer } from '../../service/web/server';
import { createLink } from '../../service/web/store';
import { hoyEntries } from '../../service/web/worklist';
import { DEMO_SEED, erpFileOf, memoryLogger, morningOf } from '../e2e/helpers';
import { csrfOf, textOf, WebClient } from '../web/helpers';
import { closeAdmin, connectionTo, createTestDatabase, type TestDatabase } from './harness';

const asOf: IsoDate = DEMO_START;
const now = new Date(`${asOf}T11:30:00Z`);

interface Served { ctx: CompanyContext; app: FastifyInstance; url: string }

async function serve(config: AppConfig): Promise<Served> {
  const ctx = await openCompany(config, memoryLogger().logger);
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  await runCycle(ctx, { asOf, now: () => morningOf(asOf) });
  const app = await buildWebServer({
    companies: [{ id: config.company.id, name: config.company.name, context: async () => ctx }],
    web: { ...config.web, host: '127.0.0.1', port: 0 },
    logger: ctx.logger,
    now: () => now,
    asOf: () => asOf,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { ctx, app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

describe('worklist on T-SQL', () => {
  let dir: string;
  let server: TestDatabase;
  let tsql: Served;
  let sqlite: Served;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cadencia-tsql-web-'));
    const base = demoConfig(dir);
    await generateDemoErp({ file: erpFileOf(base), seed: DEMO_SEED, asOf, customers: 120 });
    server = await createTestDatabase('web');
    await copyDemoToSqlServer(erpFileOf(base), server.db, 'tango', server.name);
    sqlite = await serve({ ...base, company: { ...base.company, id: 'sqlite' } });
    tsql = await serve({ ...base, company: { ...base.company, id: server.name }, erp: { ...base.erp, connection: connectionTo(server.name) } });
  }, 300_000);

  afterAll(async () => {
    for (const s of [tsql, sqlite]) {
      if (!s) continue;
      await s.app.close();
      await closeCompany(s.ctx);
    }
    await server?.drop();
    await closeAdmin();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Hoy lists the same customers, in the same order, as on SQLite', async () => {
    const owner = tsql.ctx.config.staff.collector.email;
    const a = await hoyEntries(tsql.ctx, asOf, { owner });
    const b = await hoyEntries(sqlite.ctx, asOf, { owner });
    expect(a.length).toBeGreaterThan(0);
    const shape = (list: typeof a) => list.map((e) => [e.code, e.name, e.tier, e.daysLate, e.overdue, e.lead.stepId, e.pause]);
    expect(shape(a)).toEqual(shape(b));
  });

  it('a one-time link signs in once; the session then opens Hoy; the link is refused a second time', async () => {
    const email = tsql.ctx.config.staff.collector.email;
    const token = await createLink(tsql.ctx.db, tsql.ctx.tables, email, 12, now);
    const c = new WebClient(tsql.url);
    const shown = await c.get(`/e/${token}`);
    expect(shown.status).toBe(200);
    const signed = await c.post(`/e/${token}`, { _csrf: csrfOf(shown.text), volver: '/hoy' });
    expect(signed.status).toBe(303);
    const hoy = await c.get('/hoy');
    expect(hoy.status).toBe(200);
    const first = (await hoyEntries(tsql.ctx, asOf, { owner: email }))[0]!;
    expect(textOf(hoy.text)).toContain(`${first.name} (${first.code})`);
    expect((await new WebClient(tsql.url).get(`/e/${token}`)).status).toBe(410);
    const used = (await tsql.ctx.db(tsql.ctx.tables.enlace).select('USADO')) as { USADO: unknown }[];
    expect(used.filter((r) => r.USADO !== null)).toHaveLength(1);
  });
});
