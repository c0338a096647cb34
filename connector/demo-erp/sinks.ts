/** The batched inserters of every demo table, opened on one node:sqlite handle. */
import type { DatabaseSync } from 'node:sqlite';
import { BatchInsert } from './batch-insert';

export function openSinks(db: DatabaseSync, batchSize: number) {
  const b = (table: string, columns: string[]): BatchInsert => new BatchInsert(db, table, columns, batchSize);
  return {
    gva23: b('GVA23', ['COD_VENDED', 'NOMBRE_VEN', 'E_MAIL']),
    gva14: b('GVA14', [
      'COD_CLIENT', 'RAZON_SOCI', 'CUIT', 'DOMICILIO', 'LOCALIDAD', 'E_MAIL', 'TELEFONO_1', 'TELEFONO_MOVIL',
      'COD_VENDED', 'FECHA_ALTA', 'FECHA_INHA', 'CUPO_CREDI', 'SALDO_CC', 'CLAUSULA',
    ]),
    gva12: b('GVA12', ['T_COMP', 'N_COMP', 'COD_CLIENT', 'FECHA_EMIS', 'IMPORTE', 'ESTADO', 'COD_VENDED', 'MON_CTE', 'COTIZ', 'COND_VTA']),
    gva46: b('GVA46', ['T_COMP', 'N_COMP', 'FECHA_VTO', 'IMPORTE_VT', 'ESTADO_VTO']),
    gva07: b('GVA07', ['COD_CLIENT', 'T_COMP', 'N_COMP', 'FECHA_VTO', 'T_COMP_CAN', 'N_COMP_CAN', 'F_COMP_CAN', 'IMPORT_CAN']),
    sba14: b('SBA14', [
      'N_INTERNO', 'N_CHEQUE', 'COD_BANCO', 'CLIENTE', 'IMPORTE_CH', 'F_EMISION', 'FECHA_CHEQ', 'FECHA_REC', 'ESTADO',
      'T_COMP_REC', 'N_COMP_REC',
    ]),
    verdad: b('DEMO_VERDAD', ['T_COMP', 'N_COMP', 'FECHA_VTO', 'COD_CLIENT', 'PENDIENTE']),
    cliente: b('DEMO_CLIENTE', ['COD_CLIENT', 'PERFIL', 'A_CUENTA', 'CHEQUES_CARTERA']),
    filaMala: b('DEMO_FILA_MALA', ['TABLA', 'CLAVE', 'PROBLEMA']),
  };
}

export type Sinks = ReturnType<typeof openSinks>;

export function flushAll(sinks: Sinks): void {
  for (const sink of Object.values(sinks)) sink.flush();
}
