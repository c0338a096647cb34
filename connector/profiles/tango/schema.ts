/**
 * Every Tango Gestión table, column and code the profile reads, in one place.
 * Names checked against public queries written for real Tango databases.
 */

export const GVA12 = {
  /** Sales voucher headers: invoices, notes, receipts. */
  table: 'GVA12',
  type: 'T_COMP',
  number: 'N_COMP',
  customer: 'COD_CLIENT',
  issuedOn: 'FECHA_EMIS',
  amount: 'IMPORTE',
  status: 'ESTADO',
} as const;

export const GVA46 = {
  /** Due dates (installments) of each voucher. */
  table: 'GVA46',
  type: 'T_COMP',
  number: 'N_COMP',
  dueOn: 'FECHA_VTO',
  amount: 'IMPORTE_VT',
  status: 'ESTADO_VTO',
} as const;

export const GVA07 = {
  /** Applications: which receipt or note cancelled (or, a debit note, added to) which installment. */
  table: 'GVA07',
  type: 'T_COMP',
  number: 'N_COMP',
  dueOn: 'FECHA_VTO',
  appliedType: 'T_COMP_CAN',
  appliedNumber: 'N_COMP_CAN',
  appliedOn: 'F_COMP_CAN',
  amount: 'IMPORT_CAN',
} as const;

export const GVA15 = {
  /** Voucher types. */
  table: 'GVA15',
  code: 'IDENT_COMP',
  kind: 'TIPO_COMP',
} as const;

export const GVA14 = {
  /** Customers. */
  table: 'GVA14',
  code: 'COD_CLIENT',
  name: 'RAZON_SOCI',
  email: 'E_MAIL',
  phone: 'TELEFONO_1',
  mobile: 'TELEFONO_MOVIL',
  seller: 'COD_VENDED',
  createdOn: 'FECHA_ALTA',
  inactiveSince: 'FECHA_INHA',
  creditLimit: 'CUPO_CREDI',
  balance: 'SALDO_CC',
  foreignCurrencyClause: 'CLAUSULA',
} as const;

export const GVA23 = {
  /** Sellers. */
  table: 'GVA23',
  code: 'COD_VENDED',
  name: 'NOMBRE_VEN',
  email: 'E_MAIL',
} as const;

export const SBA14 = {
  /** Third-party cheques received (Tesorería). */
  table: 'SBA14',
  customer: 'CLIENTE',
  amount: 'IMPORTE_CH',
  dueOn: 'FECHA_CHEQ',
  status: 'ESTADO',
} as const;

export const CODES = {
  /** GVA12.ESTADO of a voucher with something still pending. */
  headerPending: 'PEN',
  /** GVA46.ESTADO_VTO of a paid installment. */
  installmentPaid: 'PAG',
  /** GVA12.T_COMP / GVA07.T_COMP_CAN of a receipt. */
  receipt: 'REC',
  /** GVA12.T_COMP of an invoice (credit volume for tiering). */
  invoice: 'FAC',
  /** GVA15.TIPO_COMP of a debit voucher type: its applications add to the installment. */
  debitKind: 'D',
  /** GVA15.TIPO_COMP of a credit note type: unapplied remainders count as money on account. */
  creditKind: 'C',
  /**
   * SBA14.ESTADO of a cheque held in portfolio ("en cartera"). Public queries
   * against real Tango databases select portfolio cheques with ESTADO = 'C'
   * (others exclude 'X' anulado and 'R' rechazado, and deposited cheques leave
   * the portfolio); we take only 'C'.
   */
  chequeInPortfolio: 'C',
} as const;

/** Amounts above this are data-entry errors, not money. */
export const ABSURD_AMOUNT = 1e12;

/** Dates before this are Tango's "no date" (it writes 1800-01-01). */
export const FIRST_REAL_DATE = '1900-01-01';
