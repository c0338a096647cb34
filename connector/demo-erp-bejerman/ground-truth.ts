/** Reads the Bejerman demo's ground truth (DEMO_VERDAD): what each installment still owes. */
import type { Knex } from 'knex';
import { installmentKey } from '../demo-erp/ground-truth';

export interface BejermanTruthRow {
  TIPO: string;
  NUMERO: string;
  FECHA_VTO: string;
  COD_CLIENTE: string;
  IMPORTE: number;
  PENDIENTE: number;
  FECHA_EMISION: string;
  FECHA_PAGO: string | null;
}

export async function bejermanTruthRows(db: Knex): Promise<BejermanTruthRow[]> {
  const rows = (await db('DEMO_VERDAD').select('*')) as BejermanTruthRow[];
  return rows.map((r) => ({ ...r }));
}

/** installmentKey(type, number, due) → pending, like the Tango demo's ground truth. */
export async function bejermanPendingGroundTruth(db: Knex): Promise<Map<string, number>> {
  const rows = await bejermanTruthRows(db);
  return new Map(rows.map((r) => [installmentKey(r.TIPO, r.NUMERO, r.FECHA_VTO), Number(r.PENDIENTE)]));
}
