/**
 * `demo`: the whole job on the embedded demo ERP, told as a story — build a
 * Tango-shaped database, read it through the connector, run the cycle as of a
 * date, then move the date forward with payments, a promise and a dispute so
 * tasks close, escalate and pause. `demo generar` builds only the database.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { migrate } from '../../connector/addon/migrations';
import { recordContact, setCustomerFlags } from '../../connector/addon/staff-input';
import type { Knex } from 'knex';
import { generateDemoErp, payAllOverdue } from '../../connector/demo-erp';
import { generateBejermanDemo, payAllOverdueBejerman } from '../../connector/demo-erp-bejerman';
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from '../../rules/aging';
import { addDays } from '../../rules/dates';
import { formatDate, formatMoney, formatPercent } from '../../rules/format';
import type { IsoDate } from '../../rules/types';
import { loadConfig, type AppConfig } from '../config';
import { closeCompany, openCompany, secretsOf, type CompanyContext } from '../context';
import { readAndPlan } from '../cycle/read-and-plan';
import { createLogger, flushLogger } from '../logging';
import { printCycleSummary, runOnce } from './commands-run';
import { webServe } from './commands-web';
import { createLink } from '../web/store';
import { positiveInt, printTable, readConfig, UsageError, type GlobalOptions } from './common';
import { openDatabase } from '../../connector/connection';
import { connectOrExplain } from '../../connector/connection-errors';
import { assertDemoTarget, copyDemoToSqlServer, DemoTargetNotEmptyError } from '../../connector/demo-erp-sqlserver/copy-to-sqlserver';

/** The demo's first day: a Monday. */
export const DEMO_START: IsoDate = '2026-11-02';
const DEMO_SEED = 42;

export interface DemoGenerateOptions extends GlobalOptions {
  archivo?: string;
  semilla: string;
  clientes?: string;
  cuotas?: string;
  fecha: string;
  erp?: string;
}

/**
 * `demo generar`: the demo ERP alone. Into a SQLite file (--archivo), or, with
 * --config, wherever that INI's [erp] points: its SQLite file or its SQL Server
 * database (built with the real column types; never over a real ERP).
 */
export async function demoGenerate(opts: DemoGenerateOptions): Promise<void> {
  const config = opts.config && !opts.archivo ? readConfig(opts) : null;
  const erp = (opts.erp ?? (config && config.erp.profile !== 'vistas' ? config.erp.profile : 'tango')) as DemoErp;
  if (erp !== 'tango' && erp !== 'bejerman') throw new UsageError(`--erp: se esperaba tango o bejerman, se recibió «${opts.erp}».`);
  const seed = positiveInt(opts.semilla, '--semilla');
  const sizes = {
    ...(opts.clientes ? { customers: positiveInt(opts.clientes, '--clientes') } : {}),
    ...(opts.cuotas ? { installments: positiveInt(opts.cuotas, '--cuotas') } : {}),
  };
  const target = config?.erp.connection;
  const sqliteFile = target?.kind === 'sqlite' ? target.file : resolve(opts.archivo ?? 'demo/erp-demo.sqlite');
  if (target?.kind !== 'sqlserver') {
    mkdirSync(resolve(sqliteFile, '..'), { recursive: true });
    const summary = await generateDemoFile(erp, sqliteFile, seed, opts.fecha, sizes);
    console.log(`Base de demostración (${erp}) creada: ${sqliteFile}\n  ${summary}`);
    return;
  }
  // SQL Server: generate in a temporary SQLite file, then copy it with SQL Server's types.
  const work = mkdtempSync(join(tmpdir(), 'cadencia-demo-'));
  const db = openDatabase(target);
  try {
    await connectOrExplain(db, target);
    await assertDemoTarget(db, erp, target.database);
    const file = join(work, 'erp-demo.sqlite');
    const summary = await generateDemoFile(erp, file, seed, opts.fecha, sizes);
    const copy = await copyDemoToSqlServer(file, db, erp, target.database);
    console.log(
      `Base de demostración (${erp}) creada en SQL Server ${target.host}${target.instance ? `\\${target.instance}` : ''}, base «${target.database}»:\n` +
        `  ${summary}; ${copy.rows} filas copiadas en ${(copy.elapsedMs / 1000).toFixed(1)} s.`,
    );
  } catch (err) {
    if (err instanceof DemoTargetNotEmptyError) throw new UsageError(err.message);
    throw err;
  } finally {
    await db.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

async function generateDemoFile(
  erp: DemoErp, file: string, seed: number, asOf: IsoDate, sizes: { customers?: number; installments?: number },
): Promise<string> {
  if (erp === 'bejerman') {
    const s = await generateBejermanDemo({ file, seed, asOf, ...sizes });
    return `${s.customers} clientes, ${s.rows} filas en CabVenta, ${s.installments} cuotas`;
  }
  const s = await generateDemoErp({ file, seed, asOf, ...sizes });
  return (
    `${s.customers} clientes, ${s.sellers} vendedores, ${s.vouchers} comprobantes, ${s.installments} cuotas, ` +
    `${s.applications} aplicaciones, ${s.cheques} cheques — ${(s.elapsedMs / 1000).toFixed(2)} s`
  );
}

export type DemoErp = 'tango' | 'bejerman';

/** What differs between the demo ERPs: how the database is built and how a payment is posted. */
interface DemoErpKind {
  label: string;
  generate(file: string): Promise<{ customers: number; installments: number; detail: string }>;
  pay(db: Knex, code: string, date: IsoDate): Promise<string | null>;
}

const DEMO_ERPS: Record<DemoErp, DemoErpKind> = {
  tango: {
    label: 'Tango (GVA12, GVA46, GVA07, GVA14, GVA23, GVA15, SBA14)',
    async generate(file) {
      const s = await generateDemoErp({ file, seed: DEMO_SEED, asOf: DEMO_START });
      return { customers: s.customers, installments: s.installments, detail: `${s.vouchers} comprobantes` };
    },
    async pay(db, code, date) {
      const r = await payAllOverdue(db, code, date);
      return r ? `recibo ${r.receiptNumber} aplicado en GVA07` : null;
    },
  },
  bejerman: {
    label: 'Bejerman (CabVenta, Clientes, Vendedor, TipComp)',
    async generate(file) {
      const s = await generateBejermanDemo({ file, seed: DEMO_SEED, asOf: DEMO_START });
      return { customers: s.customers, installments: s.installments, detail: `${s.rows} filas en CabVenta` };
    },
    async pay(db, code, date) {
      const r = await payAllOverdueBejerman(db, code, date);
      return r ? `recibo RC ${r.receiptNumber} en CabVenta, saldos en cero` : null;
    },
  },
};

/** The shipped example INI, pointed at the demo folder (and at the demo ERP's profile). */
export function demoConfig(folder: string, erp: DemoErp = 'tango'): AppConfig {
  const example = resolve('cadencia.ejemplo.ini');
  if (!existsSync(example)) throw new UsageError(`No se encontró ${example}: ejecute la demo desde la carpeta del proyecto.`);
  const base = loadConfig(example);
  return {
    ...base,
    erp: { ...base.erp, profile: erp, connection: { kind: 'sqlite', file: join(folder, 'erp-demo.sqlite') } },
    mail: { ...base.mail, mode: 'carpeta', smtp: null, folder: join(folder, 'correo') },
    logs: { ...base.logs, folder: join(folder, 'registros') },
  };
}

/** Where each demo keeps its files, so the Bejerman demo never overwrites the Tango one the example INI reads. */
export function demoFiles(folder: string, erp: DemoErp): { erpFile: string; mailFolder: string } {
  const suffix = erp === 'tango' ? '' : `-${erp}`;
  return { erpFile: join(folder, `erp-demo${suffix}.sqlite`), mailFolder: join(folder, `correo${suffix}`) };
}

/**
 * The INI for trying commands on a demo: the example INI itself for the Tango
 * demo in ./demo (it points there); otherwise a copy of it, written into the
 * demo folder, with this demo's profile and files. Returns its path.
 */
export function demoIni(folder: string, erp: DemoErp): string {
  const example = resolve('cadencia.ejemplo.ini');
  if (erp === 'tango' && resolve(folder) === resolve('demo')) return example;
  const { erpFile, mailFolder } = demoFiles(folder, erp);
  const rel = (p: string): string => relative(folder, p);
  const text = readFileSync(example, 'utf8')
    .replace(/^perfil = .*$/m, `perfil = ${erp}`)
    .replace(/^archivo = .*$/m, `archivo = ${rel(erpFile)}`)
    .replace(/^carpeta = demo\/correo$/m, `carpeta = ${rel(mailFolder)}`);
  const file = join(folder, `cadencia-demo-${erp}.ini`);
  writeFileSync(file, text);
  return file;
}

function title(text: string): void {
  console.log(`\n${'═'.repeat(78)}\n${text}\n${'═'.repeat(78)}`);
}

async function showSnapshot(ctx: CompanyContext, asOf: IsoDate): Promise<void> {
  const cycle = await readAndPlan(ctx, { asOf });
  const overdue = cycle.aging.total - cycle.aging.corriente;
  console.log(`Leído con el perfil ${ctx.profile.name} del conector: ${cycle.customers.size} clientes, ${cycle.sellers.size} vendedores, ${cycle.installmentCount} cuotas abiertas.`);
  console.log(`Saldo pendiente ${formatMoney(cycle.aging.total)}, vencido ${formatMoney(overdue)}.\n`);
  printTable(
    ['Antigüedad', 'Saldo', 'Proporción'],
    AGING_BUCKETS.map((b) => [
      AGING_BUCKET_LABELS[b],
      formatMoney(cycle.aging[b]),
      cycle.aging.total > 0 ? formatPercent(cycle.aging[b] / cycle.aging.total) : '—',
    ]),
  );
  const worst = [...cycle.plan.tiers].sort((a, b) => b.metrics.overdueBalance - a.metrics.overdueBalance).slice(0, 8);
  console.log('\nClientes con más deuda vencida:');
  printTable(
    ['Cliente', 'Razón social', 'Vencido', 'Días', 'Nivel'],
    worst.map((d) => [
      d.customerCode, (cycle.customers.get(d.customerCode)?.name ?? '').slice(0, 38),
      formatMoney(d.metrics.overdueBalance), String(d.metrics.oldestDaysOverdue), d.tier,
    ]),
  );
  if (cycle.issues.count > 0) console.log(`\nFilas del ERP omitidas por datos inválidos: ${cycle.issues.count}`);
}

async function showTiers(ctx: CompanyContext, asOf: IsoDate): Promise<void> {
  const cycle = await readAndPlan(ctx, { asOf });
  for (const tier of ['A', 'B', 'C'] as const) {
    const example = cycle.plan.tiers.find((d) => d.tier === tier && d.rule !== 'nuevo');
    const n = cycle.plan.tiers.filter((d) => d.tier === tier).length;
    console.log(`Nivel ${tier}: ${n} clientes.${example ? ` Por ejemplo ${example.customerCode} (${cycle.customers.get(example.customerCode)?.name ?? ''}):` : ''}`);
    if (example) console.log(`   ${example.reason}`);
  }
}

async function showTasksAndAlerts(ctx: CompanyContext, asOf: IsoDate): Promise<void> {
  const { db, tables } = ctx;
  const byState = (await db(tables.tarea).select('ESTADO', 'MOTIVO_CIERRE').count({ n: '*' }).groupBy('ESTADO', 'MOTIVO_CIERRE')) as {
    ESTADO: string; MOTIVO_CIERRE: string | null; n: number;
  }[];
  console.log('Tareas en COB_TAREA:');
  printTable(['Estado', 'Motivo de cierre', 'Tareas'], byState.map((r) => [r.ESTADO, r.MOTIVO_CIERRE ?? '', String(r.n)]));
  const today = (await db(tables.tarea)
    .select('COD_CLIENT', 'PASO', 'CANALES', 'RESPONSABLE', 'DIAS_ATRASO', 'SALDO_VENCIDO')
    .where({ ESTADO: 'pendiente' })
    .where('FECHA', '<=', asOf)
    .orderBy([{ column: 'DIAS_ATRASO', order: 'desc' }])
    .limit(8)) as Record<string, unknown>[];
  if (today.length > 0) {
    console.log('\nAlgunas tareas pendientes para hoy:');
    printTable(
      ['Cliente', 'Paso', 'Canales', 'Responsable', 'Días', 'Vencido'],
      today.map((r) => [String(r.COD_CLIENT), String(r.PASO), String(r.CANALES), String(r.RESPONSABLE ?? ''), String(r.DIAS_ATRASO), formatMoney(Number(r.SALDO_VENCIDO))]),
    );
  }
  const alerts = (await db(tables.alerta).select('COD_CLIENT', 'MENSAJE').orderBy('DIAS_ATRASO', 'desc').limit(5)) as {
    COD_CLIENT: string; MENSAJE: string;
  }[];
  const count = (await db(tables.alerta).count({ n: '*' })) as { n: number }[];
  console.log(`\nAlertas en COB_ALERTA: ${count[0]?.n ?? 0}. Las primeras, como las ve el personal en el ERP:`);
  for (const a of alerts) console.log(`  ${a.COD_CLIENT.trim()}  ${a.MENSAJE}`);
}

/**
 * Customers with a pending task, for the story's payments, promise and
 * dispute: those at the friendlier stages first (they are the ones a payment
 * or a promise usually comes from), then the rest.
 */
async function customersWithTasks(ctx: CompanyContext): Promise<string[]> {
  const rows = (await ctx.db(ctx.tables.tarea)
    .select('COD_CLIENT', 'ETAPA')
    .where({ ESTADO: 'pendiente' })
    .orderBy('COD_CLIENT')) as { COD_CLIENT: string; ETAPA: string }[];
  const rank = (stage: string): number => (stage === 'extrajudicial' ? 1 : 0);
  const ordered = [...rows].sort((a, b) => rank(a.ETAPA) - rank(b.ETAPA));
  return [...new Set(ordered.map((r) => r.COD_CLIENT.trim()))];
}

export async function demoStory(opts: { carpeta: string; erp?: string; servir?: boolean }): Promise<void> {
  const erp = (opts.erp ?? 'tango') as DemoErp;
  const kind = DEMO_ERPS[erp];
  if (!kind) throw new UsageError(`--erp: se esperaba tango o bejerman, se recibió «${opts.erp}».`);
  const started = performance.now();
  const folder = resolve(opts.carpeta);
  mkdirSync(folder, { recursive: true });
  const files = demoFiles(folder, erp);
  for (const path of [files.erpFile, `${files.erpFile}-wal`, `${files.erpFile}-shm`, files.mailFolder]) {
    rmSync(path, { recursive: true, force: true });
  }
  const base = demoConfig(folder, erp);
  const config: AppConfig = {
    ...base,
    erp: { ...base.erp, connection: { kind: 'sqlite', file: files.erpFile } },
    mail: { ...base.mail, folder: files.mailFolder },
  };
  const hintIni = demoIni(folder, erp);
  const logger = createLogger(
    { folder: config.logs.folder, retentionDays: config.logs.retentionDays, level: 'info', console: false },
    secretsOf(config),
  );

  title('1. El ERP de demostración');
  const erpFile = config.erp.connection.kind === 'sqlite' ? config.erp.connection.file : '';
  const summary = await kind.generate(erpFile);
  console.log(
    `Base con forma de ${kind.label}, semilla ${DEMO_SEED}: ` +
      `${summary.customers} clientes, ${summary.detail}, ${summary.installments} cuotas.`,
  );
  const ctx = await openCompany(config, logger);
  let ctxClosed = false;
  try {
    await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
    await showSnapshot(ctx, DEMO_START);

    title(`2. Niveles de riesgo al ${formatDate(DEMO_START)}`);
    await showTiers(ctx, DEMO_START);

    title(`3. Primer ciclo al ${formatDate(DEMO_START)}`);
    const first = await runOnce(ctx, DEMO_START);
    printCycleSummary(first.summary, first.sent);
    console.log('');
    await showTasksAndAlerts(ctx, DEMO_START);

    title('4. El mismo ciclo otra vez: no cambia nada');
    const again = await runOnce(ctx, DEMO_START);
    printCycleSummary(again.summary, again.sent);

    const chosen = await customersWithTasks(ctx);
    const payers = chosen.slice(0, 3);
    const promiser = chosen[3];
    const disputer = chosen[4];
    const week = addDays(DEMO_START, 7);
    title(`5. Una semana después (${formatDate(week)}): pagos, una promesa y una disputa`);
    for (const code of payers) {
      const receipt = await kind.pay(ctx.db, code, addDays(DEMO_START, 3));
      console.log(`  Cliente ${code} pagó todo lo vencido (${receipt ?? 'no tenía nada vencido'}).`);
    }
    if (promiser) {
      await recordContact(ctx.db, ctx.tables, {
        customerCode: promiser, on: addDays(DEMO_START, 2), outcome: 'promesa',
        promiseDate: addDays(DEMO_START, 10), promiseAmount: 50_000, user: 'demo', note: 'Promete pagar el 12/11',
      });
      console.log(`  Cliente ${promiser} prometió pagar $ 50.000 el ${formatDate(addDays(DEMO_START, 10))} (COB_CONTACTO).`);
    }
    if (disputer) {
      await setCustomerFlags(ctx.db, ctx.tables, disputer, { dispute: true, note: 'Reclama diferencia de precio en una factura' });
      console.log(`  Cliente ${disputer} reclama una factura: queda en disputa (COB_CLIENTE).`);
    }
    const second = await runOnce(ctx, week);
    printCycleSummary(second.summary, second.sent);
    const closed = (await ctx.db(ctx.tables.tarea).whereIn('COD_CLIENT', payers).where({ ESTADO: 'cerrada' }).count({ n: '*' })) as { n: number }[];
    console.log(`  Tareas cerradas de los clientes que pagaron: ${closed[0]?.n ?? 0}.`);
    const paused = (await ctx.db(ctx.tables.alerta).select('COD_CLIENT', 'SUSPENDIDA_POR', 'MENSAJE').whereNotNull('SUSPENDIDA_POR')) as {
      COD_CLIENT: string; SUSPENDIDA_POR: string; MENSAJE: string;
    }[];
    for (const p of paused.filter((r) => [promiser, disputer].includes(r.COD_CLIENT.trim()))) {
      console.log(`  ${p.COD_CLIENT.trim()} en pausa (${p.SUSPENDIDA_POR}): ${p.MENSAJE}`);
    }

    for (const days of [30, 63]) {
      const day = addDays(DEMO_START, days);
      title(`${days === 30 ? 6 : 7}. ${formatDate(day)}: la cadencia escala`);
      const r = await runOnce(ctx, day);
      printCycleSummary(r.summary, r.sent);
      const steps = (await ctx.db(ctx.tables.tarea).select('PASO').count({ n: '*' }).where({ ESTADO: 'pendiente' }).groupBy('PASO').orderBy('PASO')) as {
        PASO: string; n: number;
      }[];
      console.log(`  Tareas pendientes por paso: ${steps.map((s) => `${s.PASO} ${s.n}`).join(' · ') || 'ninguna'}`);
      if (days === 30 && promiser) {
        const followUp = (await ctx.db(ctx.tables.tarea).where({ COD_CLIENT: promiser }).where('PASO', 'like', 'PROMESA-%').count({ n: '*' })) as { n: number }[];
        if ((followUp[0]?.n ?? 0) > 0) console.log(`  La promesa de ${promiser} no se cumplió: se creó una tarea de seguimiento.`);
      }
    }

    title('8. Resumen');
    await showTasksAndAlerts(ctx, addDays(DEMO_START, 63));
    const mailFolder = config.mail.folder ?? '';
    const files = existsSync(mailFolder) ? readdirSync(mailFolder) : [];
    const emls = files.filter((f) => f.endsWith('.eml')).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nDónde mirar:
  Base del ERP de demostración (SQLite, con las tablas COB_*): ${erpFile}
  Correos al personal (.eml y .html, uno por responsable y día): ${mailFolder} (${emls} correos)
  Registro: ${config.logs.folder}
  Probá también: npm run cadencia -- explicar ${payers[0] ?? '<cliente>'} --config ${relative(process.cwd(), hintIni)} --fecha ${DEMO_START}`);

    title('9. La lista de trabajo en el navegador');
    const lastDay = addDays(DEMO_START, 63);
    const collector = config.staff.collector;
    const token = await createLink(ctx.db, ctx.tables, collector.email, config.web.linkHours, new Date());
    const local = `http://localhost:${config.web.port}`;
    console.log(`El servicio sirve la lista de trabajo al personal (sección [web] del INI). Para verla con los datos de la demo:
  npm run cadencia -- web --config ${relative(process.cwd(), hintIni)} --fecha ${lastDay}
y abra en el navegador ${local}
Enlace de ingreso como ${collector.name} (cobradora; un solo uso, vale ${config.web.linkHours} horas):
  ${local}/e/${token}
Otro enlace: npm run cadencia -- usuarios enlace ${config.staff.supervisor.email} --config ${relative(process.cwd(), hintIni)}  (el supervisor)
Demo completa en ${seconds} s.`);
    if (opts.servir) {
      await closeCompany(ctx);
      ctxClosed = true;
      await flushLogger(logger);
      await webServe({ config: hintIni, fecha: lastDay, direccion: '127.0.0.1' });
    }
  } finally {
    if (!ctxClosed) {
      await closeCompany(ctx);
      await flushLogger(logger);
    }
  }
}
