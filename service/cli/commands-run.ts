/** `ejecutar --una-vez` and `estado`. */
import { appliedVersions, migrate } from '../../connector/addon/migrations';
import { toIsoDate } from '../../connector/addon/dates';
import { timeIn, todayIn } from '../clock';
import { formatDate, formatMoney } from '../../rules/format';
import type { CompanyContext } from '../context';
import { CycleBackwardsError, runCycle, type CycleSummary } from '../cycle/run-cycle';
import { sendOutbox } from '../cycle/send-outbox';
import { failedMails, pendingWithErrors, type DrainResult } from '../mail/outbox';
import { transportFor } from '../mail-transport';
import { closeCompany, openCompany } from '../context';
import { cliLogger, dateOption, logDetail, printTable, readCompanies, UsageError, withCompany, type GlobalOptions } from './common';
import { explainDatabaseError } from './db-errors';

export function printCycleSummary(s: CycleSummary, sent: DrainResult | null): void {
  const c = s.counts;
  console.log(`Ciclo n.º ${s.runId} al ${formatDate(s.asOf)} — ${s.customers} clientes, ${s.installments} cuotas abiertas, ${s.durationMs} ms`);
  console.log(`  Niveles: A ${s.tiers.A} · B ${s.tiers.B} · C ${s.tiers.C} (cambios de nivel: ${c.tierChanges})`);
  console.log(`  Tareas: ${c.tasksCreated} nuevas, ${c.tasksSkipped} pasos omitidos, ${c.tasksClosed} cerradas`);
  console.log(`  Alertas: ${c.alertsUpserted} nuevas o cambiadas, ${c.alertsDeleted} quitadas · clientes suspendidos: ${s.suppressed}`);
  console.log(`  Correos encolados: ${c.mailsQueued}${sent ? ` · enviados: ${sent.sent}, fallidos: ${sent.failed}, en espera: ${sent.deferred}` : ''}`);
  const auto = s.automatic;
  if (auto.queued > 0 || auto.sent.length > 0 || auto.skipped.length > 0 || auto.waiting) {
    console.log(`  Recordatorios automáticos a clientes: ${auto.queued} encolados${auto.skipped.length > 0 ? `, ${auto.skipped.length} omitidos` : ''}`
      + `${auto.waiting ? ` · sin enviar: ${auto.waiting}` : ''}`);
    for (const x of auto.skipped) console.log(`    ${x.customerCode} ${x.customerName} (${x.stepId}): ${x.reason}`);
  }
  if (sent?.serverDown) console.log(`  El servidor de correo no está disponible; los correos esperan sin gastar intentos (${sent.serverDown}).`);
  if (s.issues.count > 0) {
    console.log(`  Filas del ERP omitidas por datos inválidos: ${s.issues.count}`);
    for (const [problem, n] of s.issues.byProblem) console.log(`    ${n} × ${problem}`);
  }
}

/** One full cycle now: schema up to date, read, plan, write, queue and send mail. */
export async function runOnce(
  ctx: CompanyContext, asOf: string, allowBackwards = false,
): Promise<{ summary: CycleSummary; sent: DrainResult }> {
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  const summary = await runCycle(ctx, { asOf, allowBackwards });
  const transport = transportFor(ctx.config);
  try {
    const sent = await sendOutbox(ctx, transport, { now: new Date(), respectDigestHour: false });
    return { summary, sent };
  } finally {
    transport.close();
  }
}

/**
 * One cycle for each company of the INI (or the one named with --empresa), in
 * turn; a company that fails is reported and the others still run.
 */
export async function runOnceCommand(opts: GlobalOptions & { fecha?: string; permitirRetroceso?: boolean }): Promise<void> {
  const configs = readCompanies(opts);
  let failed = 0;
  for (const config of configs) {
    if (configs.length > 1) console.log(`\n== ${config.company.name} (${config.company.id}) ==`);
    let ctx: CompanyContext | null = null;
    try {
      // Opened inside the try: a company whose database fails is reported, and the others still run.
      ctx = await openCompany(config, cliLogger(config, true));
      const { summary, sent } = await runOnce(ctx, dateOption(opts.fecha, config), opts.permitirRetroceso === true);
      printCycleSummary(summary, sent);
    } catch (err) {
      if (configs.length === 1) throw err instanceof CycleBackwardsError ? new UsageError(err.message) : err;
      failed += 1;
      const line = explainDatabaseError(err, config.erp.tablePrefix) ?? (err instanceof Error ? err.message : String(err));
      const where = await logDetail(config, err, `ciclo empresa=${config.company.id}`);
      console.error(`Error en ${config.company.id}: ${line} ${where}`);
    } finally {
      if (ctx) await closeCompany(ctx);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

/** COB_CORREO.TIPO of a reminder to a customer (worklist or automatic). */
const CUSTOMER_MAIL_KIND = 'cliente';

/** 'Buenos Aires' for 'America/Argentina/Buenos_Aires'. */
function zoneLabel(timeZone: string): string {
  return (timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ');
}

/**
 * A stored instant (a Date from SQL Server, an ISO text from SQLite; UTC
 * either way) as dd/mm/aaaa hh:mm in the company's time zone.
 */
export function localDateTime(value: unknown, timeZone: string): string {
  const text = String(value);
  const at = value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(at.getTime())) return text;
  return `${formatDate(todayIn(timeZone, at))} ${timeIn(timeZone, at)}`;
}

export async function statusCommand(opts: GlobalOptions & { ultimos?: string }): Promise<void> {
  await withCompany(opts, (ctx) => printStatus(ctx, opts.ultimos));
}

/** What `estado` prints for one company. */
export async function printStatus(ctx: CompanyContext, ultimos?: string): Promise<void> {
  {
    const { db, tables } = ctx;
    if ((await appliedVersions(db, tables)).length === 0) {
      console.log(`Empresa: ${ctx.config.company.name}\n\nLas tablas de cadencia todavía no existen en la base: se crean con «cadencia db migrar» o con el primer ciclo.`);
      return;
    }
    const limit = Math.max(1, Math.min(100, Number(ultimos ?? 10) || 10));
    const runs = (await db(tables.ejecucion).select().orderBy('ID', 'desc').limit(limit)) as Record<string, unknown>[];
    const tz = ctx.config.calendar.timeZone;
    console.log(`Empresa: ${ctx.config.company.name}\n\nÚLTIMOS CICLOS`);
    if (runs.length === 0) console.log('  Todavía no se ejecutó ningún ciclo.');
    else {
      printTable(
        [
          'N.º', 'Fecha', `Inicio (hora de ${zoneLabel(tz)})`, 'Estado', 'Clientes', 'Nuevas', 'Cerradas', 'Alertas',
          'Correos al personal', 'Correos a clientes', 'Omitidas',
        ],
        runs.map((r) => [
          String(r.ID), formatDate(toIsoDate(r.FECHA_CORTE) ?? ''), localDateTime(r.INICIO, tz),
          String(r.ESTADO), String(r.CLIENTES), String(r.TAREAS_CREADAS), String(r.TAREAS_CERRADAS),
          String(r.ALERTAS), String(r.CORREOS_ENCOLADOS), String(r.CORREOS_CLIENTES ?? 0), String(r.FILAS_OMITIDAS),
        ]),
      );
    }
    const lastOk = runs.find((r) => r.ESTADO === 'ok');
    if (lastOk && Number(lastOk.FILAS_OMITIDAS) > 0) {
      console.log(`\nFILAS OMITIDAS EN EL CICLO N.º ${String(lastOk.ID)}: ${String(lastOk.FILAS_OMITIDAS)}`);
      console.log(`  ${String(lastOk.DETALLE ?? '')}`);
    }
    const queue = (await db(tables.correo).select('ESTADO', 'TIPO').count({ n: '*' }).groupBy('ESTADO', 'TIPO')) as { ESTADO: string; TIPO: string; n: number }[];
    console.log('\nCOLA DE CORREO');
    if (queue.length === 0) console.log('  Vacía.');
    else {
      // Staff mails (digests, notices, reports, links) and reminders to customers, apart.
      const byState = new Map<string, { staff: number; customers: number }>();
      for (const q of queue) {
        const e = byState.get(q.ESTADO) ?? { staff: 0, customers: 0 };
        if (String(q.TIPO).trim() === CUSTOMER_MAIL_KIND) e.customers += Number(q.n);
        else e.staff += Number(q.n);
        byState.set(q.ESTADO, e);
      }
      printTable(['Estado', 'Al personal', 'A clientes'], [...byState].map(([state, e]) => [state, String(e.staff), String(e.customers)]));
    }
    await printMailProblems(ctx);
    const alerts = (await db(tables.alerta).count({ n: '*' }).sum({ total: 'SALDO_VENCIDO' })) as { n: number; total: number | null }[];
    const a = alerts[0];
    console.log(`\nALERTAS VIGENTES: ${a?.n ?? 0} clientes, ${formatMoney(Number(a?.total ?? 0))} vencido`);
    const errors = [
      ...runs.filter((r) => r.ESTADO === 'error').map((r) => `ciclo ${String(r.ID)}: ${String(r.ERROR ?? '')}`),
    ];
    console.log('\nERRORES RECIENTES');
    if (errors.length === 0) console.log('  Ninguno.');
    for (const e of errors) console.log(`  ${e}`);
  }
}

/**
 * Failed mails one by one with the server's reason and how to requeue them;
 * pending mails that already met an error (server down, temporary rejection).
 */
async function printMailProblems(ctx: CompanyContext): Promise<void> {
  const { db, tables } = ctx;
  const failed = await failedMails(db, tables);
  if (failed.length > 0) {
    console.log(`\nCORREOS FALLIDOS (${failed.length})`);
    const shown = failed.slice(-20);
    for (const m of shown) {
      console.log(`  n.º ${m.ID} · ${formatDate(toIsoDate(m.FECHA) ?? '')} · ${m.TIPO} · ${m.DESTINATARIO} · ${m.INTENTOS} intento(s)`);
      console.log(`    ${m.RESPUESTA ?? 'sin respuesta del servidor'}`);
    }
    if (failed.length > shown.length) console.log(`  … y ${failed.length - shown.length} más antiguos.`);
    console.log('  Para volver a enviarlos: «cadencia correo reintentar» (todos), «cadencia correo reintentar N.º…» o «--fecha AAAA-MM-DD».');
  }
  const waiting = await pendingWithErrors(db, tables);
  if (waiting.length > 0) {
    const total = waiting.reduce((sum, w) => sum + w.n, 0);
    console.log(`\nCORREOS PENDIENTES CON ERROR (${total}; se reintentan solos)`);
    for (const w of waiting.slice(0, 5)) console.log(`  ${w.n} × ${w.reason}`);
  }
}
