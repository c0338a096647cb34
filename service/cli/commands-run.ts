/** `ejecutar --una-vez` and `estado`. */
import { appliedVersions, migrate } from '../../connector/addon/migrations';
import { toIsoDate } from '../../connector/addon/dates';
import { formatDate, formatMoney } from '../../rules/format';
import type { CompanyContext } from '../context';
import { runCycle, type CycleSummary } from '../cycle/run-cycle';
import { sendOutbox } from '../cycle/send-outbox';
import type { DrainResult } from '../mail/outbox';
import { transportFor } from '../mail-transport';
import { closeCompany, openCompany } from '../context';
import { cliLogger, dateOption, printTable, readCompanies, withCompany, type GlobalOptions } from './common';

export function printCycleSummary(s: CycleSummary, sent: DrainResult | null): void {
  const c = s.counts;
  console.log(`Ciclo n.º ${s.runId} al ${formatDate(s.asOf)} — ${s.customers} clientes, ${s.installments} cuotas abiertas, ${s.durationMs} ms`);
  console.log(`  Niveles: A ${s.tiers.A} · B ${s.tiers.B} · C ${s.tiers.C} (cambios de nivel: ${c.tierChanges})`);
  console.log(`  Tareas: ${c.tasksCreated} nuevas, ${c.tasksSkipped} pasos omitidos, ${c.tasksClosed} cerradas`);
  console.log(`  Alertas: ${c.alertsUpserted} nuevas o cambiadas, ${c.alertsDeleted} quitadas · clientes suspendidos: ${s.suppressed}`);
  console.log(`  Correos encolados: ${c.mailsQueued}${sent ? ` · enviados: ${sent.sent}, fallidos: ${sent.failed}, en espera: ${sent.deferred}` : ''}`);
  if (s.issues.count > 0) {
    console.log(`  Filas del ERP omitidas por datos inválidos: ${s.issues.count}`);
    for (const [problem, n] of s.issues.byProblem) console.log(`    ${n} × ${problem}`);
  }
}

/** One full cycle now: schema up to date, read, plan, write, queue and send mail. */
export async function runOnce(ctx: CompanyContext, asOf: string): Promise<{ summary: CycleSummary; sent: DrainResult }> {
  await migrate(ctx.db, ctx.tables, ctx.profile.addon.views);
  const summary = await runCycle(ctx, { asOf });
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
export async function runOnceCommand(opts: GlobalOptions & { fecha?: string }): Promise<void> {
  const configs = readCompanies(opts);
  let failed = 0;
  for (const config of configs) {
    if (configs.length > 1) console.log(`\n== ${config.company.name} (${config.company.id}) ==`);
    const ctx = await openCompany(config, cliLogger(config, true));
    try {
      const { summary, sent } = await runOnce(ctx, dateOption(opts.fecha, config));
      printCycleSummary(summary, sent);
    } catch (err) {
      failed += 1;
      if (configs.length === 1) throw err;
      console.error(`Error en ${config.company.id}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await closeCompany(ctx);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

export async function statusCommand(opts: GlobalOptions & { ultimos?: string }): Promise<void> {
  await withCompany(opts, async (ctx) => {
    const { db, tables } = ctx;
    if ((await appliedVersions(db, tables)).length === 0) {
      console.log(`Empresa: ${ctx.config.company.name}\n\nLas tablas de cadencia todavía no existen en la base: se crean con «cadencia db migrar» o con el primer ciclo.`);
      return;
    }
    const limit = Math.max(1, Math.min(100, Number(opts.ultimos ?? 10) || 10));
    const runs = (await db(tables.ejecucion).select().orderBy('ID', 'desc').limit(limit)) as Record<string, unknown>[];
    console.log(`Empresa: ${ctx.config.company.name}\n\nÚLTIMOS CICLOS`);
    if (runs.length === 0) console.log('  Todavía no se ejecutó ningún ciclo.');
    else {
      printTable(
        ['N.º', 'Fecha', 'Inicio', 'Estado', 'Clientes', 'Nuevas', 'Cerradas', 'Alertas', 'Correos', 'Omitidas'],
        runs.map((r) => [
          String(r.ID), formatDate(toIsoDate(r.FECHA_CORTE) ?? ''), String(r.INICIO).replace('T', ' ').slice(0, 19),
          String(r.ESTADO), String(r.CLIENTES), String(r.TAREAS_CREADAS), String(r.TAREAS_CERRADAS),
          String(r.ALERTAS), String(r.CORREOS_ENCOLADOS), String(r.FILAS_OMITIDAS),
        ]),
      );
    }
    const lastOk = runs.find((r) => r.ESTADO === 'ok');
    if (lastOk && Number(lastOk.FILAS_OMITIDAS) > 0) {
      console.log(`\nFILAS OMITIDAS EN EL CICLO N.º ${String(lastOk.ID)}: ${String(lastOk.FILAS_OMITIDAS)}`);
      console.log(`  ${String(lastOk.DETALLE ?? '')}`);
    }
    const queue = (await db(tables.correo).select('ESTADO').count({ n: '*' }).groupBy('ESTADO')) as { ESTADO: string; n: number }[];
    console.log('\nCOLA DE CORREO');
    if (queue.length === 0) console.log('  Vacía.');
    else printTable(['Estado', 'Correos'], queue.map((q) => [q.ESTADO, String(q.n)]));
    const alerts = (await db(tables.alerta).count({ n: '*' }).sum({ total: 'SALDO_VENCIDO' })) as { n: number; total: number | null }[];
    const a = alerts[0];
    console.log(`\nALERTAS VIGENTES: ${a?.n ?? 0} clientes, ${formatMoney(Number(a?.total ?? 0))} vencido`);
    const errors = [
      ...runs.filter((r) => r.ESTADO === 'error').map((r) => `ciclo ${String(r.ID)}: ${String(r.ERROR ?? '')}`),
      ...((await db(tables.correo).select('CLAVE', 'RESPUESTA').where('ESTADO', 'fallido').orderBy('ID', 'desc').limit(5)) as {
        CLAVE: string; RESPUESTA: string | null;
      }[]).map((m) => `correo ${m.CLAVE}: ${m.RESPUESTA ?? ''}`),
    ];
    console.log('\nERRORES RECIENTES');
    if (errors.length === 0) console.log('  Ninguno.');
    for (const e of errors) console.log(`  ${e}`);
  });
}
