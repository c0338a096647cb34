/**
 * The bad-input catalogue of issue 15 (items 1, 2, 6 and 7), planted in a
 * copy of the Tango demo ERP with plain UPDATE/INSERT statements, the way an
 * office breaks things: on SQLite, or on SQL Server after copyDemoToSqlServer.
 * Each planted row says how the cycle must report it (table, a piece of the
 * key, a piece of the problem).
 *
 * Impossible calendar dates (2026-02-30, month 13) and text in a bit column
 * ('si') exist only where the column type lets them in (SQLite); SQL Server's
 * DATETIME, date and bit refuse them at the door.
 */
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { AddonTables } from '../../connector/addon/tables';
import { addDays } from '../../rules/dates';
import type { IsoDate } from '../../rules/types';
import type { CompanyContext } from '../../service/context';
import { loadInputs, type CycleInputs } from '../../service/cycle/read-and-plan';

export interface Planted {
  kind: string;
  table: string;
  key: string;
  problem: string;
}

type Row = Record<string, unknown>;

function isSqlite(db: Knex): boolean {
  return !String(db.client.config.client).includes('mssql');
}

/** A DATETIME literal the engine reads unambiguously ('YYYYMMDD' on SQL Server, ISO text on SQLite). */
function datetimeValue(db: Knex, iso: string): Knex.Raw {
  return isSqlite(db) ? db.raw('?', [`${iso} 00:00:00`]) : db.raw('CAST(? AS DATETIME)', [iso.replace(/-/g, '')]);
}

export interface Targets {
  /** Overdue open installments of distinct customers (per the generator's ground truth), in a fixed order. */
  installments: { customer: string; type: string; number: string; dueOn: IsoDate; pending: number }[];
  /** Customers with overdue debt, not among the installments' customers. */
  customers: string[];
  /** A customer with overdue debt and money on account (a receipt not fully applied), untouched by the other plants. */
  onAccount: string;
}

/** Installments and customers to break, chosen from the ground truth (DEMO_VERDAD) so the test knows their story. */
export async function chooseTargets(db: Knex, asOf: IsoDate): Promise<Targets> {
  const rows = (await db('DEMO_VERDAD').select('T_COMP', 'N_COMP', 'FECHA_VTO', 'COD_CLIENT', 'PENDIENTE')) as Row[];
  const overdue = rows
    .map((r) => ({
      customer: String(r.COD_CLIENT).trim(), type: String(r.T_COMP).trim(), number: String(r.N_COMP).trim(),
      dueOn: String(r.FECHA_VTO), pending: Number(r.PENDIENTE),
    }))
    .filter((r) => r.pending > 100 && r.dueOn < addDays(asOf, -10) && r.type === 'FAC')
    .sort((a, b) => (a.customer + a.number + a.dueOn).localeCompare(b.customer + b.number + b.dueOn));
  const byCustomer = new Map<string, (typeof overdue)[number]>();
  for (const r of overdue) if (!byCustomer.has(r.customer)) byCustomer.set(r.customer, r);
  const firsts = [...byCustomer.values()];
  const customers = firsts.slice(6).map((r) => r.customer);
  // The staff plants use customers[0..9]; the receipt copy goes to a later one.
  const withMoney = (await db('DEMO_CLIENTE').select('COD_CLIENT').where('A_CUENTA', '>', 100)) as Row[];
  const hasMoney = new Set(withMoney.map((r) => String(r.COD_CLIENT).trim()));
  const onAccount = customers.slice(10).find((c) => hasMoney.has(c));
  if (!onAccount) throw new Error('demo too small: no customer with money on account');
  return { installments: firsts.slice(0, 6), customers, onAccount };
}

async function installmentIds(db: Knex, type: string, number: string, dueOn?: IsoDate): Promise<number[]> {
  const rows = (await db('GVA46').select('ID_GVA46', 'FECHA_VTO').whereRaw('rtrim(ltrim(T_COMP)) = ? AND rtrim(ltrim(N_COMP)) = ?', [type, number])) as Row[];
  const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
  return rows.filter((r) => dueOn === undefined || iso(r.FECHA_VTO) === dueOn).map((r) => Number(r.ID_GVA46));
}

const GVA46_COLUMNS = 'T_COMP, N_COMP, FECHA_VTO, IMPORTE_VT, ESTADO_VTO';
const GVA12_COLUMNS = 'T_COMP, N_COMP, COD_CLIENT, FECHA_EMIS, IMPORTE, ESTADO, COD_VENDED, MON_CTE, COTIZ, COND_VTA';
const GVA14_COPIED = 'COD_CLIENT, CUIT, DOMICILIO, LOCALIDAD, E_MAIL, TELEFONO_1, TELEFONO_MOVIL, COD_VENDED, FECHA_INHA, CUPO_CREDI, SALDO_CC, CLAUSULA';

export const DUPLICATE_NAME = 'Copia Duplicada S.A.';

/** Breaks ERP rows (dates, amounts, duplicates); returns what the cycle must report. */
export async function plantBadErpRows(db: Knex, t: Targets): Promise<Planted[]> {
  const sqlite = isSqlite(db);
  const [far, impossible, noAmount, dupInstallment, dupHeader, dupCustomer] = t.installments;
  if (!far || !impossible || !noAmount || !dupInstallment || !dupHeader || !dupCustomer) throw new Error('demo too small');
  const planted: Planted[] = [];
  const setDue = async (i: typeof far, iso: string): Promise<void> => {
    const ids = await installmentIds(db, i.type, i.number, i.dueOn);
    await db('GVA46').whereIn('ID_GVA46', ids).update({ FECHA_VTO: datetimeValue(db, iso) });
  };
  // 1. A due date of 9999-12-31 (SQL Server's DATETIME takes it).
  await setDue(far, '9999-12-31');
  planted.push({ kind: 'vencimiento 9999', table: 'GVA46', key: far.number, problem: 'Fecha de vencimiento inválida («9999-12-31», posterior al 31/12/2099): se omite la cuota.' });
  // 2. An impossible due date (SQLite text only).
  if (sqlite) {
    await setDue(impossible, '2026-02-30');
    planted.push({ kind: 'vencimiento imposible', table: 'GVA46', key: impossible.number, problem: 'Fecha de vencimiento inválida («2026-02-30», no existe en el calendario): se omite la cuota.' });
  }
  // 7. An installment with NULL amount.
  await db('GVA46').whereIn('ID_GVA46', await installmentIds(db, noAmount.type, noAmount.number, noAmount.dueOn)).update({ IMPORTE_VT: null });
  planted.push({ kind: 'importe NULL', table: 'GVA46', key: noAmount.number, problem: 'Cuota sin importe: se omite.' });
  // 7. The same installment twice, and a voucher header twice.
  const [dupId] = await installmentIds(db, dupInstallment.type, dupInstallment.number, dupInstallment.dueOn);
  await db.raw(`INSERT INTO GVA46 (${GVA46_COLUMNS}) SELECT ${GVA46_COLUMNS} FROM GVA46 WHERE ID_GVA46 = ?`, [dupId!]);
  planted.push({ kind: 'cuota repetida', table: 'cuotas', key: dupInstallment.number, problem: 'Cuota repetida' });
  const [header] = (await db('GVA12').select('ID_GVA12').whereRaw('rtrim(ltrim(T_COMP)) = ? AND rtrim(ltrim(N_COMP)) = ?', [dupHeader.type, dupHeader.number])) as Row[];
  await db.raw(`INSERT INTO GVA12 (${GVA12_COLUMNS}) SELECT ${GVA12_COLUMNS} FROM GVA12 WHERE ID_GVA12 = ?`, [Number(header!.ID_GVA12)]);
  planted.push({ kind: 'cabecera repetida', table: 'cuotas', key: dupHeader.number, problem: 'Cuota repetida' });
  // 7. Headers twice with nothing open to report, that must simply count once in the per-customer sums: the
  // settled invoices of the customer above (payment behaviour) and every receipt of a customer with money on
  // account.
  const copyHeaders = async (type: string, customer: string, status?: string): Promise<number> => {
    const q = db('GVA12').select('ID_GVA12').whereRaw('rtrim(ltrim(T_COMP)) = ? AND rtrim(ltrim(COD_CLIENT)) = ?', [type, customer]);
    if (status) q.whereRaw('rtrim(ltrim(ESTADO)) = ?', [status]);
    const ids = ((await q) as Row[]).map((r) => Number(r.ID_GVA12));
    for (const id of ids) await db.raw(`INSERT INTO GVA12 (${GVA12_COLUMNS}) SELECT ${GVA12_COLUMNS} FROM GVA12 WHERE ID_GVA12 = ?`, [id]);
    return ids.length;
  };
  if ((await copyHeaders('FAC', dupHeader.customer, 'CAN')) === 0) throw new Error('demo too small: no settled invoice');
  if ((await copyHeaders('REC', t.onAccount)) === 0) throw new Error('demo too small: no receipt');
  // 7. A customer row twice: the copy (no creation date, another name) must not replace the real one.
  const [original] = (await db('GVA14').select('ID_GVA14', 'RAZON_SOCI').whereRaw('rtrim(ltrim(COD_CLIENT)) = ?', [dupCustomer.customer])) as Row[];
  await db.raw(
    `INSERT INTO GVA14 (${GVA14_COPIED}, RAZON_SOCI, FECHA_ALTA) SELECT ${GVA14_COPIED}, ?, NULL FROM GVA14 WHERE ID_GVA14 = ?`,
    [DUPLICATE_NAME, Number(original!.ID_GVA14)],
  );
  planted.push({
    kind: 'cliente repetido', table: 'clientes', key: `cliente ${dupCustomer.customer}`,
    problem: `Cliente repetido: se usa la fila «${String(original!.RAZON_SOCI).trim()}» y se omite «${DUPLICATE_NAME}»`,
  });
  // 2. An impossible FECHA_ALTA (SQLite text only): the customer is skipped.
  if (sqlite) {
    const victim = t.customers[0]!;
    await db('GVA14').whereRaw('rtrim(ltrim(COD_CLIENT)) = ?', [victim]).update({ FECHA_ALTA: '2026-13-01 00:00:00' });
    planted.push({ kind: 'alta imposible', table: 'GVA14', key: `cliente ${victim}`, problem: 'Fecha de alta inválida («2026-13-01», no existe en el calendario): se omite el cliente.' });
  }
  return planted;
}

/** Staff rows written with "any tool" into COB_CONTACTO and COB_CLIENTE; returns what the cycle must report. */
export async function plantBadStaffRows(db: Knex, tables: AddonTables, t: Targets, asOf: IsoDate): Promise<Planted[]> {
  const sqlite = isSqlite(db);
  const who = t.customers.slice(1);
  if (who.length < 10) throw new Error('demo too small');
  const on = addDays(asOf, -2);
  const contact = (code: string, extra: Row): Row => ({ COD_CLIENT: code, FECHA: on, REGISTRADO: new Date(`${asOf}T09:00:00Z`), ...extra });
  const promise = (code: string, date: string | null, amount: number | null): Row =>
    contact(code, { RESULTADO: 'promesa', FECHA_PROMESA: date, IMPORTE_PROMESA: amount });
  const rows: [Row, string][] = [
    [promise(who[0]!, addDays(asOf, 5), -5), 'Una promesa de pago necesita un importe mayor que cero: se omite el contacto.'],
    [promise(who[1]!, null, 50_000), 'Una promesa de pago necesita la fecha prometida (AAAA-MM-DD): se omite el contacto.'],
    [promise(who[2]!, addDays(on, -3), 50_000), 'es anterior al contacto'],
    [promise(who[3]!, '2099-12-31', 1), 'está a más de 365 días del contacto'],
    [promise(who[4]!, '9999-12-31', 1_000), 'Fecha prometida inválida: «9999-12-31»'],
    [contact(who[5]!, { RESULTADO: 'llamado' }), 'Resultado de contacto desconocido: «llamado»'],
    [contact('ZZZ999', { RESULTADO: 'contactado' }), 'Contacto de un cliente que no está entre los clientes del ERP: se omite el contacto.'],
  ];
  for (const [row] of rows) await db(tables.contacto).insert(row);
  const planted: Planted[] = rows.map(([row, problem]) => ({
    kind: `contacto: ${problem.slice(0, 30)}`, table: tables.contacto, key: `cliente ${String(row.COD_CLIENT)}`, problem,
  }));
  await db(tables.cliente).insert({ COD_CLIENT: who[6]!, NIVEL_FIJO: 'D' });
  planted.push({ kind: 'nivel fijo D', table: tables.cliente, key: `cliente ${who[6]!}`, problem: 'NIVEL_FIJO = «D» no es A, B ni C' });
  await db(tables.cliente).insert({ COD_CLIENT: 'ZZZ998', EN_DISPUTA: true });
  planted.push({ kind: 'marcas de cliente inexistente', table: tables.cliente, key: 'cliente ZZZ998', problem: 'Marcas del personal para un cliente que no está entre los clientes del ERP' });
  if (sqlite) {
    // What staff type in a tool that lets them: 'si' is a yes (not an error), 'quizás' is neither.
    await db.raw(`INSERT INTO ${tables.cliente} (COD_CLIENT, NO_CONTACTAR, EN_DISPUTA, GESTION_JUDICIAL) VALUES (?, 'si', 0, 0), (?, 'quizás', 0, 0)`, [who[7]!, who[8]!]);
    planted.push({ kind: 'no contactar quizás', table: tables.cliente, key: `cliente ${who[8]!}`, problem: 'NO_CONTACTAR = «quizás» no es si ni no' });
  }
  return planted;
}

/** The customer whose NO_CONTACTAR = 'si' must be honoured (SQLite only). */
export function saysSi(t: Targets): string {
  return t.customers[8]!;
}

/**
 * Exact duplicate headers count once in the SQL aggregates too: the payment behaviour of the customer whose
 * invoice headers were copied, and the money on account of the one whose receipts were copied, are the figures
 * read before the copies; COB_ALERTA's SIN_APLICAR agrees. The same assertions on SQLite and on T-SQL.
 */
export async function expectDuplicateHeadersCountOnce(ctx: CompanyContext, t: Targets, clean: CycleInputs, asOf: IsoDate): Promise<void> {
  const [, , , , dupHeader] = t.installments;
  const broken = await loadInputs(ctx, asOf);
  const behaviour = broken.behaviourOf.get(dupHeader!.customer);
  expect(behaviour?.invoicedAmount).toBeGreaterThan(0);
  expect(behaviour?.paymentCount).toBeGreaterThan(0);
  expect(behaviour).toEqual(clean.behaviourOf.get(dupHeader!.customer));
  expect(broken.unappliedOf.get(dupHeader!.customer)).toEqual(clean.unappliedOf.get(dupHeader!.customer));
  const unapplied = broken.unappliedOf.get(t.onAccount);
  expect(unapplied?.onAccount).toBeGreaterThan(100);
  expect(unapplied).toEqual(clean.unappliedOf.get(t.onAccount));
  expect(broken.behaviourOf.get(t.onAccount)).toEqual(clean.behaviourOf.get(t.onAccount));
  const [alert] = (await ctx.db(ctx.tables.alerta).where({ COD_CLIENT: t.onAccount }).select('SIN_APLICAR')) as Record<string, unknown>[];
  expect(Number(alert?.SIN_APLICAR)).toBeCloseTo(unapplied!.onAccount + unapplied!.chequesInPortfolio, 2);
}
