/** The cycle log (COB_EJECUCION): one row per cycle, opened at start and closed at the end. */
import type { Knex } from 'knex';
import type { IsoDate } from '../../rules/types';
import type { ApplyCounts } from './apply-plan';
import type { AddonTables } from './tables';
import { fitNullable } from './text-fit';

export type RunStatus = 'en_curso' | 'ok' | 'error';

export interface RunStart {
  company: string;
  asOf: IsoDate;
  now: Date;
}

export interface RunCounts extends Partial<ApplyCounts> {
  customers?: number;
  installments?: number;
  /** Reminders to customers queued by the cycle (automatic steps), counted apart from staff mails. */
  customerMails?: number;
}

export interface RunFinish {
  status: Exclude<RunStatus, 'en_curso'>;
  counts?: RunCounts;
  skippedRows?: number;
  detail?: string | null;
  error?: string | null;
  /** End time; defaults to the current time. */
  now?: Date;
}

export async function startRun(db: Knex, t: AddonTables, run: RunStart): Promise<number> {
  const result: unknown[] = await db(t.ejecucion).insert(
    { EMPRESA: run.company.slice(0, 40), FECHA_CORTE: run.asOf, INICIO: run.now, ESTADO: 'en_curso' },
    // Aliased: some servers return an unaliased OUTPUT column in lower case (`id`).
    ['ID as ID'],
  );
  const first = result[0] as number | { ID: number } | undefined;
  const id = typeof first === 'object' && first !== null ? first.ID : first;
  if (id === undefined) throw new Error('No se pudo registrar el inicio del ciclo.');
  return Number(id);
}

export async function finishRun(db: Knex, t: AddonTables, id: number, run: RunFinish): Promise<void> {
  const c = run.counts ?? {};
  await db(t.ejecucion)
    .update({
      FIN: run.now ?? new Date(),
      ESTADO: run.status,
      CLIENTES: c.customers ?? 0,
      CUOTAS: c.installments ?? 0,
      TAREAS_CREADAS: c.tasksCreated ?? 0,
      TAREAS_OMITIDAS: c.tasksSkipped ?? 0,
      TAREAS_CERRADAS: c.tasksClosed ?? 0,
      ALERTAS: c.alertsUpserted ?? 0,
      CAMBIOS_NIVEL: c.tierChanges ?? 0,
      CORREOS_ENCOLADOS: c.mailsQueued ?? 0,
      // Only when there is something to count: the column comes with schema v5 (default 0).
      ...(c.customerMails ? { CORREOS_CLIENTES: c.customerMails } : {}),
      FILAS_OMITIDAS: run.skippedRows ?? 0,
      DETALLE: fitNullable(run.detail, 4000),
      ERROR: fitNullable(run.error, 2000),
    })
    .where('ID', id);
}

/**
 * Closes the runs of a company left 'en_curso' by a process that died (killed,
 * power cut). Called while holding the company's lock, so no live cycle of
 * that company can be among them.
 */
export async function closeInterruptedRuns(db: Knex, t: AddonTables, company: string, now: Date): Promise<number> {
  // Counted from the rows the UPDATE returns (OUTPUT / RETURNING), not from the
  // driver's row count, which not every server reports.
  const closed = (await db(t.ejecucion)
    .update({ ESTADO: 'error', FIN: now, ERROR: 'interrumpido: el proceso terminó sin cerrar el ciclo; el siguiente ciclo completó lo pendiente' })
    .where({ EMPRESA: company.slice(0, 40), ESTADO: 'en_curso' })
    .returning('ID as ID')) as unknown[];
  return closed.length;
}
