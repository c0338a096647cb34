/**
 * Benchmark: what a cycle costs against the bare read of the ERP.
 *
 *   npm run bench -- --installments 1000000 [--seed 1] [--motor sqlite|sqlserver]
 *
 * With --motor sqlserver the same demo ERP (generated as SQLite) is copied into
 * a new database on the T-SQL server named by TSQL_HOST, TSQL_PORT, TSQL_USER,
 * TSQL_PASSWORD (the variables ../shared/tsql/start.sh prints; the login
 * creates and drops databases), the phases run against it, and the database is
 * dropped at the end.
 *
 * Builds (or reuses, from .bench/) the demo ERP of that size and seed in a
 * child process, copies it, and measures in this process:
 *   (a) the bare read — the profile's queries drained with no processing;
 *   (b) a first full cycle (read, rules, write, mail queued);
 *   (c) a second cycle on unchanged data;
 *   (d) a cycle after 1% of the installments were paid (receipts posted the Tango way);
 * then digests rendered per second after template compilation, and for each
 * cycle where its time went (ERP read, add-on state read, plan, mail, write),
 * from the timings the cycle records in its summary.
 * For each: wall time, rows per second, peak RSS of the phase (Linux), live heap after
 * it, SQL statements sent. Then the RSS of the idle service, in a child process.
 *
 * The measuring process runs the same kind of CommonJS bundle the Windows
 * executable carries (built here with esbuild), on plain Node: no TypeScript
 * loader in memory, so the RSS figures are those of the service.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '../connector/sqlite/quiet-warning';
import type { ApplyCounts } from '../connector/addon/apply-plan';
import { migrate } from '../connector/addon/migrations';
import { openDatabase, type SqlServerConnectionConfig } from '../connector/connection';
import { copyDemoToSqlServer } from '../connector/demo-erp-sqlserver/copy-to-sqlserver';
import { dropScratchDatabase } from '../connector/demo-erp-sqlserver/drop-database';
import { postReceipt } from '../connector/demo-erp';
import type { ReadOptions } from '../connector/profiles/profile';
import { demoConfig } from '../service/cli/commands-demo';
import { timeIn } from '../service/clock';
import { closeCompany, openCompany, type CompanyContext } from '../service/context';
import { readOptions } from '../service/cycle/read-and-plan';
import { runCycle, type CycleSummary } from '../service/cycle/run-cycle';
import { createLogger } from '../service/logging';
import { SERVICE_NODE_FLAGS } from '../service/node-flags';
import { renderDigest } from '../service/mail/render';
import { sampleDigestInput } from '../service/mail/sample';

const { values } = parseArgs({
  options: {
    installments: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    motor: { type: 'string', default: 'sqlite' },
  },
});
if (values.motor !== 'sqlite' && values.motor !== 'sqlserver') throw new Error(`--motor sqlite o --motor sqlserver (no «${values.motor}»)`);
const engine: 'sqlite' | 'sqlserver' = values.motor;
const installments = Number(values.installments);
const seed = Number(values.seed);
const AS_OF = '2026-11-02';

interface Phase {
  name: string;
  ms: number;
  rows: number;
  statements: number;
  rssMb: number;
  liveMb: number;
  written?: number;
}

/** Heap still referenced after a full collection (needs --expose-gc). */
function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
}

/**
 * Peak RSS since the last `resetPeakRss()`: on Linux the kernel's VmHWM, which
 * writing 5 to /proc/self/clear_refs resets, so each phase shows its own peak;
 * elsewhere the process's peak so far.
 */
function rssMb(): number {
  return procMemoryMb(process.pid)?.peak ?? Math.round(process.resourceUsage().maxRSS / 1024);
}

function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the peak so far is reported
  }
}

function written(c: ApplyCounts): number {
  return c.tasksCreated + c.tasksSkipped + c.tasksClosed + c.alertsUpserted + c.alertsDeleted + c.tierChanges + c.mailsQueued;
}

async function prepare(): Promise<{ work: string; pristine: string }> {
  const cache = resolve('.bench');
  mkdirSync(cache, { recursive: true });
  const pristine = join(cache, `erp-${installments}-${seed}.sqlite`);
  if (!existsSync(pristine)) {
    console.log(`Generando el ERP de demostración (${installments} cuotas, semilla ${seed})…`);
    execFileSync(
      process.execPath,
      [resolve('node_modules/tsx/dist/cli.mjs'), 'service/cli.ts', 'demo', 'generar', '--archivo', pristine,
        '--semilla', String(seed), '--cuotas', String(installments), '--fecha', AS_OF],
      { stdio: 'inherit' },
    );
  }
  const work = join(cache, 'trabajo');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  copyFileSync(pristine, join(work, 'erp-demo.sqlite'));
  return { work, pristine };
}

/** The T-SQL server of TSQL_* (../shared/tsql/start.sh), database `database`. */
function tsqlConnection(database: string): SqlServerConnectionConfig {
  return {
    kind: 'sqlserver', host: process.env.TSQL_HOST ?? '127.0.0.1', port: Number(process.env.TSQL_PORT ?? 1433), database,
    auth: { type: 'sql', user: process.env.TSQL_USER ?? 'cadencia_test', password: process.env.TSQL_PASSWORD ?? 'Cadencia_Test_123' },
    encrypt: false, trustServerCertificate: true, connectTimeoutMs: 10_000, requestTimeoutMs: 600_000, appName: 'cadencia-banco',
  };
}

/** Runs `work` on a new database (cad_banco_…) of the T-SQL server, dropped afterwards. */
async function withTsqlDatabase<T>(work: (name: string) => Promise<T>): Promise<T> {
  const admin = openDatabase(tsqlConnection(process.env.TSQL_DB ?? 'master'));
  const name = `cad_banco_${randomBytes(4).toString('hex')}`;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
    try {
      return await work(name);
    } finally {
      await dropScratchDatabase(admin, name);
    }
  } finally {
    await admin.destroy();
  }
}

async function drain(it: AsyncIterable<unknown> | Promise<unknown[]>): Promise<number> {
  if (it instanceof Promise) return (await it).length;
  let n = 0;
  for await (const _ of it) n += 1;
  return n;
}

/** The profile's five reads drained; `times` gets each one's milliseconds, named as the cycle's timings. */
async function bareRead(ctx: CompanyContext, ro: ReadOptions, times: Record<string, number>): Promise<number> {
  const { db, profile } = ctx;
  const ignore = (): void => undefined;
  let rows = 0;
  const timed = async (name: string, it: AsyncIterable<unknown> | Promise<unknown[]>): Promise<void> => {
    const t = performance.now();
    rows += await drain(it);
    times[name] = Math.round(performance.now() - t);
  };
  await timed('vendedores', profile.sellers(db, ignore));
  await timed('clientes', profile.customers(db, ignore));
  await timed('historial', profile.paymentBehaviour(db, ro, ignore));
  await timed('sin_aplicar', profile.unappliedMoney(db, ro, ignore));
  await timed('cuotas', profile.openInstallments(db, ro, ignore));
  return rows;
}

/**
 * Pays 1% of all installments (open ones, spread over customers) with receipts as Tango records them.
 * The installments are chosen on the pristine SQLite demo (the same ones on both engines).
 */
async function payOnePercent(ctx: CompanyContext, pristine: string): Promise<number> {
  const count = Math.max(1, Math.round(installments / 100));
  const lite = openDatabase({ kind: 'sqlite', file: pristine, readonly: true });
  let open: { COD_CLIENT: string; T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number }[];
  try {
    open = (await lite('DEMO_VERDAD')
      .select('COD_CLIENT', 'T_COMP', 'N_COMP', 'FECHA_VTO', 'PENDIENTE')
      .where('PENDIENTE', '>', 1)
      .where('T_COMP', 'FAC')
      .orderByRaw('(rowid * 7919) % 100003')
      .limit(count)) as typeof open;
  } finally {
    await lite.destroy();
  }
  for (const r of open) {
    await postReceipt(ctx.db, {
      customerCode: r.COD_CLIENT,
      date: AS_OF,
      applications: [{ voucherType: r.T_COMP, voucherNumber: r.N_COMP, dueOn: r.FECHA_VTO, amount: r.PENDIENTE }],
    });
  }
  return open.length;
}

/** Resident and peak memory of a process, in MB, from /proc (Linux); null elsewhere. */
function procMemoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/**
 * The idle service: `cadencia servicio ejecutar` from the same bundle the
 * executable carries (.bench/cadencia.cjs), on the shipped example INI pointed
 * at `erpFile`, with the worklist on and business hours twelve hours away from
 * now, so that after its first look (company opened, templates validated,
 * add-on tables migrated, web listening, the mails the bench's cycles queued
 * written to the mail folder) it waits. Its RSS is read once it has waited
 * IDLE_SETTLE_MS and stayed flat for 3 s.
 */
/** How long the idle service waits before its RSS is read. */
const IDLE_SETTLE_MS = 30_000;

async function idleServiceRss(erpFile: string, timeZone: string): Promise<{ rss: number; peak: number } | null> {
  const folder = resolve('.bench/servicio');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const hour = String((Number(timeIn(timeZone).slice(0, 2)) + 12) % 24).padStart(2, '0');
  const set: Record<string, string> = {
    archivo: erpFile, plantillas: resolve('mail-templates'), desde: `${hour}:00`, hasta: `${hour}:30`, resumen_hora: `${hour}:00`,
    puerto: String(20000 + Math.floor(Math.random() * 20000)),
  };
  let ini = readFileSync('cadencia.ejemplo.ini', 'utf8')
    .replace(/^carpeta = demo\/correo$/m, `carpeta = ${join(folder, 'correo')}`)
    .replace(/^carpeta = registros$/m, `carpeta = ${join(folder, 'registros')}`);
  for (const [key, value] of Object.entries(set)) ini = ini.replace(new RegExp(`^${key} =.*$`, 'm'), `${key} = ${value}`);
  const iniFile = join(folder, 'cadencia.ini');
  writeFileSync(iniFile, ini);
  // With the options the executable starts with (its SEA configuration carries them).
  const child = spawn(process.execPath, [...nodeFlags(), resolve('.bench/cadencia.cjs'), 'servicio', 'ejecutar', '--config', iniFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  try {
    const until = Date.now() + 60_000;
    while (!/servicio iniciado/.test(out)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`el servicio no arrancó:\n${out}`);
      await sleep(100);
    }
    // Waiting, not starting: V8 gives back what the start left only after a few seconds idle.
    const started = Date.now();
    let last = procMemoryMb(child.pid!);
    let flatSince = Date.now();
    while (last && (Date.now() - flatSince < 3000 || Date.now() - started < IDLE_SETTLE_MS) && Date.now() < until) {
      await sleep(250);
      const now = procMemoryMb(child.pid!);
      if (!now) return null;
      if (Math.abs(now.rss - last.rss) > 1) flatSince = Date.now();
      last = now;
    }
    if (/ERROR/.test(out)) console.log(`  (el servicio en espera dijo: ${out.trim()})`);
    return last;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * The Node options of the measured processes: the ones the executable starts
 * with (service/node-flags.ts), then CADENCIA_BENCH_NODE, which can add or
 * override (the last one wins), e.g. '--max-semi-space-size=16
 * --heap-growing-percent=0' for V8's defaults, or '--max-old-space-size=256' to
 * check the work fits a bounded heap.
 */
function nodeFlags(): string[] {
  return [...SERVICE_NODE_FLAGS, ...(process.env.CADENCIA_BENCH_NODE ?? '').split(' ').filter(Boolean)];
}

/** Re-runs this benchmark as a bundle on plain Node; resolves true when this process is that bundle. */
async function asBundle(): Promise<boolean> {
  if (process.env.CADENCIA_BENCH_BUNDLE === '1') return true;
  const { bundleCli } = await import('../installer/build/bundle');
  const out = resolve('.bench/cycle.cjs');
  mkdirSync(resolve('.bench'), { recursive: true });
  await bundleCli(resolve('.'), out, 'bench/cycle.ts');
  await bundleCli(resolve('.'), resolve('.bench/cadencia.cjs')); // the executable's bundle, for the idle service
  // --expose-gc: after each phase a full collection measures the live heap.
  execFileSync(process.execPath, ['--expose-gc', ...nodeFlags(), out, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CADENCIA_BENCH_BUNDLE: '1' },
  });
  return false;
}

/** Where a cycle's time went, from the timings it records in its summary (ms). */
function breakdown(s: CycleSummary): Record<string, number> {
  const t = (k: string): number => s.timings[k] ?? 0;
  const erp = t('vendedores') + t('clientes') + t('historial') + t('sin_aplicar') + t('recibos') + t('flujos') + (t('cuotas_y_plan') - t('plan'));
  const parts = {
    'lectura ERP': erp, 'estado propio': t('estado'), plan: t('plan'), 'correo (resúmenes)': t('correo'),
    'informe semanal': t('informe_semanal'), escritura: t('escritura'),
  };
  const sum = Object.values(parts).reduce((a, b) => a + b, 0);
  return { ...parts, resto: s.durationMs - sum, total: s.durationMs };
}

async function main(): Promise<void> {
  if (!(await asBundle())) return;
  const { work: folder, pristine } = await prepare();
  const base = demoConfig(folder);
  // The bundle lives in .bench/: point at the project's templates explicitly.
  const config = { ...base, mail: { ...base.mail, templatesFolder: resolve('mail-templates') } };
  if (engine === 'sqlite') {
    await measureAll(config, pristine, folder);
    return;
  }
  await withTsqlDatabase(async (name) => {
    const target = openDatabase(tsqlConnection(name));
    try {
      process.stdout.write(`Copiando el ERP de demostración a la base ${name} del servidor T-SQL… `);
      const copied = await copyDemoToSqlServer(pristine, target, 'tango', name);
      console.log(`${copied.rows} filas en ${(copied.elapsedMs / 1000).toFixed(1)} s`);
    } finally {
      await target.destroy();
    }
    // The company id names the database: the stand-in's app lock is server-wide.
    await measureAll({ ...config, company: { ...config.company, id: name }, erp: { ...config.erp, connection: tsqlConnection(name) } }, pristine, null);
  });
}

async function measureAll(config: ReturnType<typeof demoConfig>, pristine: string, folder: string | null): Promise<void> {
  const logger = createLogger({ folder: null, retentionDays: 1, level: 'warn', console: false });
  const ctx = await openCompany(config, logger);
  let statements = 0;
  // CADENCIA_BENCH_SQL=1: also lists the statements of each phase (first 100 characters, with counts).
  const listSql = process.env.CADENCIA_BENCH_SQL === '1';
  const sqlSeen = new Map<string, number>();
  ctx.db.on('query', (q: { sql: string }) => {
    statements += 1;
    if (listSql) sqlSeen.set(q.sql.slice(0, 100), (sqlSeen.get(q.sql.slice(0, 100)) ?? 0) + 1);
  });
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  const startRss = rssMb(); // runtime, libraries and compiled templates, before any data
  const ro = readOptions(ctx, AS_OF);
  const phases: Phase[] = [];
  const details: string[] = [];
  const breakdowns: Record<string, number>[] = [];
  let readTimes: Record<string, number> = {};
  const measure = async (name: string, work: () => Promise<{ rows: number; written?: number }>): Promise<void> => {
    statements = 0;
    liveHeapMb(); // a collection first, so a phase does not inherit the previous one's garbage
    resetPeakRss();
    process.stdout.write(`${name}… `);
    const t = performance.now();
    const r = await work();
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
    if (listSql) for (const [sql, n] of sqlSeen) console.log(`  ${String(n).padStart(5)} × ${sql}`);
    sqlSeen.clear();
    phases.push({ name, ms: Math.round(performance.now() - t), rows: r.rows, statements, rssMb: rssMb(), liveMb: liveHeapMb(), ...(r.written !== undefined ? { written: r.written } : {}) });
  };
  const cycle = async (): Promise<{ rows: number; written: number }> => {
    const s: CycleSummary = await runCycle(ctx, { asOf: AS_OF });
    details.push(`${JSON.stringify(s.counts)} ${Object.entries(s.timings).map(([k, v]) => `${k}=${v}ms`).join(' ')}`);
    breakdowns.push(breakdown(s));
    return { rows: s.installments + s.customers, written: written(s.counts) };
  };

  // The bare read twice, keeping the faster: the first run also warms the
  // file cache, which every later cycle enjoys too.
  const firstTimes: Record<string, number> = {};
  await measure('a. lectura sola', async () => ({ rows: await bareRead(ctx, ro, firstTimes) }));
  const first = phases.pop()!;
  await measure('a. lectura sola', async () => ({ rows: await bareRead(ctx, ro, readTimes) }));
  if (first.ms < phases[phases.length - 1]!.ms) {
    phases[phases.length - 1] = first;
    readTimes = firstTimes;
  }
  await measure('b. primer ciclo', cycle);
  await measure('c. segundo ciclo, sin cambios', cycle);
  const payStart = performance.now();
  const paid = await payOnePercent(ctx, pristine);
  const payMs = Math.round(performance.now() - payStart);
  await measure(`d. ciclo tras pagar ${paid} cuotas (1 %)`, cycle);

  const t = ctx.templates;
  const input = sampleDigestInput();
  await renderDigest(t, input); // warm-up
  const n = 50;
  const start = performance.now();
  for (let i = 0; i < n; i++) await renderDigest(t, input);
  const digestsPerSecond = Math.round((n / (performance.now() - start)) * 1000);
  await closeCompany(ctx);
  // The idle service's RSS does not depend on the engine: measured on SQLite only.
  const idle = folder === null ? null : await idleServiceRss(join(folder, 'erp-demo.sqlite'), config.calendar.timeZone);

  const a = phases[0]!;
  const where = engine === 'sqlite' ? 'SQLite (node:sqlite)' : `T-SQL en ${process.env.TSQL_HOST ?? '127.0.0.1'}:${process.env.TSQL_PORT ?? 1433}`;
  console.log(`\nBenchmark de cadencia — ${installments} cuotas, semilla ${seed}, ${where}, Node ${process.version} ${process.execArgv.filter((a) => a !== '--expose-gc').join(' ')}, ${process.platform}/${process.arch}`);
  console.log('Fase                                   Tiempo    Filas/s   Sentencias  RSS máx.  Heap vivo  Filas escritas  Relación');
  console.log('(RSS máx.: el de cada fase en Linux; en otros sistemas, el máximo hasta esa fase)');
  for (const p of phases) {
    const ratio = p === a ? '' : (p.ms / a.ms).toFixed(2);
    console.log(
      `${p.name.padEnd(38)} ${`${(p.ms / 1000).toFixed(2)} s`.padStart(8)} ${String(Math.round(p.rows / (p.ms / 1000))).padStart(9)} ` +
        `${String(p.statements).padStart(11)} ${`${p.rssMb} MB`.padStart(9)} ${`${p.liveMb} MB`.padStart(10)} ${String(p.written ?? '—').padStart(15)}  ${ratio}`,
    );
  }
  for (const [i, d] of details.entries()) console.log(`  ciclo ${String.fromCharCode(98 + i)}: ${d}`);
  console.log(`Lectura sola (a), por consulta: ${Object.entries(readTimes).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(' · ')}`);
  console.log(`Pago del 1 % (recibos al estilo Tango, fuera de las fases): ${(payMs / 1000).toFixed(1)} s`);
  console.log('Dónde va el tiempo de cada ciclo (s; lectura ERP = consultas al ERP, cuotas sin el plan; estado propio = tablas COB_;');
  console.log('  escritura = plan, correos en cola, recordatorios, indicadores y antigüedad; resto = bloqueo y registro del ciclo):');
  const columns = Object.keys(breakdowns[0] ?? {});
  console.log(`ciclo  ${columns.map((c) => c.padStart(Math.max(9, c.length))).join(' ')}`);
  for (const [i, b] of breakdowns.entries()) {
    console.log(`${String.fromCharCode(98 + i).padEnd(6)} ${columns.map((c) => (b[c]! / 1000).toFixed(2).padStart(Math.max(9, c.length))).join(' ')}`);
  }
  console.log(`RSS al iniciar (Node, bibliotecas y plantillas compiladas, sin datos): ${startRss} MB`);
  console.log(
    `RSS del servicio en espera (cadencia servicio ejecutar, INI de ejemplo, empresa abierta, lista de trabajo activa, ` +
      `después de enviar a la carpeta los correos que dejaron los ciclos del banco, a los ${IDLE_SETTLE_MS / 1000} s de arrancar): ` +
      (idle ? `${idle.rss} MB (máximo durante el arranque: ${idle.peak} MB)` : folder === null ? 'no medido (se mide con --motor sqlite)' : 'no medido (sin /proc)'),
  );
  console.log(`Resúmenes renderizados por segundo (plantillas ya compiladas): ${digestsPerSecond}`);
  const [, b, c, d] = phases;
  const checks: [string, boolean][] = [
    [`b/a ≤ 1,5 (${(b!.ms / a.ms).toFixed(2)})`, b!.ms / a.ms <= 1.5],
    [`c/a ≤ 1,15 (${(c!.ms / a.ms).toFixed(2)}) y nada escrito (${c!.written})`, c!.ms / a.ms <= 1.15 && c!.written === 0],
    ...(folder === null ? [] : [[`RSS del servicio en espera ≤ 120 MB (${idle ? `${idle.rss} MB` : 'no medido'})`, idle !== null && idle.rss <= 120] as [string, boolean]]),
    [`RSS máximo ≤ 300 MB (${Math.max(...phases.map((p) => p.rssMb))} MB)`, Math.max(...phases.map((p) => p.rssMb)) <= 300],
  ];
  console.log(`d/a: ${(d!.ms / a.ms).toFixed(2)} · sentencias del ciclo sin cambios: ${c!.statements} (compárese entre tamaños)`);
  for (const [label, ok] of checks) console.log(`${ok ? 'CUMPLE' : 'NO CUMPLE'}  ${label}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
