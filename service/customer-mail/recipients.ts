/**
 * Who a reminder to a customer goes to: the collections contact kept in the
 * add-on (COB_CLIENTE.EMAIL_COBRANZA) when staff set one, else the customer's
 * e-mail in the ERP (Tango GVA14 E_MAIL: often empty, or several addresses
 * separated by «;» or «,»). Each address is trimmed, checked and kept once
 * (compared without case); the invalid ones are reported and never tried.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import type { AddonTables } from '../../connector/addon/tables';
import { singleLine } from '../mail/headers';

export interface Recipients {
  /** Addresses to send to, in the order written, each once. */
  valid: string[];
  /** What could not be an address, as written (reported, never tried). */
  invalid: string[];
  /** Where they come from: the collections contact of the add-on, or the ERP. */
  source: 'cobranza' | 'erp' | null;
}

const EMAIL = z.email();

/** Whether one address is one we would send to (the INI's own check, plus no spaces or angle brackets). */
export function isValidAddress(address: string): boolean {
  return address.length <= 254 && !/[\s<>,;"]/.test(address) && EMAIL.safeParse(address).success;
}

/** Splits a list of addresses («a@x.com; b@y.com, c@z.com»): trimmed, deduplicated, valid and invalid apart. */
export function parseAddresses(text: string | null | undefined): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of String(text ?? '').split(/[;,\n\r]+/)) {
    // «Nombre <correo>» is accepted: the address inside the brackets counts.
    const part = raw.trim().replace(/^.*<([^<>]*)>\s*$/, '$1').trim().replace(/^mailto:/i, '');
    if (part === '') continue;
    const key = part.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (isValidAddress(part)) valid.push(part);
    else invalid.push(singleLine(raw.trim(), 120));
  }
  return { valid, invalid };
}

/** The collections contact staff set for the customer (COB_CLIENTE.EMAIL_COBRANZA), or null. */
export async function collectionsEmailOf(db: Knex, t: AddonTables, code: string): Promise<string | null> {
  const row = (await db(t.cliente).select('EMAIL_COBRANZA').where('COD_CLIENT', code).first()) as { EMAIL_COBRANZA: unknown } | undefined;
  const v = row?.EMAIL_COBRANZA;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** The recipients of a reminder: the collections contact wins over the ERP's e-mail. */
export function recipientsOf(erpEmail: string | null | undefined, collectionsEmail: string | null | undefined): Recipients {
  const own = (collectionsEmail ?? '').trim();
  if (own !== '') return { ...parseAddresses(own), source: 'cobranza' };
  const erp = (erpEmail ?? '').trim();
  if (erp !== '') return { ...parseAddresses(erp), source: 'erp' };
  return { valid: [], invalid: [], source: null };
}

/** Reads the collections contact and resolves the recipients. */
export async function customerRecipients(db: Knex, t: AddonTables, code: string, erpEmail: string | null | undefined): Promise<Recipients> {
  return recipientsOf(erpEmail, await collectionsEmailOf(db, t, code));
}

/**
 * Checks what staff type as the collections contact: one or more addresses
 * («;» or «,» between them), or «ninguno» (back to the ERP's e-mail). Resolves
 * the text to store (null = none) or throws a Spanish message.
 */
export function checkCollectionsEmail(input: string): string | null {
  const text = input.trim();
  if (text === '' || /^(ninguno|ninguna|-)$/i.test(text)) return null;
  const { valid, invalid } = parseAddresses(text);
  if (invalid.length > 0) {
    throw new Error(`${invalid.length === 1 ? 'No es una dirección de correo válida' : 'No son direcciones de correo válidas'}: ${invalid.map((a) => `«${a}»`).join(', ')}.`);
  }
  if (valid.length === 0) throw new Error('Falta la dirección de correo (o «ninguno» para usar la del ERP).');
  const joined = valid.join('; ');
  if (joined.length > 320) throw new Error(`Las direcciones ocupan ${joined.length} caracteres; el máximo es 320.`);
  return joined;
}

/**
 * Stores the collections contact (null clears it), creating the customer's
 * add-on row when missing. Resolves the previous value (for the audit).
 */
export async function setCollectionsEmail(db: Knex, t: AddonTables, code: string, value: string | null, now: Date): Promise<string | null> {
  const before = await collectionsEmailOf(db, t, code);
  const cols = { EMAIL_COBRANZA: value, MODIFICADO: now };
  const updated = (await db(t.cliente).update(cols).where('COD_CLIENT', code).returning('COD_CLIENT as COD_CLIENT')) as unknown[];
  if (updated.length === 0) await db(t.cliente).insert({ COD_CLIENT: code, ...cols });
  return before;
}
