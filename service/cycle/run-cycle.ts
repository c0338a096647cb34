/**
 * One cycle for one company: take the company's lock, read and plan, build the
 * day's mails, write the plan and the mails, log the run. Sending is separate
 * (the outbox), so a mail server that is down never fails a cycle.
 */
import type { Knex } from 'knex';
import { applyPlan, type ApplyCounts } from '../../connector/addon/apply-plan';
import type { AddonTables } from '../../connector/addon/tables';
import { closeInterruptedRuns, finishRun, startRun } from '../../connector/addon/run-log';
import { readMoneyFlows } from '../../connector/addon/kpi-erp-flows';
import { writeCustomerAging } from '../../connector/addon/aging-schema';
import { writeDailySnapshot } from '../../connector/addon/kpi-snapshot-write';
import { tryLock } from '../../connector/lock';
import { addDays, weekday } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import { toIsoDate } from '../../connector/addon/dates';
import { enqueueMail, outboxKey } from '../mail/outbox-mail';
import { parseMailbox } from '../mail-transport';
import { buildWeeklyReportMail } from '../reports/weekly-mail';
import type { IsoDate, Tier } from '../../rules/types';
import { assigneeFor } from '../assignees';
import type { CompanyContext } from '../context';
import {
  autoLogLines, hasAutomaticSteps, prepareAutomatic, readCollectionsEmails, selectAutomatic, sendAutomatic, type AutoResult,
} from './auto-reminders';
import { buildDayMails } from './digests';
import { readAndPlan, type IssueReport, type PlannedCycle } from './read-and-plan';

export interface CycleSummary {
  runId: number;
  asOf: IsoDate;
  customers: number;
  installments: number;
  counts: ApplyCounts;
  tiers: Record<Tier, number>;
  suppressed: number;
  digests: Map<string, number>;
  /** Automatic reminders to customers: queued now, skipped (with why), or waiting for the contact hours. */
  automatic: AutoResult;
  issues: IssueReport;
  timings: Record<string, number>;
  durationMs: number;
}

export class CycleLockedError extends Error {
  constructor(company: string) {
    super(`Otra instancia de cadencia está procesando la empresa «${company}»; este ciclo se omite.`);
    this.name = 'CycleLockedError';
  }
}

export function tierCounts(cycle: PlannedCycle): Record<Tier, number> {
  const out: Record<Tier, number> = { A: 0, B: 0, C: 0 };
  for (const d of cycle.plan.tiers) out[d.tier] += 1;
  return out;
}

/** COB_EJECUCION.DETALLE holds this much; the full list goes to the log. */
const DETAIL_MAX = 4000;

/**
 * The run's DETALLE: how many rows were skipped, how many of each problem, and
 * which rows (as many as fit), so `estado` can name them.
 */
export function issueDetail(issues: IssueReport): string | null {
  if (issues.count === 0) return null;
  const parts = [...issues.byProblem.entries()].map(([problem, n]) => `${n} × ${problem}`);
  const head = `Filas omitidas por datos inválidos (ERP y personal): ${issues.count}. ${parts.join('; ')}`;
  const rows = issues.sample.map((i) => `${i.table} ${i.key}`);
  let detail = `${head} Filas:`;
  for (const [n, row] of rows.entries()) {
    const rest = issues.count - n;
    const more = ` … y ${rest} más.`;
    if (detail.length + row.length + 2 + (rest > 1 ? more.length : 0) > DETAIL_MAX) return `${detail}${more}`;
    detail += `${n === 0 ? ' ' : '; '}${row}`;
  }
  return issues.count > rows.length ? `${detail} … y ${issues.count - rows.length} más.` : `${detail}.`;
}

export interface CycleOptions {
  asOf: IsoDate;
  now?: () => Date;
  /**
   * Run even when `asOf` is earlier than the last successful cycle (a cycle
   * back in time closes tasks that are current today). Only when asked explicitly.
   */
  allowBackwards?: boolean;
}

/** The cycle would go back in time: refused, nothing written. */
export class CycleBackwardsError extends Error {
  constructor(readonly company: string, readonly asOf: IsoDate, readonly lastAsOf: IsoDate) {
    super(
      `El último ciclo correcto de «${company}» fue al ${formatDate(lastAsOf)} y este sería al ${formatDate(asOf)}: ` +
        'ir hacia atrás cerraría tareas vigentes, así que no se ejecuta. Si es a propósito (p. ej. repetir una fecha ' +
        `anterior de prueba), use «cadencia ejecutar --una-vez --fecha ${asOf} --permitir-retroceso».`,
    );
    this.name = 'CycleBackwardsError';
  }
}

/** FECHA_CORTE of the company's latest successful cycle, or null before the first. */
export async function lastSuccessfulAsOf(db: Knex, t: AddonTables, company: string): Promise<IsoDate | null> {
  const row = (await db(t.ejecucion)
    .max({ last: 'FECHA_CORTE' })
    .where({ EMPRESA: company.slice(0, 40), ESTADO: 'ok' })
    .first()) as { last: string | Date | null } | undefined;
  return row?.last ? toIsoDate(row.last) : null;
}

export async function runCycle(ctx: CompanyContext, opts: CycleOptions): Promise<CycleSummary> {
  const now = opts.now ?? (() => new Date());
  const started = performance.now();
  const { db, tables, config, logger } = ctx;
  const lock = await tryLock(db, tables.bloqueo, { resource: `cadencia:${config.company.id}`, now });
  if (!lock) throw new CycleLockedError(config.company.id);
  try {
    if (!opts.allowBackwards) {
      const last = await lastSuccessfulAsOf(db, tables, config.company.id);
      if (last && opts.asOf < last) throw new CycleBackwardsError(config.company.id, opts.asOf, last);
    }
    const interrupted = await closeInterruptedRuns(db, tables, config.company.id, now());
    if (interrupted > 0) logger.warn(`ciclo empresa=${config.company.id}: ${interrupted} ciclo(s) anteriores quedaron interrumpidos; se completa lo pendiente`);
    const runId = await startRun(db, tables, { company: config.company.id, asOf: opts.asOf, now: now() });
    try {
      const summary = await planAndWrite(ctx, runId, opts.asOf, now, started);
      // After the plan is out of reach: the weekly report reads a lot on its own.
      const weeklyStart = performance.now();
      const weekly = await queueWeeklyReport(ctx, opts.asOf, now());
      summary.timings.informe_semanal = Math.round(performance.now() - weeklyStart);
      summary.counts.mailsQueued += weekly;
      summary.durationMs = Math.round(performance.now() - started);
      await finishRun(db, tables, runId, {
        status: 'ok',
        counts: {
          ...summary.counts, customers: summary.customers, installments: summary.installments,
          customerMails: summary.automatic.queued,
        },
        skippedRows: summary.issues.count,
        detail: issueDetail(summary.issues),
        now: now(),
      });
      logger.info(cycleLine(config.company.id, summary));
      for (const line of autoLogLines(config.company.id, summary.automatic)) logger.info(line);
      for (const issue of summary.issues.sample) {
        logger.warn(`Fila omitida: ${issue.table} ${issue.key}: ${issue.problem}`);
      }
      if (summary.issues.count > summary.issues.sample.length) {
        logger.warn(`Filas omitidas: ${summary.issues.count - summary.issues.sample.length} más (los totales por tipo están en el detalle del ciclo).`);
      }
      return summary;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Driver errors put the SQL before the cause: keep the end, where the cause is.
      const stored = message.length > 2000 ? `…${message.slice(-1999)}` : message;
      await finishRun(db, tables, runId, { status: 'error', error: stored, now: now() }).catch(
        () => undefined, // the database may be what failed; the log keeps the error
      );
      throw err;
    }
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** Reads, plans, builds the day's mails and writes it all; the plan is dropped when this returns. */
async function planAndWrite(
  ctx: CompanyContext, runId: number, asOf: IsoDate, now: () => Date, started: number,
): Promise<CycleSummary> {
  const { db, tables, config } = ctx;
  const cycle = await readAndPlan(ctx, {
    asOf,
    // Sales and receipts come from the profile's own tables (ErpProfile.addon.moneyFlows).
    moneyFlows: (from: IsoDate, to: IsoDate) => readMoneyFlows(db, { from, to }, ctx.profile),
  });
  const mailStart = performance.now();
  // Customers whose leading step today is automatic: reminded by the cycle, not a task in the digests.
  const selection = selectAutomatic(ctx, cycle, hasAutomaticSteps(ctx) ? mapLookup(await readCollectionsEmails(ctx)) : () => null);
  const prepared = await prepareAutomatic(ctx, selection, asOf, now());
  const mails = await buildDayMails(ctx, cycle, {
    now, automatic: prepared.handled, automaticSent: new Map(prepared.ready.map(({ r }) => [r.customerCode, r.to])),
  });
  cycle.timings.correo = Math.round(performance.now() - mailStart);
  const writeStart = performance.now();
  const counts = await applyPlan(db, tables, cycle.plan, {
    now: now(),
    assignees: (task) => assigneeFor(task.role, cycle.customers.get(task.customerCode), config.staff),
    alertAssignee: (alert) =>
      alert.role ? assigneeFor(alert.role, cycle.customers.get(alert.customerCode), config.staff).name : null,
    outbox: mails.mails,
  });
  // After the plan is written, so the tasks exist: each reminder marks its task done.
  const automatic = await sendAutomatic(ctx, prepared, now());
  await writeDailySnapshot(db, tables, { asOf, company: config.company.name, rows: cycle.kpiRows }, now());
  await writeCustomerAging(db, tables, asOf, cycle.customerAging, now());
  cycle.timings.escritura = Math.round(performance.now() - writeStart);
  return {
    runId,
    asOf,
    customers: cycle.customers.size,
    installments: cycle.installmentCount,
    counts,
    tiers: tierCounts(cycle),
    suppressed: cycle.plan.suppressed.length,
    digests: mails.digests,
    automatic,
    issues: cycle.issues,
    timings: cycle.timings,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * On Mondays, the supervisor's weekly KPI summary for the week that ended on
 * Sunday (queued once: its key is supervisor|date|semanal). A report that
 * cannot be built is logged and never fails the cycle.
 */
async function queueWeeklyReport(ctx: CompanyContext, asOf: IsoDate, now: Date): Promise<number> {
  if (weekday(asOf) !== 1) return 0;
  const weekEnd = addDays(asOf, -1);
  const key = outboxKey(ctx.config.staff.supervisor.email, weekEnd, 'semanal');
  if (await ctx.db(ctx.tables.correo).where('CLAVE', key).first('ID')) return 0; // already queued this week
  try {
    const mail = await buildWeeklyReportMail(
      {
        ...ctx,
        supervisor: ctx.config.staff.supervisor,
        from: parseMailbox(ctx.config.mail.from).email,
        templatesFolder: ctx.config.mail.templatesFolder,
        today: asOf,
      },
      weekEnd,
    );
    return (await enqueueMail(ctx.db, ctx.tables, mail, now)) ? 1 : 0;
  } catch (err) {
    ctx.logger.warn(`informe semanal empresa=${ctx.config.company.id}: no se pudo preparar (${(err as Error).message})`);
    return 0;
  }
}

function mapLookup(map: Map<string, string>): (code: string) => string | null {
  return (code) => map.get(code) ?? null;
}

/** One log line per cycle with counts and timings. */
export function cycleLine(company: string, s: CycleSummary): string {
  const c = s.counts;
  const t = Object.entries(s.timings).map(([k, v]) => `${k}=${v}ms`).join(' ');
  return (
    `ciclo empresa=${company} fecha=${s.asOf} clientes=${s.customers} cuotas=${s.installments} ` +
    `niveles=A:${s.tiers.A}/B:${s.tiers.B}/C:${s.tiers.C} tareas_nuevas=${c.tasksCreated} omitidas=${c.tasksSkipped} ` +
    `cerradas=${c.tasksClosed} alertas=${c.alertsUpserted}/-${c.alertsDeleted} cambios_nivel=${c.tierChanges} ` +
    `correos=${c.mailsQueued} correos_clientes=${s.automatic.queued} filas_omitidas=${s.issues.count} duracion=${s.durationMs}ms ${t}`
  );
}
