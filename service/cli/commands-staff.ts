/** `contacto registrar` and `cliente marcar`: what staff tell the service. */
import { recordContact, setCustomerFlags, type CustomerFlags } from '../../connector/addon/staff-input';
import { formatDate, formatMoney } from '../../rules/format';
import { CONTACT_OUTCOMES, TIERS, type ContactOutcome, type Tier } from '../../rules/types';
import type { CompanyContext } from '../context';
import { parseArAmount } from './amount';
import { dateOption, UsageError, withCompany, type GlobalOptions } from './common';

export interface ContactOptions extends GlobalOptions {
  cliente: string;
  resultado: string;
  fecha?: string;
  fechaPromesa?: string;
  importe?: string;
  tarea?: string;
  usuario?: string;
  obs?: string;
}

/** Whether the ERP has a usable customer with this code (the whole customer read: no single-customer query per profile). */
async function customerExists(ctx: CompanyContext, code: string): Promise<boolean> {
  let found = false;
  // Read to the end rather than break: an abandoned stream can leave the driver's request open.
  for await (const c of ctx.profile.customers(ctx.db, () => undefined)) if (c.code === code) found = true;
  return found;
}

export async function contactRecord(opts: ContactOptions): Promise<void> {
  const outcome = opts.resultado.trim().toLowerCase().replace(/-/g, '_');
  if (!(CONTACT_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new UsageError(`--resultado: se esperaba ${CONTACT_OUTCOMES.join(', ')}; se recibió «${opts.resultado}».`);
  }
  await withCompany(opts, async (ctx) => {
    const on = dateOption(opts.fecha, ctx.config);
    const promiseDate = opts.fechaPromesa ? dateOption(opts.fechaPromesa, ctx.config, '--fecha-promesa') : null;
    const promiseAmount = opts.importe ? parseArAmount(opts.importe) : null;
    if (outcome === 'promesa' && (!promiseDate || !promiseAmount)) {
      throw new UsageError('Una promesa de pago necesita --fecha-promesa AAAA-MM-DD y --importe.');
    }
    const code = opts.cliente.trim();
    if (!(await customerExists(ctx, code))) {
      throw new UsageError(`--cliente: el cliente «${code}» no existe en el ERP (revise el código con «cadencia explicar» o «cadencia niveles»).`);
    }
    const id = await recordContact(ctx.db, ctx.tables, {
      customerCode: opts.cliente,
      on,
      outcome: outcome as ContactOutcome,
      promiseDate,
      promiseAmount,
      taskId: opts.tarea ? Number(opts.tarea) : null,
      user: opts.usuario ?? null,
      note: opts.obs ?? null,
    });
    const promise = promiseDate && promiseAmount ? ` (promete ${formatMoney(promiseAmount)} el ${formatDate(promiseDate)})` : '';
    console.log(`Contacto n.º ${id} registrado: cliente ${opts.cliente.trim()}, ${outcome}${promise}. El próximo ciclo lo tiene en cuenta.`);
  });
}

export interface FlagOptions extends GlobalOptions {
  contactar?: string;
  disputa?: string;
  judicial?: string;
  nivelFijo?: string;
  obs?: string;
}

function yesNo(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (['si', 'sí', 's', 'true', '1'].includes(v)) return true;
  if (['no', 'n', 'false', '0'].includes(v)) return false;
  throw new UsageError(`${name}: se esperaba si o no, se recibió «${value}».`);
}

/** The marks an `cliente marcar` (or the worklist's marks form) asks for; a UsageError for a value written wrong. */
export function flagsOf(opts: Omit<FlagOptions, keyof GlobalOptions>): Partial<CustomerFlags> {
  const flags: Partial<CustomerFlags> = {};
  const contact = yesNo(opts.contactar, '--contactar');
  const doNotContact = contact === undefined ? undefined : !contact;
  const dispute = yesNo(opts.disputa, '--disputa');
  const legal = yesNo(opts.judicial, '--judicial');
  if (doNotContact !== undefined) flags.doNotContact = doNotContact;
  if (dispute !== undefined) flags.dispute = dispute;
  if (legal !== undefined) flags.legal = legal;
  if (opts.nivelFijo !== undefined) {
    const v = opts.nivelFijo.trim().toUpperCase();
    if (v === 'NINGUNO' || v === '') flags.fixedTier = null;
    else if ((TIERS as readonly string[]).includes(v)) flags.fixedTier = v as Tier;
    else throw new UsageError(`--nivel-fijo: se esperaba A, B, C o ninguno; se recibió «${opts.nivelFijo}».`);
  }
  if (opts.obs !== undefined) flags.note = opts.obs;
  return flags;
}

export async function customerFlag(code: string, opts: FlagOptions): Promise<void> {
  const flags = flagsOf(opts);
  if (Object.keys(flags).length === 0) {
    throw new UsageError('Indique al menos una marca: --contactar, --disputa, --judicial, --nivel-fijo u --obs.');
  }
  await withCompany(opts, async (ctx) => {
    await setCustomerFlags(ctx.db, ctx.tables, code, flags);
    console.log(`Cliente ${code.trim()} actualizado. El próximo ciclo lo tiene en cuenta.`);
  });
}

/**
 * `cliente email <código> <correo|ninguno>`: the collections contact the
 * reminders go to instead of the ERP's e-mail («ninguno» goes back to the
 * ERP's). Audited in the name of the console user.
 */
export async function customerEmail(code: string, value: string, opts: GlobalOptions): Promise<void> {
  const { checkCollectionsEmail, recipientsOf, setCollectionsEmail } = await import('../customer-mail/recipients');
  const { audit } = await import('../web/store');
  const { consoleActor } = await import('./commands-users');
  let email: string | null;
  try {
    email = checkCollectionsEmail(value);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  await withCompany(opts, async (ctx) => {
    const wanted = code.trim();
    let erpEmail: string | null = null;
    let found = false;
    for await (const c of ctx.profile.customers(ctx.db, () => undefined)) {
      if (c.code === wanted) {
        found = true;
        erpEmail = c.email;
      }
    }
    if (!found) throw new UsageError(`El cliente «${wanted}» no existe en el ERP (revise el código con «cadencia explicar» o «cadencia niveles»).`);
    const now = new Date();
    await ctx.db.transaction(async (trx) => {
      const before = await setCollectionsEmail(trx, ctx.tables, wanted, email, now);
      await audit(trx, ctx.tables, { user: consoleActor(), action: 'email_cobranza', customer: wanted, before: { email: before }, after: { email } }, now);
    });
    const r = recipientsOf(erpEmail, email);
    const to = r.valid.length > 0 ? r.valid.join(', ') : 'ninguna dirección válida';
    console.log(email
      ? `Cliente ${wanted}: los recordatorios van a ${to} (contacto de cobranza).`
      : `Cliente ${wanted}: sin contacto de cobranza; los recordatorios van al correo del ERP: ${to}.`);
    if (r.invalid.length > 0) console.log(`Direcciones inválidas en el ERP (no se usan): ${r.invalid.join(', ')}.`);
  });
}
