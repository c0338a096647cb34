/**
 * Benchmark: what a cycle costs against the bare read of the ERP.
 *
 *   npm run bench -- --installments 1000000 [--seed 1]
 *
 * Builds (or reuses, from .bench/) the demo ERP of that size and seed in a
 * child process, copies it, and measures in this process:
 *   (a) the bare read — the profile's queries drained with no processing;
 *   (b) a first full cycle (read, rules, write, mail queued);
 *   (c) a second cycle on unchanged data;
 *   (d) a cycle after 1% of the installments were paid (receipts posted the Tango way);
 * then digests rendered per second after template compilation.
 * For each: wall time, rows per second, peak RSS of the phase (Linux), live heap after
 * it, SQL statements sent. Then the RSS of the idle service, in a child process.
 *
 * The measuring process runs the same kind of CommonJS bundle the Windows
 * executable carries (built here with esbuild), on plain Node: no TypeScript
 * loader in memory, so the RSS figures are those of the service.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '../connector/sqlite/quiet-warning';
import type { ApplyCounts } from '../connector/addon/apply-plan';
import { migrate } from '../connector/addon/migrations';
import { postReceipt } from '../connector/demo-erp';
import type { ReadOptions } from '../connector/profiles/profile';
import { demoConfig } from '../service/cli/commands-demo';
import { timeIn } from '../service/clock';
import { closeCompany, openCompany, type CompanyContext } from '../service/context';
import { readOptions } from '../service/cycle/read-and-plan';
import { runCycle, type CycleSummary } from '../service/cycle/run-cycle';
import { createLogger } from '../service/logging';
import { renderDigest } from '../service/mail/render';
import { sampleDigestInput } from '../service/mail/sample';

const { values } = parseArgs({
  options: {
    installments: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
  },
});
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

async function prepare(): Promise<string> {
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
  return work;
}

async function drain(it: AsyncIterable<unknown> | Promise<unknown[]>): Promise<number> {
  if (it instanceof Promise) return (await it).length;
  let n = 0;
  for await (const _ of it) n += 1;
  return n;
}

async function bareRead(ctx: CompanyContext, ro: ReadOptions): Promise<number> {
  const { db, profile } = ctx;
  const ignore = (): void => undefined;
  let rows = 0;
  rows += await drain(profile.sellers(db, ignore));
  rows += await drain(profile.customers(db, ignore));
  rows += await drain(profile.paymentBehaviour(db, ro, ignore));
  rows += await drain(profile.unappliedMoney(db, ro, ignore));
  rows += await drain(profile.openInstallments(db, ro, ignore));
  return rows;
}

/** Pays 1% of all installments (open ones, spread over customers) with receipts as Tango records them. */
async function payOnePercent(ctx: CompanyContext): Promise<number> {
  const count = Math.max(1, Math.round(installments / 100));
  const open = (await ctx.db('DEMO_VERDAD')
    .select('COD_CLIENT', 'T_COMP', 'N_COMP', 'FECHA_VTO', 'PENDIENTE')
    .where('PENDIENTE', '>', 1)
    .where('T_COMP', 'FAC')
    .orderByRaw('(rowid * 7919) % 100003')
    .limit(count)) as { COD_CLIENT: string; T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number }[];
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
 * written to the mail folder) it waits. Its RSS is read once it has stayed
 * flat for 3 s.
 */
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
  const child = spawn(process.execPath, [resolve('.bench/cadencia.cjs'), 'servicio', 'ejecutar', '--config', iniFile], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    let last = procMemoryMb(child.pid!);
    let flatSince = Date.now();
    while (last && Date.now() - flatSince < 3000 && Date.now() < until) {
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

/** Re-runs this benchmark as a bundle on plain Node; resolves true when this process is that bundle. */
async function asBundle(): Promise<boolean> {
  if (process.env.CADENCIA_BENCH_BUNDLE === '1') return true;
  const { bundleCli } = await import('../installer/build/bundle');
  const out = resolve('.bench/cycle.cjs');
  mkdirSync(resolve('.bench'), { recursive: true });
  await bundleCli(resolve('.'), out, 'bench/cycle.ts');
  await bundleCli(resolve('.'), resolve('.bench/cadencia.cjs')); // the executable's bundle, for the idle service
  // --expose-gc: after each phase a full collection measures the live heap.
  // CADENCIA_BENCH_NODE: extra Node flags, e.g. '--max-old-space-size=256' to check the work fits a bounded heap.
  const extra = (process.env.CADENCIA_BENCH_NODE ?? '').split(' ').filter(Boolean);
  execFileSync(process.execPath, ['--expose-gc', ...extra, out, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CADENCIA_BENCH_BUNDLE: '1' },
  });
  return false;
}

async function main(): Promise<void> {
  if (!(await asBundle())) return;
  const folder = await prepare();
  const base = demoConfig(folder);
  // The bundle lives in .bench/: point at the project's templates explicitly.
  const config = { ...base, mail: { ...base.mail, templatesFolder: resolve('mail-templates') } };
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
    return { rows: s.installments + s.customers, written: written(s.counts) };
  };

  // The bare read twice, keeping the faster: the first run also warms the
  // file cache, which every later cycle enjoys too.
  await measure('a. lectura sola', async () => ({ rows: await bareRead(ctx, ro) }));
  const first = phases.pop()!;
  await measure('a. lectura sola', async () => ({ rows: await bareRead(ctx, ro) }));
  if (first.ms < phases[phases.length - 1]!.ms) phases[phases.length - 1] = first;
  await measure('b. primer ciclo', cycle);
  await measure('c. segundo ciclo, sin cambios', cycle);
  const paid = await payOnePercent(ctx);
  await measure(`d. ciclo tras pagar ${paid} cuotas (1 %)`, cycle);

  const t = ctx.templates;
  const input = sampleDigestInput();
  await renderDigest(t, input); // warm-up
  const n = 50;
  const start = performance.now();
  for (let i = 0; i < n; i++) await renderDigest(t, input);
  const digestsPerSecond = Math.round((n / (performance.now() - start)) * 1000);
  await closeCompany(ctx);
  const idle = await idleServiceRss(join(folder, 'erp-demo.sqlite'), config.calendar.timeZone);

  const a = phases[0]!;
  console.log(`\nBenchmark de cadencia — ${installments} cuotas, semilla ${seed}, Node ${process.version}, ${process.platform}/${process.arch}`);
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
  console.log(`RSS al iniciar (Node, bibliotecas y plantillas compiladas, sin datos): ${startRss} MB`);
  console.log(
    `RSS del servicio en espera (cadencia servicio ejecutar, INI de ejemplo, empresa abierta, lista de trabajo activa, ` +
      `después de enviar a la carpeta los correos que dejaron los ciclos del banco): ` +
      (idle ? `${idle.rss} MB (máximo durante el arranque: ${idle.peak} MB)` : 'no medido (sin /proc)'),
  );
  console.log(`Resúmenes renderizados por segundo (plantillas ya compiladas): ${digestsPerSecond}`);
  const [, b, c, d] = phases;
  const checks: [string, boolean][] = [
    [`b/a ≤ 1,5 (${(b!.ms / a.ms).toFixed(2)})`, b!.ms / a.ms <= 1.5],
    [`c/a ≤ 1,15 (${(c!.ms / a.ms).toFixed(2)}) y nada escrito (${c!.written})`, c!.ms / a.ms <= 1.15 && c!.written === 0],
    [`RSS del servicio en espera ≤ 120 MB (${idle ? `${idle.rss} MB` : 'no medido'})`, idle !== null && idle.rss <= 120],
    [`RSS máximo ≤ 300 MB (${Math.max(...phases.map((p) => p.rssMb))} MB)`, Math.max(...phases.map((p) => p.rssMb)) <= 300],
  ];
  console.log(`d/a: ${(d!.ms / a.ms).toFixed(2)} · sentencias del ciclo sin cambios: ${c!.statements} (compárese entre tamaños)`);
  for (const [label, ok] of checks) console.log(`${ok ? 'CUMPLE' : 'NO CUMPLE'}  ${label}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
