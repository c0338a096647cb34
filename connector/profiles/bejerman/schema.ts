/**
 * Every Bejerman table, column and code the profile reads, in one place.
 * Bejerman keeps one database per company (SBDA<código>). Names checked
 * against public integrations that query real Bejerman databases:
 * - CabVenta holds one row per installment, with its running balance in local
 *   currency (cve_SaldoMonLoc) and its original amount (cve_ImpMonLoc).
 * - TipComp is joined on code and circuit (tco_Circuito = cve_Circuito, 'V'
 *   for sales); tco_TipoFijo says what a type is: 'FC' invoice, 'ND' debit
 *   note, 'NC' credit note, 'RC' receipt.
 * - The customer's seller is cliven_Cod (Bejerman names a foreign key with the
 *   owner's prefix plus the referenced column: cli + ven_Cod).
 * Not verified against a real database, chosen and documented here:
 * cli_Telefono, cli_TelMovil, cli_FecAlta, cli_LimCred and cli_FecMod (used
 * as "inactive since" for a disabled customer), cve_ConClaus (foreign-currency
 * clause). Credits (receipts, credit notes) are read with ABS(), so either
 * sign convention of their balance works.
 */

export const CLIENTES = {
  table: 'Clientes',
  code: 'cli_Cod',
  name: 'cli_RazSoc',
  email: 'cli_EMail',
  phone: 'cli_Telefono',
  mobile: 'cli_TelMovil',
  seller: 'cliven_Cod',
  createdOn: 'cli_FecAlta',
  modifiedOn: 'cli_FecMod',
  enabled: 'cli_Habilitado',
  creditLimit: 'cli_LimCred',
} as const;

export const VENDEDOR = {
  table: 'Vendedor',
  code: 'ven_Cod',
  name: 'ven_Desc',
  email: 'ven_email',
  active: 'ven_Activo',
} as const;

export const CABVENTA = {
  /** One row per installment of a sales voucher (and one per receipt or note). */
  table: 'CabVenta',
  circuit: 'cve_Circuito',
  type: 'cvetco_Cod',
  letter: 'cve_Letra',
  pointOfSale: 'cve_CodPvt',
  number: 'cve_Nro',
  installment: 'cve_NroCuota',
  customer: 'cve_CodCli',
  issuedOn: 'cve_FEmision',
  dueOn: 'cve_FVto',
  amount: 'cve_ImpMonLoc',
  balance: 'cve_SaldoMonLoc',
  seller: 'cveven_Cod',
  voided: 'cve_Anulado',
  modifiedOn: 'cve_FecMod',
  foreignCurrencyClause: 'cve_ConClaus',
} as const;

export const TIPCOMP = {
  table: 'TipComp',
  circuit: 'tco_Circuito',
  code: 'tco_Cod',
  kind: 'tco_TipoFijo',
} as const;

export const CODES = {
  /** tco_TipoFijo of what the customer owes: invoices and debit notes. */
  debtKinds: ['FC', 'ND'],
  /** tco_TipoFijo of an invoice (credit volume for tiering). */
  invoiceKind: 'FC',
  /** tco_TipoFijo of money in the customer's favour: receipts and credit notes. */
  creditKinds: ['RC', 'NC'],
  /** cve_Anulado of a voided voucher. */
  voided: 1,
} as const;

/** Amounts above this are data-entry errors, not money. */
export const ABSURD_AMOUNT = 1e12;

/** Dates before this are not real dates. */
export const FIRST_REAL_DATE = '1900-01-01';
