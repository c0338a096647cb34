/**
 * Posts a payment into the Bejerman demo the way Bejerman records it: a
 * receipt row (RC) in CabVenta, and the balance of every paid installment
 * brought to zero with its modification stamp set to the payment day.
 */
import type { Knex } from 'knex';
import type { IsoDate } from '../../rules/types';
import { sqlDialect } from '../dialect/sql-dialect';

/** Pays every open invoice or debit-note installment of a customer due on or before `date`. */
export async function payAllOverdueBejerman(
  db: Knex, customerCode: string, date: IsoDate,
): Promise<{ receiptNumber: string; amount: number } | null> {
  const d = sqlDialect(db);
  const stamp = d.dateTimeParam(date, '10:00:00');
  return db.transaction(async (trx) => {
    const open = (await trx('CabVenta')
      .select('cve_ID', 'cve_SaldoMonLoc', 'cveven_Cod', 'cve_CodPvt')
      .where(d.trim(trx, 'cve_CodCli'), '=', customerCode)
      .whereIn('cvetco_Cod', ['FC', 'ND'])
      .where('cve_Anulado', 0)
      .where('cve_SaldoMonLoc', '>', 0)
      .where('cve_FVto', '<=', d.dateParam(date))) as { cve_ID: number; cve_SaldoMonLoc: number; cveven_Cod: string; cve_CodPvt: string }[];
    if (open.length === 0) return null;
    const amount = Math.round(open.reduce((s, r) => s + Number(r.cve_SaldoMonLoc), 0) * 100) / 100;
    // TOP 1 … ORDER BY rather than MAX(): the SQL Server stand-in refuses MAX over a CHAR column.
    const top = (await trx('CabVenta').where('cvetco_Cod', 'RC').orderBy('cve_Nro', 'desc').first({ n: 'cve_Nro' })) as { n: string } | undefined;
    const last = { n: top?.n ?? null };
    const receiptNumber = String(Number(last?.n ?? 0) + 1).padStart(8, '0');
    await trx('CabVenta').insert({
      cve_Circuito: 'V', cvetco_Cod: 'RC', cve_Letra: 'X', cve_CodPvt: open[0]!.cve_CodPvt, cve_Nro: receiptNumber,
      cve_NroCuota: 1, cve_CodCli: customerCode, cve_FEmision: d.dateParam(date), cve_FVto: d.dateParam(date),
      cve_ImpMonLoc: -amount, cve_SaldoMonLoc: 0, cveven_Cod: open[0]!.cveven_Cod, cve_Anulado: 0, cve_FecMod: stamp,
    });
    await trx('CabVenta').whereIn('cve_ID', open.map((r) => r.cve_ID)).update({ cve_SaldoMonLoc: 0, cve_FecMod: stamp });
    await trx('DEMO_VERDAD')
      .where('COD_CLIENTE', customerCode)
      .whereIn('TIPO', ['FC', 'ND'])
      .where('PENDIENTE', '>', 0)
      .where('FECHA_VTO', '<=', date)
      .update({ PENDIENTE: 0, FECHA_PAGO: date });
    return { receiptNumber, amount };
  });
}
