/** Reads the generator's ground truth (DEMO_VERDAD): what each installment still owes. */
import type { Knex } from 'knex';
import type { IsoDate } from '../../rules/types';

/** Key of an installment in ground-truth maps: trimmed type, trimmed number, ISO due date. */
export function installmentKey(voucherType: string, voucherNumber: string, dueOn: IsoDate): string {
  return `${voucherType.trim()}|${voucherNumber.trim()}|${dueOn}`;
}

export async function openInstallmentsGroundTruth(db: Knex): Promise<Map<string, number>> {
  const rows = (await db('DEMO_VERDAD').select('T_COMP', 'N_COMP', 'FECHA_VTO', 'PENDIENTE')) as {
    T_COMP: string; N_COMP: string; FECHA_VTO: string; PENDIENTE: number;
  }[];
  return new Map(rows.map((r) => [installmentKey(r.T_COMP, r.N_COMP, r.FECHA_VTO), Number(r.PENDIENTE)]));
}
