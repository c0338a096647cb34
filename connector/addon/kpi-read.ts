/**
 * Reads of the add-on tables for the KPI report, one set-based SELECT each:
 * the daily snapshots of a date range, tasks and contacts since a date, tier
 * changes of a range and the current tier of every customer.
 */
import type { Knex } from 'knex';
import type { Aging } from '../../rules/aging';
import { roundCents } from '../../rules/format';
import type { KpiTask } from '../../rules/kpis/contacts';
import type { CustomerReminderSent } from '../../rules/kpis/reminders';
import type { TierChange } from '../../rules/kpis/tiers';
import type { KpiDimension, KpiSnapshotRow, Period } from '../../rules/kpis/types';
import type { ContactOutcome, ContactRecord, IsoDate, TaskStatus } from '../../rules/types';
import { toIsoDate } from './dates';
import { kpiTables } from './kpi-schema';
import type { AddonTables } from './tables';

type DbRow = Record<string, unknown>;
const num = (v: unknown): number => roundCents(Number(v ?? 0) || 0);

export function toSnapshotRow(r: DbRow): KpiSnapshotRow {
  const aging: Aging = {
    corriente: num(r.SALDO_A_VENCER),
    '1-30': num(r.SALDO_1_30),
    '31-60': num(r.SALDO_31_60),
    '61-90': num(r.SALDO_61_90),
    'mas-90': num(r.SALDO_MAS_90),
    total: num(r.SALDO_TOTAL),
  };
  return {
    date: toIsoDate(r.FECHA) as IsoDate,
    dimension: String(r.DIMENSION) as KpiDimension,
    value: String(r.VALOR ?? ''),
    aging,
    overdue: num(r.SALDO_VENCIDO),
    invoicedDay: num(r.FACTURADO_DIA),
    invoicedMonth: num(r.FACTURADO_MES),
    collectedDay: num(r.COBRADO_DIA),
    collectedMonth: num(r.COBRADO_MES),
    customers: Number(r.CLIENTES ?? 0),
    overdueCustomers: Number(r.CLIENTES_VENCIDOS ?? 0),
    installments: Number(r.CUOTAS ?? 0),
  };
}

export function snapshotsQuery(db: Knex, t: AddonTables, period: Period): Knex.QueryBuilder {
  return db(kpiTables(t).kpiDia).select('*').whereBetween('FECHA', [period.from, period.to])
    .orderBy(['FECHA', 'DIMENSION', 'VALOR']);
}

export async function readSnapshots(db: Knex, t: AddonTables, period: Period): Promise<KpiSnapshotRow[]> {
  return ((await snapshotsQuery(db, t, period)) as DbRow[]).map(toSnapshotRow);
}

/** Tasks created since `since`, or still pending. */
export function kpiTasksQuery(db: Knex, t: AddonTables, since: IsoDate): Knex.QueryBuilder {
  return db(t.tarea)
    .select('ID', 'COD_CLIENT', 'EPISODIO', 'ESTADO', 'FECHA', 'CREADA', 'CERRADA', 'SALDO_VENCIDO')
    .where('CREADA', '>=', since)
    .orWhere('ESTADO', 'pendiente');
}

export async function readKpiTasks(db: Knex, t: AddonTables, since: IsoDate): Promise<KpiTask[]> {
  const rows = (await kpiTasksQuery(db, t, since)) as DbRow[];
  return rows.map((r) => ({
    id: Number(r.ID),
    customerCode: String(r.COD_CLIENT).trim(),
    episode: toIsoDate(r.EPISODIO) as IsoDate,
    status: String(r.ESTADO) as TaskStatus,
    dueOn: toIsoDate(r.FECHA) as IsoDate,
    createdOn: toIsoDate(r.CREADA) as IsoDate,
    closedOn: toIsoDate(r.CERRADA),
    overdueBalance: num(r.SALDO_VENCIDO),
  }));
}

export function kpiContactsQuery(db: Knex, t: AddonTables, since: IsoDate): Knex.QueryBuilder {
  return db(t.contacto)
    .select('ID', 'COD_CLIENT', 'FECHA', 'RESULTADO', 'FECHA_PROMESA', 'IMPORTE_PROMESA', 'TAREA_ID')
    .where('FECHA', '>=', since);
}

export async function readKpiContacts(db: Knex, t: AddonTables, since: IsoDate): Promise<ContactRecord[]> {
  const rows = (await kpiContactsQuery(db, t, since)) as DbRow[];
  return rows.map((r) => ({
    id: Number(r.ID),
    customerCode: String(r.COD_CLIENT).trim(),
    on: toIsoDate(r.FECHA) as IsoDate,
    outcome: String(r.RESULTADO) as ContactOutcome,
    promiseDate: toIsoDate(r.FECHA_PROMESA),
    promiseAmount: r.IMPORTE_PROMESA === null || r.IMPORTE_PROMESA === undefined ? null : num(r.IMPORTE_PROMESA),
    taskId: r.TAREA_ID === null || r.TAREA_ID === undefined ? null : Number(r.TAREA_ID),
  }));
}

export function tierChangesQuery(db: Knex, t: AddonTables, period: Period): Knex.QueryBuilder {
  return db(t.nivelHist).select('COD_CLIENT', 'FECHA', 'NIVEL_ANTERIOR', 'NIVEL')
    .whereBetween('FECHA', [period.from, period.to]).orderBy(['FECHA', 'ID']);
}

export async function readTierChanges(db: Knex, t: AddonTables, period: Period): Promise<TierChange[]> {
  const rows = (await tierChangesQuery(db, t, period)) as DbRow[];
  return rows.map((r) => ({
    customerCode: String(r.COD_CLIENT).trim(),
    on: toIsoDate(r.FECHA) as IsoDate,
    from: r.NIVEL_ANTERIOR ? String(r.NIVEL_ANTERIOR) : null,
    to: String(r.NIVEL),
  }));
}

/** Current tier of every classified customer (COB_CLIENTE.NIVEL, else the fixed tier). */
export async function readCurrentTiers(db: Knex, t: AddonTables): Promise<Map<string, string>> {
  const rows = (await db(t.cliente).select('COD_CLIENT', 'NIVEL', 'NIVEL_FIJO')) as DbRow[];
  const out = new Map<string, string>();
  for (const r of rows) {
    const tier = (r.NIVEL_FIJO as string | null) || (r.NIVEL as string | null);
    if (tier) out.set(String(r.COD_CLIENT).trim(), tier);
  }
  return out;
}

/**
 * Reminders by e-mail sent to customers in the period: outbox rows of kind
 * 'cliente' the server accepted (ESTADO 'enviado'), by the day they are for;
 * the customer code is the second part of the key «cliente|<code>|<step>|<day>».
 */
export async function readCustomerReminders(db: Knex, t: AddonTables, period: Period): Promise<CustomerReminderSent[]> {
  const rows = (await db(t.correo).select('CLAVE', 'FECHA')
    .where({ TIPO: 'cliente', ESTADO: 'enviado' })
    .whereBetween('FECHA', [period.from, period.to])) as DbRow[];
  return rows
    .map((r) => ({ customerCode: String(r.CLAVE).split('|')[1]?.trim() ?? '', on: toIsoDate(r.FECHA) as IsoDate }))
    .filter((r) => r.customerCode !== '');
}
