/**
 * What staff record through the service (CLI or tools built on it): contact
 * outcomes (COB_CONTACTO) and per-customer flags (COB_CLIENTE staff columns).
 * Staff may also write these rows with any tool; the loaders tolerate that.
 */
import type { Knex } from 'knex';
import { CONTACT_OUTCOMES, TIERS, type ContactOutcome, type IsoDate, type Tier } from '../../rules/types';
import { addDays } from '../../rules/dates';
import { formatDate } from '../../rules/format';
import { invalidDate, toIsoDate } from './dates';
import { isDuplicateKeyError } from '../dialect/addon-sql';
import type { AddonTables } from './tables';
import { fitNullable } from './text-fit';

export interface ContactInput {
  customerCode: string;
  on: IsoDate;
  outcome: ContactOutcome;
  promiseDate?: IsoDate | null;
  promiseAmount?: number | null;
  taskId?: number | null;
  user?: string | null;
  note?: string | null;
  /** How the contact was made (COB_CONTACTO.CANAL, schema v5): email | whatsapp | telefono | carta | visita. */
  channel?: string | null;
}

function requireCode(value: string): string {
  const c = value?.trim();
  if (!c) throw new Error('Falta el código de cliente.');
  if (c.length > 20) throw new Error(`El código de cliente «${c}» es demasiado largo (máximo 20 caracteres).`);
  return c;
}

/** A promised date further than this from the contact is a typing error (2099 for 2029). */
export const MAX_PROMISE_DAYS = 365;
/** A promised amount above this is a typing error, as for ERP amounts. */
const MAX_PROMISE_AMOUNT = 1e12;

/** A contact's values as staff wrote them (CLI options, or a COB_CONTACTO row written with any tool). */
export interface ContactValues {
  on: unknown;
  outcome: unknown;
  promiseDate?: unknown;
  promiseAmount?: unknown;
}

/**
 * What is wrong with a contact, in one Spanish sentence, or null when it can
 * be used. The same rules for the CLI (which refuses) and for rows staff wrote
 * with other tools (which the cycle skips and reports).
 */
export function contactProblem(c: ContactValues): string | null {
  const on = toIsoDate(c.on);
  if (on === null) {
    const bad = invalidDate(c.on);
    return bad === null ? 'Falta la fecha del contacto.' : `Fecha de contacto inválida: «${bad}» (use AAAA-MM-DD).`;
  }
  const outcome = typeof c.outcome === 'string' ? c.outcome.trim().toLowerCase() : '';
  if (!(CONTACT_OUTCOMES as readonly string[]).includes(outcome)) {
    return `Resultado de contacto desconocido: «${String(c.outcome ?? '')}». Use: ${CONTACT_OUTCOMES.join(', ')}.`;
  }
  if (outcome !== 'promesa') return null;
  const promised = toIsoDate(c.promiseDate);
  if (promised === null) {
    const bad = invalidDate(c.promiseDate);
    return bad === null
      ? 'Una promesa de pago necesita la fecha prometida (AAAA-MM-DD).'
      : `Fecha prometida inválida: «${bad}» (use AAAA-MM-DD, una fecha real).`;
  }
  if (promised < on) return `La fecha prometida (${formatDate(promised)}) es anterior al contacto (${formatDate(on)}).`;
  if (promised > addDays(on, MAX_PROMISE_DAYS)) {
    return `La fecha prometida (${formatDate(promised)}) está a más de ${MAX_PROMISE_DAYS} días del contacto (${formatDate(on)}).`;
  }
  const amount = typeof c.promiseAmount === 'number' ? c.promiseAmount
    : c.promiseAmount === null || c.promiseAmount === undefined || c.promiseAmount === '' ? NaN : Number(c.promiseAmount);
  if (!Number.isFinite(amount) || amount <= 0) return 'Una promesa de pago necesita un importe mayor que cero.';
  if (amount > MAX_PROMISE_AMOUNT) return `El importe prometido está fuera de rango (${amount}).`;
  return null;
}

/** Validates and records a contact outcome; returns the new row's ID. */
export async function recordContact(db: Knex, t: AddonTables, c: ContactInput, now: Date = new Date()): Promise<number> {
  const customerCode = requireCode(c.customerCode);
  const problem = contactProblem(c);
  if (problem !== null) throw new Error(problem);
  const isPromise = c.outcome === 'promesa';
  if (c.taskId !== null && c.taskId !== undefined) {
    const task = (await db(t.tarea).where('ID', c.taskId).first('COD_CLIENT')) as { COD_CLIENT: string } | undefined;
    if (!task) throw new Error(`La tarea n.º ${c.taskId} no existe.`);
    if (String(task.COD_CLIENT).trim() !== customerCode) {
      throw new Error(`La tarea n.º ${c.taskId} es del cliente ${String(task.COD_CLIENT).trim()}, no del ${customerCode}.`);
    }
  }
  const result: unknown[] = await db(t.contacto).insert(
    {
      COD_CLIENT: customerCode,
      FECHA: c.on,
      RESULTADO: c.outcome,
      FECHA_PROMESA: isPromise ? c.promiseDate : null,
      IMPORTE_PROMESA: isPromise ? Math.round((c.promiseAmount as number) * 100) / 100 : null,
      TAREA_ID: c.taskId ?? null,
      USUARIO: fitNullable(c.user, 100),
      OBSERVACIONES: fitNullable(c.note, 500),
      REGISTRADO: now,
      // Only named when given: CANAL exists from schema version 5 on.
      ...(c.channel ? { CANAL: fitNullable(c.channel, 20) } : {}),
    },
    // Aliased: some servers return an unaliased OUTPUT column in lower case (`id`).
    ['ID as ID'],
  );
  const first = result[0] as number | { ID: number } | undefined;
  const id = typeof first === 'object' && first !== null ? first.ID : first;
  if (id === undefined) throw new Error('No se pudo registrar el contacto.');
  return Number(id);
}

export interface CustomerFlags {
  fixedTier: Tier | null;
  doNotContact: boolean;
  dispute: boolean;
  legal: boolean;
  note: string | null;
}

function flagColumns(flags: Partial<CustomerFlags>): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  if (flags.fixedTier !== undefined) {
    if (flags.fixedTier !== null && !TIERS.includes(flags.fixedTier)) {
      throw new Error(`Nivel fijo inválido: «${String(flags.fixedTier)}». Use A, B, C o nada.`);
    }
    cols.NIVEL_FIJO = flags.fixedTier;
  }
  if (flags.doNotContact !== undefined) cols.NO_CONTACTAR = flags.doNotContact;
  if (flags.dispute !== undefined) cols.EN_DISPUTA = flags.dispute;
  if (flags.legal !== undefined) cols.GESTION_JUDICIAL = flags.legal;
  if (flags.note !== undefined) cols.OBSERVACIONES = fitNullable(flags.note, 500);
  return cols;
}

/**
 * Sets the given staff flags of a customer (UPDATE, then INSERT when the row is
 * missing), never touching the tier state the service keeps in the same row.
 */
export async function setCustomerFlags(
  db: Knex, t: AddonTables, customerCode: string, flags: Partial<CustomerFlags>, now: Date = new Date(),
): Promise<void> {
  const code = requireCode(customerCode);
  const cols = { ...flagColumns(flags), MODIFICADO: now };
  // Whether a row was there is told by the rows the UPDATE returns (OUTPUT /
  // RETURNING), not by the driver's row count, which not every server reports.
  const update = async (): Promise<number> =>
    ((await db(t.cliente).update(cols).where('COD_CLIENT', code).returning('COD_CLIENT as COD_CLIENT')) as unknown[]).length;
  if ((await update()) > 0) return;
  try {
    await db(t.cliente).insert({ COD_CLIENT: code, ...cols });
  } catch (err) {
    // The service (or another user) created the row meanwhile: update it instead.
    if (!isDuplicateKeyError(err)) throw err;
    await update();
  }
}
