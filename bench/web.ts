/**
 * Benchmark of the worklist: server time of the Hoy and Cliente pages with
 * 5,000 open tasks over 2,000 customers (the demo ERP of that many customers,
 * one real cycle, then pending tasks added until there are 5,000).
 *
 *   npm run bench:web [-- --clientes 2000 --tareas 5000 --pedidos 200]
 *
 * Pages are asked through fastify's inject (the whole request inside the
 * server: session, database reads, rendering; no network), as the supervisor
 * (Hoy of the person with most customers, Cliente of random customers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '../connector/sqlite/quiet-warning';
import { migrate } from '../connector/addon/migrations';
import { generateDemoErp } from '../connector/demo-erp';
import { addDays } from '../rules/dates';
import { demoConfig } from '../service/cli/commands-demo';
import { closeCompany, openCompany } from '../service/context';
import { runCycle } from '../service/cycle/run-cycle';
import { createLogger } from '../service/logging';
import { buildWebServer, SESSION_COOKIE } from '../service/web/server';
import { createSession } from '../service/web/store';
import { pendingTasksQuery } from '../service/web/worklist';

const { values } = parseArgs({
  options: {
    clientes: { type: 'string', default: '2000' },
    tareas: { type: 'string', default: '5000' },
    pedidos: { type: 'string', default: '200' },
  },
});
const customers = Number(values.clientes);
const wantedTasks = Number(values.tareas);
const requests = Number(values.pedidos);
const AS_OF = '2026-11-02';

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cadencia-bench-web-'));
  try {
    const config = demoConfig(dir);
    const file = config.erp.connection.kind === 'sqlite' ? config.erp.connection.file : '';
    console.log(`Generando el ERP de demostración (${customers} clientes)…`);
    await generateDemoErp({ file, seed: 1, asOf: AS_OF, customers, installments: customers * 8 });
    const logger = createLogger({ folder: join(dir, 'registros'), retentionDays: 1, level: 'error', console: false });
    const ctx = await openCompany(config, logger);
    await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
    await runCycle(ctx, { asOf: AS_OF, now: () => new Date(`${AS_OF}T11:30:00Z`) });
    const t = ctx.tables;
    const pending = async () => Number(((await ctx.db(t.tarea).where('ESTADO', 'pendiente').count({ n: '*' })) as { n: number }[])[0]!.n);
    const fromCycle = await pending();
    // Top up with pending reminders spread over every customer of the ERP and every person of the
    // INI (dated today) until there are as many as asked.
    const codes = ((await ctx.db('GVA14').select('COD_CLIENT').orderBy('COD_CLIENT')) as { COD_CLIENT: string }[]).map((r) => r.COD_CLIENT.trim());
    const people = [config.staff.collector, config.staff.supervisor, ...Object.values(config.staff.sellers)];
    const template = (await ctx.db(t.tarea).where('ESTADO', 'pendiente').first()) as Record<string, unknown>;
    const extra: Record<string, unknown>[] = [];
    for (let i = 0; fromCycle + extra.length < wantedTasks; i++) {
      const code = codes[i % codes.length]!;
      const person = people[i % people.length]!;
      const episode = addDays(AS_OF, 400 + Math.floor(i / codes.length)); // far from any real reminder's due date
      const { ID: _id, ...row } = template;
      extra.push({
        ...row, CLAVE: `${code}|${episode}|D-3`, COD_CLIENT: code, EPISODIO: episode, PASO: 'D-3', FECHA: AS_OF,
        RESPONSABLE: person.name, RESPONSABLE_EMAIL: person.email, ROL: 'vendedor', CREADA: new Date(),
      });
    }
    for (let i = 0; i < extra.length; i += 50) await ctx.db(t.tarea).insert(extra.slice(i, i + 50));
    const total = await pending();
    const customersWithTasks = Number(((await ctx.db(t.tarea).where('ESTADO', 'pendiente').countDistinct({ n: 'COD_CLIENT' })) as { n: number }[])[0]!.n);

    const now = new Date(`${AS_OF}T11:30:00Z`);
    const app = await buildWebServer({
      companies: [{ id: config.company.id, name: config.company.name, context: async () => ctx }],
      web: { ...config.web, host: '127.0.0.1', port: 0 }, logger, now: () => now, asOf: () => AS_OF,
    });
    const busiest = ((await ctx.db(t.tarea).where('ESTADO', 'pendiente').select('RESPONSABLE_EMAIL').count({ n: '*' })
      .groupBy('RESPONSABLE_EMAIL').orderBy('n', 'desc')) as { RESPONSABLE_EMAIL: string; n: number }[])[0]!;
    const supervisor = config.staff.supervisor.email;
    const cookie = `${SESSION_COOKIE}=${config.company.id}.${await createSession(ctx.db, t, supervisor, 12, now)}`;

    const time = async (url: () => string): Promise<{ median: number; p95: number; status: Set<number>; bytes: number }> => {
      const ms: number[] = [];
      const status = new Set<number>();
      let bytes = 0;
      for (let i = 0; i < 5; i++) await app.inject({ url: url(), headers: { cookie } }); // warm-up
      for (let i = 0; i < requests; i++) {
        const u = url();
        const t0 = performance.now();
        const res = await app.inject({ url: u, headers: { cookie } });
        ms.push(performance.now() - t0);
        status.add(res.statusCode);
        bytes = Math.max(bytes, res.body.length);
      }
      return { ...stats(ms), status, bytes };
    };
    // Where Hoy's time goes: the database read (tasks with the alert's figures and the customer's name) vs the rest.
    const readMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await pendingTasksQuery(ctx, AS_OF, undefined, busiest.RESPONSABLE_EMAIL.toLowerCase());
      readMs.push(performance.now() - t0);
    }
    const hoyRead = stats(readMs);
    const hoy = await time(() => `/hoy?de=${encodeURIComponent(busiest.RESPONSABLE_EMAIL)}`);
    let k = 0;
    const cliente = await time(() => `/cliente/${encodeURIComponent(codes[(k++ * 7919) % codes.length]!.trim())}`);

    console.log(`\nBenchmark de la lista de trabajo — ${customers} clientes, ${total} tareas pendientes (${fromCycle} del ciclo) de ${customersWithTasks} clientes, SQLite, Node ${process.version}`);
    console.log(`Hoy (${busiest.RESPONSABLE_EMAIL}, ${busiest.n} tareas): mediana ${hoy.median.toFixed(1)} ms, p95 ${hoy.p95.toFixed(1)} ms, ${(hoy.bytes / 1024).toFixed(0)} KB, respuestas ${[...hoy.status].join(',')} (${requests} pedidos)`);
    console.log(`  de ella, la lectura de tareas con nivel, importes y nombre: mediana ${hoyRead.median.toFixed(1)} ms`);
    console.log(`Cliente: mediana ${cliente.median.toFixed(1)} ms, p95 ${cliente.p95.toFixed(1)} ms, ${(cliente.bytes / 1024).toFixed(0)} KB, respuestas ${[...cliente.status].join(',')} (${requests} pedidos)`);
    await app.close();
    await closeCompany(ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message).slice(0, 2000) : String(err));
  process.exit(1);
});
