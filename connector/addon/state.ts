/**
 * What the planner needs from the add-on tables, one set-based query each.
 * Dates come back as IsoDate whatever the driver returns; codes are trimmed.
 * Staff may edit COB_CLIENTE and COB_CONTACTO with any tool, so NULLs read as
 * "not set"; rows that make no sense (unknown outcome or flag, no date, a bad
 * promise) are skipped and reported through `onIssue`, like bad ERP rows.
 */
import type { Knex } from 'knex';
import {
  CONTACT_OUTCOMES, TIERS, type ContactOutcome, type ContactRecord, type CustomerOverrides, type ExistingTask,
  type IsoDate, type TaskStatus, type Tier, type TierState,
} from '../../rules/types';
import type { IssueSink } from '../profiles/profile';
import { toIsoDate } from './dates';
import { contactProblem } from './staff-input';
import type { AddonTables } from './tables';

type Row = Record<string, unknown>;

const TASK_STATUSES: readonly TaskStatus[] = ['pendiente', 'cerrada', 'omitida'];

function code(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

function tierOf(value: unknown): Tier | null {
  const v = code(value).toUpperCase();
  return (TIERS as readonly string[]).includes(v) ? (v as Tier) : null;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Only this customer's rows when a code is given (the page of one customer); otherwise all. */
function ofCustomer(customer: string | undefined): (q: Knex.QueryBuilder) => void {
  return (q) => {
    if (customer !== undefined) q.where('COD_CLIENT', customer);
  };
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface OpenTaskOptions {
  /** Also load every task whose episode starts on or after this day (recent pre-due steps). */
  since?: IsoDate;
  /** Only this customer's tasks. */
  customer?: string;
}

/**
 * Pending tasks plus every task (any status) of each customer's current
 * episode (the EPISODIO of its alert), so the planner neither repeats a closed
 * or skipped step nor loses track of an open one.
 */
export function openTasksQuery(db: Knex, t: AddonTables, opts: OpenTaskOptions = {}): Knex.QueryBuilder {
  const which = (w: Knex.QueryBuilder): void => {
    w.where('x.ESTADO', 'pendiente')
      .orWhereExists(
        db.select(db.raw('1')).from({ a: t.alerta })
          .whereRaw('?? = ??', ['a.COD_CLIENT', 'x.COD_CLIENT'])
          .andWhereRaw('?? = ??', ['a.EPISODIO', 'x.EPISODIO']),
      );
    if (opts.since) w.orWhere('x.EPISODIO', '>=', opts.since);
  };
  const q = db({ x: t.tarea })
    .select(
      'x.ID', 'x.CLAVE', 'x.COD_CLIENT', 'x.EPISODIO', 'x.PASO', 'x.ESTADO', 'x.FECHA', 'x.CREADA',
      'x.RESPONSABLE', 'x.RESPONSABLE_EMAIL', 'x.ASIGNADA_POR',
    );
  if (opts.customer === undefined) which(q);
  else q.where('x.COD_CLIENT', opts.customer).where(which);
  return q.orderBy([{ column: 'x.COD_CLIENT' }, { column: 'x.EPISODIO' }, { column: 'x.ID' }]);
}

export async function loadOpenTasks(
  db: Knex, t: AddonTables, opts: OpenTaskOptions = {},
): Promise<Map<string, ExistingTask[]>> {
  const out = new Map<string, ExistingTask[]>();
  for (const r of (await openTasksQuery(db, t, opts)) as Row[]) {
    const status = code(r.ESTADO).toLowerCase() as TaskStatus;
    const customerCode = code(r.COD_CLIENT);
    const episode = toIsoDate(r.EPISODIO);
    const dueOn = toIsoDate(r.FECHA);
    if (!TASK_STATUSES.includes(status) || !customerCode || !episode || !dueOn) continue;
    pushTo(out, customerCode, {
      id: Number(r.ID),
      key: code(r.CLAVE),
      customerCode,
      episode,
      stepId: code(r.PASO),
      status,
      dueOn,
      createdOn: toIsoDate(r.CREADA) ?? dueOn,
      // Reassigned from the worklist (ASIGNADA_POR set): the digest goes to the stored assignee.
      ...(code(r.ASIGNADA_POR) && code(r.RESPONSABLE_EMAIL)
        ? { assignedTo: { name: code(r.RESPONSABLE) || code(r.RESPONSABLE_EMAIL), email: code(r.RESPONSABLE_EMAIL).toLowerCase() } }
        : {}),
    });
  }
  return out;
}

const YES = ['1', 'true', 's', 'si', 'sí', 't', 'y', 'yes'];
const NO = ['0', 'false', 'n', 'no', 'f', ''];

/** A staff flag: yes, no, or the text as written when it is neither. */
function staffFlag(value: unknown): boolean | string {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : String(value);
  const v = String(value).trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return String(value).trim().slice(0, 30);
}

/** Customers with any override set by staff (fixed tier, do-not-contact, dispute, legal or a note). */
export async function loadOverrides(
  db: Knex, t: AddonTables, onIssue: IssueSink = () => undefined, customer?: string,
): Promise<Map<string, CustomerOverrides>> {
  const rows = (await db(t.cliente).select(
    'COD_CLIENT', 'NIVEL_FIJO', 'NO_CONTACTAR', 'EN_DISPUTA', 'GESTION_JUDICIAL', 'OBSERVACIONES',
  ).modify(ofCustomer(customer))) as Row[];
  const out = new Map<string, CustomerOverrides>();
  for (const r of rows) {
    const customerCode = code(r.COD_CLIENT);
    if (!customerCode) continue;
    const flags = { NO_CONTACTAR: staffFlag(r.NO_CONTACTAR), EN_DISPUTA: staffFlag(r.EN_DISPUTA), GESTION_JUDICIAL: staffFlag(r.GESTION_JUDICIAL) };
    const badFlag = Object.entries(flags).find(([, v]) => typeof v === 'string');
    const fixedTier = tierOf(r.NIVEL_FIJO);
    const report = (problem: string): void => onIssue({ table: t.cliente, key: `cliente ${customerCode}`, problem });
    if (badFlag) {
      report(`${badFlag[0]} = «${String(badFlag[1])}» no es si ni no: se omiten las marcas del cliente.`);
      continue;
    }
    if (fixedTier === null && code(r.NIVEL_FIJO) !== '') {
      report(`NIVEL_FIJO = «${code(r.NIVEL_FIJO).slice(0, 30)}» no es A, B ni C: se omiten las marcas del cliente.`);
      continue;
    }
    const o: CustomerOverrides = {
      customerCode,
      fixedTier,
      doNotContact: flags.NO_CONTACTAR === true,
      dispute: flags.EN_DISPUTA === true,
      legal: flags.GESTION_JUDICIAL === true,
      note: r.OBSERVACIONES == null || String(r.OBSERVACIONES).trim() === '' ? null : String(r.OBSERVACIONES),
    };
    if (o.fixedTier || o.doNotContact || o.dispute || o.legal || o.note) out.set(o.customerCode, o);
  }
  return out;
}

/** The tier each customer had at the last cycle (rows without a valid tier and date are ignored). */
export async function loadTierStates(db: Knex, t: AddonTables, customer?: string): Promise<Map<string, TierState>> {
  const rows = (await db(t.cliente)
    .select('COD_CLIENT', 'NIVEL', 'NIVEL_DESDE', 'NIVEL_CANDIDATO', 'CANDIDATO_DESDE')
    .whereNotNull('NIVEL')
    .modify(ofCustomer(customer))) as Row[];
  const out = new Map<string, TierState>();
  for (const r of rows) {
    const customerCode = code(r.COD_CLIENT);
    const tier = tierOf(r.NIVEL);
    const since = toIsoDate(r.NIVEL_DESDE);
    if (!customerCode || !tier || !since) continue;
    const candidate = tierOf(r.NIVEL_CANDIDATO);
    const candidateSince = candidate ? toIsoDate(r.CANDIDATO_DESDE) : null;
    out.set(customerCode, {
      customerCode, tier, since,
      candidate: candidate && candidateSince ? candidate : null,
      candidateSince: candidate && candidateSince ? candidateSince : null,
    });
  }
  return out;
}

/** Contacts recorded on or after `since`, oldest first per customer; unusable rows are reported and skipped. */
export async function loadRecentContacts(
  db: Knex, t: AddonTables, since: IsoDate, onIssue: IssueSink = () => undefined, customer?: string,
): Promise<Map<string, ContactRecord[]>> {
  const rows = (await db(t.contacto)
    .select('ID', 'COD_CLIENT', 'FECHA', 'RESULTADO', 'FECHA_PROMESA', 'IMPORTE_PROMESA', 'TAREA_ID')
    .where('FECHA', '>=', since)
    .modify(ofCustomer(customer))
    .orderBy([{ column: 'COD_CLIENT' }, { column: 'FECHA' }, { column: 'ID' }])) as Row[];
  const out = new Map<string, ContactRecord[]>();
  for (const r of rows) {
    const customerCode = code(r.COD_CLIENT);
    const on = toIsoDate(r.FECHA);
    const outcome = code(r.RESULTADO).toLowerCase() as ContactOutcome;
    const problem = customerCode
      ? contactProblem({ on: r.FECHA, outcome: code(r.RESULTADO), promiseDate: r.FECHA_PROMESA, promiseAmount: r.IMPORTE_PROMESA })
      : 'Contacto sin código de cliente.';
    if (problem !== null || !on || !CONTACT_OUTCOMES.includes(outcome)) {
      const key = `contacto n.º ${String(r.ID)}${customerCode ? ` cliente ${customerCode}` : ''}`;
      onIssue({ table: t.contacto, key, problem: `${(problem ?? 'Contacto inválido.').replace(/\.$/, '')}: se omite el contacto.` });
      continue;
    }
    pushTo(out, customerCode, {
      id: Number(r.ID),
      customerCode,
      on,
      outcome,
      promiseDate: toIsoDate(r.FECHA_PROMESA),
      promiseAmount: numberOrNull(r.IMPORTE_PROMESA),
      taskId: numberOrNull(r.TAREA_ID),
    });
  }
  return out;
}

/** Current delinquency episode per alerted customer (null for pre-due-only alerts). */
export async function loadAlertEpisodes(db: Knex, t: AddonTables, customer?: string): Promise<Map<string, IsoDate | null>> {
  const rows = (await db(t.alerta).select('COD_CLIENT', 'EPISODIO').modify(ofCustomer(customer))) as Row[];
  return new Map(rows.map((r) => [code(r.COD_CLIENT), toIsoDate(r.EPISODIO)] as const));
}
