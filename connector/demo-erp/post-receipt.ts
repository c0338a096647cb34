/**
 * Posts payments into the demo ERP the way Tango records them: a REC header
 * in GVA12, one GVA07 row per installment it cancels, GVA46.ESTADO_VTO = 'PAG'
 * once an installment is fully paid and GVA12.ESTADO = 'CAN' once all of a
 * voucher's installments are. The ground truth (DEMO_VERDAD, DEMO_CLIENTE)
 * follows, so tests can compare the profile with it after posting.
 */
import type { Knex } from 'knex';
import type { IsoDate } from '../../rules/types';
import { sqlDialect } from '../dialect/sql-dialect';
import { cents, voucherNumber } from './tango-format';

export interface ReceiptApplication {
  voucherType: string;
  voucherNumber: string;
  dueOn: IsoDate;
  amount: number;
}

export interface ReceiptInput {
  customerCode: string;
  date: IsoDate;
  applications: ReceiptApplication[];
  onAccount?: number;
}

const RECEIPT_LETTER = 'X';
const RECEIPT_POINT_OF_SALE = 2;
const PAID_EPSILON = 0.005;

export async function postReceipt(db: Knex, r: ReceiptInput): Promise<{ receiptNumber: string }> {
  const d = sqlDialect(db);
  const trimmed = (column: string): Knex.Raw => d.trim(db, column);
  // Typed date parameters: a 'YYYY-MM-DD' string would depend on the login's DATEFORMAT on SQL Server.
  const tangoDate = (date: IsoDate): string | Date => d.dateParam(date);
  return db.transaction(async (trx) => {
    const customer = (await trx('GVA14').where(trimmed('COD_CLIENT'), '=', r.customerCode).first('COD_VENDED')) as
      | { COD_VENDED: string | null }
      | undefined;
    if (!customer) throw new Error(`No existe el cliente «${r.customerCode}».`);
    const prefix = `${RECEIPT_LETTER}${String(RECEIPT_POINT_OF_SALE).padStart(4, '0')}`;
    const last = (await trx('GVA12')
      .where(trimmed('T_COMP'), '=', 'REC')
      .where(trimmed('N_COMP'), 'like', `${prefix}%`)
      .max({ m: trimmed('N_COMP') })
      .first()) as { m: string | null } | undefined;
    const next = last?.m ? Number(last.m.trim().slice(prefix.length)) + 1 : 1;
    const receiptNumber = voucherNumber(RECEIPT_LETTER, RECEIPT_POINT_OF_SALE, next);
    const onAccount = cents(r.onAccount ?? 0);
    const total = cents(r.applications.reduce((s, a) => s + a.amount, 0) + onAccount);

    await trx('GVA12').insert({
      T_COMP: 'REC', N_COMP: receiptNumber, COD_CLIENT: r.customerCode, FECHA_EMIS: tangoDate(r.date), IMPORTE: total,
      ESTADO: onAccount > 0 ? 'PEN' : 'CAN', COD_VENDED: customer.COD_VENDED, MON_CTE: 1, COTIZ: 1, COND_VTA: 0,
    });
    if (r.applications.length > 0) {
      await trx('GVA07').insert(
        r.applications.map((a) => ({
          COD_CLIENT: r.customerCode, T_COMP: a.voucherType, N_COMP: a.voucherNumber, FECHA_VTO: tangoDate(a.dueOn),
          T_COMP_CAN: 'REC', N_COMP_CAN: receiptNumber, F_COMP_CAN: tangoDate(r.date), IMPORT_CAN: cents(a.amount),
        })),
      );
    }
    for (const a of r.applications) {
      const key = { T_COMP: a.voucherType.trim(), N_COMP: a.voucherNumber.trim(), FECHA_VTO: a.dueOn };
      await trx('DEMO_VERDAD').where(key).update({ PENDIENTE: trx.raw('ROUND(PENDIENTE - ?, 2)', [cents(a.amount)]) });
      const truth = (await trx('DEMO_VERDAD').where(key).first('PENDIENTE')) as { PENDIENTE: number } | undefined;
      if (truth && Number(truth.PENDIENTE) <= PAID_EPSILON) {
        await trx('GVA46')
          .where(trimmed('T_COMP'), '=', key.T_COMP)
          .where(trimmed('N_COMP'), '=', key.N_COMP)
          .where('FECHA_VTO', tangoDate(a.dueOn))
          .update({ ESTADO_VTO: 'PAG' });
      }
    }
    const vouchers = new Map(r.applications.map((a) => [`${a.voucherType.trim()}|${a.voucherNumber.trim()}`, a]));
    for (const a of vouchers.values()) {
      const open = (await trx('GVA46')
        .where(trimmed('T_COMP'), '=', a.voucherType.trim())
        .where(trimmed('N_COMP'), '=', a.voucherNumber.trim())
        .where((w) => w.whereNull('ESTADO_VTO').orWhere('ESTADO_VTO', '<>', 'PAG'))
        .count({ n: '*' })
        .first()) as { n: number | string };
      if (Number(open.n) === 0) {
        await trx('GVA12')
          .where(trimmed('T_COMP'), '=', a.voucherType.trim())
          .where(trimmed('N_COMP'), '=', a.voucherNumber.trim())
          .update({ ESTADO: 'CAN' });
      }
    }
    if (onAccount > 0) {
      await trx('DEMO_CLIENTE')
        .where({ COD_CLIENT: r.customerCode })
        .update({ A_CUENTA: trx.raw('ROUND(A_CUENTA + ?, 2)', [onAccount]) });
    }
    return { receiptNumber };
  });
}

/**
 * Pays, in one receipt dated `date`, every installment of the customer still
 * owing money and due on or before `date`. Returns null when nothing is due.
 */
export async function payAllOverdue(
  db: Knex, customerCode: string, date: IsoDate,
): Promise<{ receiptNumber: string } | null> {
  const open = (await db('DEMO_VERDAD')
    .where({ COD_CLIENT: customerCode })
    .where('PENDIENTE', '>', PAID_EPSILON)
    .where('FECHA_VTO', '<=', date)
    .orderBy(['FECHA_VTO', 'T_COMP', 'N_COMP'])
    .select('T_COMP', 'N_COMP', 'FECHA_VTO', 'PENDIENTE')) as {
    T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number;
  }[];
  if (open.length === 0) return null;
  return postReceipt(db, {
    customerCode,
    date,
    applications: open.map((o) => ({
      voucherType: o.T_COMP, voucherNumber: o.N_COMP, dueOn: o.FECHA_VTO, amount: Number(o.PENDIENTE),
    })),
  });
}
