/** The batched inserters of every Bejerman demo table, opened on one node:sqlite handle. */
import type { DatabaseSync } from 'node:sqlite';
import { BatchInsert } from '../demo-erp/batch-insert';

export const CABVENTA_COLUMNS = [
  'cve_Circuito', 'cvetco_Cod', 'cve_Letra', 'cve_CodPvt', 'cve_Nro', 'cve_NroCuota', 'cve_CodCli', 'cve_FEmision',
  'cve_FVto', 'cve_ImpMonLoc', 'cve_SaldoMonLoc', 'cveven_Cod', 'cve_Anulado', 'cve_FecMod', 'cve_ConClaus',
] as const;

export function openSinks(db: DatabaseSync, batchSize: number) {
  const b = (table: string, columns: readonly string[]): BatchInsert => new BatchInsert(db, table, columns, batchSize);
  return {
    vendedor: b('Vendedor', ['ven_Cod', 'ven_Desc', 'ven_email', 'ven_Activo']),
    clientes: b('Clientes', [
      'cli_Cod', 'cli_RazSoc', 'cli_CUIT', 'cli_EMail', 'cli_Telefono', 'cli_TelMovil', 'cliven_Cod', 'cli_FecAlta',
      'cli_FecMod', 'cli_Habilitado', 'cli_LimCred',
    ]),
    cabventa: b('CabVenta', CABVENTA_COLUMNS),
    verdad: b('DEMO_VERDAD', ['TIPO', 'NUMERO', 'FECHA_VTO', 'COD_CLIENTE', 'IMPORTE', 'PENDIENTE', 'FECHA_EMISION', 'FECHA_PAGO']),
    cliente: b('DEMO_CLIENTE', ['COD_CLIENTE', 'PERFIL', 'A_CUENTA']),
    filaMala: b('DEMO_FILA_MALA', ['TABLA', 'CLAVE', 'PROBLEMA']),
  };
}

export type Sinks = ReturnType<typeof openSinks>;

export function flushAll(sinks: Sinks): void {
  for (const sink of Object.values(sinks)) sink.flush();
}
