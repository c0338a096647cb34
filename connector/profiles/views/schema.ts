/**
 * The logical views any other ERP exposes to cadencia: fixed names and
 * columns, documented in sql/vistas-plantilla.sql. An installer writes them
 * over the ERP's own tables; the profile reads only these.
 */

export type ColumnKind = 'texto' | 'fecha' | 'numero' | 'marca';

export interface ViewSpec {
  name: string;
  columns: Readonly<Record<string, ColumnKind>>;
}

export const CUOTAS = {
  name: 'CADENCIA_CUOTAS',
  columns: {
    CLIENTE: 'texto', TIPO: 'texto', NUMERO: 'texto', FECHA_EMISION: 'fecha', FECHA_VTO: 'fecha',
    IMPORTE: 'numero', PENDIENTE: 'numero',
  },
} as const satisfies ViewSpec;

export const CLIENTES = {
  name: 'CADENCIA_CLIENTES',
  columns: {
    CODIGO: 'texto', NOMBRE: 'texto', EMAIL: 'texto', TELEFONO: 'texto', CELULAR: 'texto', VENDEDOR: 'texto',
    FECHA_ALTA: 'fecha', INACTIVO_DESDE: 'fecha', LIMITE_CREDITO: 'numero', MONEDA_EXTRANJERA: 'marca',
  },
} as const satisfies ViewSpec;

export const VENDEDORES = {
  name: 'CADENCIA_VENDEDORES',
  columns: { CODIGO: 'texto', NOMBRE: 'texto', EMAIL: 'texto' },
} as const satisfies ViewSpec;

export const PAGOS = {
  name: 'CADENCIA_PAGOS',
  columns: { CLIENTE: 'texto', FECHA_VTO: 'fecha', FECHA_PAGO: 'fecha', IMPORTE: 'numero' },
} as const satisfies ViewSpec;

export const SIN_APLICAR = {
  name: 'CADENCIA_SIN_APLICAR',
  columns: { CLIENTE: 'texto', A_CUENTA: 'numero', CHEQUES: 'numero' },
} as const satisfies ViewSpec;

export const CADENCIA_VIEWS: readonly ViewSpec[] = [CUOTAS, CLIENTES, VENDEDORES, PAGOS, SIN_APLICAR];

/** Amounts above this are data-entry errors, not money. */
export const ABSURD_AMOUNT = 1e12;

/** Dates before this are "no date" (Tango's 1800-01-01 and the like). */
export const FIRST_REAL_DATE = '1900-01-01';
