/**
 * What staff record through the service (CLI or tools built on it): contact
 * outcomes (COB_CONTACTO) and per-customer flags (COB_CLIENTE staff columns).
 * Staff may also write these rows with any tool; the loaders tolerate that.
 */
import type { Knex } from 'knex';
import { CONTACT_OUTCOMES, TIERS, type ContactOutcome, type IsoDate, type Tier } from '../../rules/types';
import { isIsoDate } from './dates';
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
}

function requireCode(value: string): string {
  const c = value?.trim();
  if (!c) throw new Error('Falta el código de cliente.');
  if (c.length > 20) throw new Error(`El código de cliente «${c}» es demasiado largo (máximo 20 caracteres).`);
  return c;
}

/** Validates and records a contact outcome; returns the new row's ID. */
export async function recordContact(db: Knex, t: AddonTables, c: ContactInput, now: Date = new Date()): Promise<number> {
  const customerCode = requireCode(c.customerCode);
  if (!isIsoDate(c.on)) throw new Error(`Fecha de contacto inválida: «${c.on}» (use AAAA-MM-DD).`);
  if (!CONTACT_OUTCOMES.includes(c.outcome)) {
    throw new Error(`Resultado de contacto desconocido: «${c.outcome}». Use: ${CONTACT_OUTCOMES.join(', ')}.`);
  }
  const isPromise = c.outcome === 'promesa';
  if (isPromise) {
    if (!c.promiseDate || !isIsoDate(c.promiseDate)) {
      throw new Error('Una promesa de pago necesita la fecha prometida (AAAA-MM-DD).');
    }
    if (typeof c.promiseAmount !== 'number' || !Number.isFinite(c.promiseAmount) || c.promiseAmount <= 0) {
      throw new Error('Una promesa de pago necesita un importe mayor que cero.');
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
