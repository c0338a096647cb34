/**
 * Bejerman-shaped tables for the demo ERP (SQLite), with Bejerman's column
 * names, plus the generator's ground truth (DEMO_*). Indexes are created after
 * loading, on trimmed keys as the profile compares them.
 */

export const TABLES_DDL = [
  `CREATE TABLE Vendedor (
    ven_Cod VARCHAR(4) NOT NULL, ven_Desc VARCHAR(30), ven_email VARCHAR(100), ven_Activo INTEGER NOT NULL DEFAULT 1)`,
  `CREATE TABLE Clientes (
    cli_Cod VARCHAR(6) NOT NULL, cli_RazSoc VARCHAR(60), cli_CUIT VARCHAR(13), cli_EMail VARCHAR(255),
    cli_Telefono VARCHAR(30), cli_TelMovil VARCHAR(30), cliven_Cod VARCHAR(4), cli_FecAlta DATETIME,
    cli_FecMod DATETIME, cli_Habilitado INTEGER NOT NULL DEFAULT 1, cli_LimCred DECIMAL(18,2))`,
  `CREATE TABLE TipComp (
    tco_Circuito VARCHAR(1) NOT NULL, tco_Cod VARCHAR(3) NOT NULL, tco_Desc VARCHAR(30), tco_TipoFijo VARCHAR(2) NOT NULL)`,
  `CREATE TABLE CabVenta (
    cve_ID INTEGER PRIMARY KEY, cve_Circuito VARCHAR(1) NOT NULL, cvetco_Cod VARCHAR(3) NOT NULL, cve_Letra VARCHAR(1),
    cve_CodPvt VARCHAR(4), cve_Nro VARCHAR(8), cve_NroCuota INTEGER, cve_CodCli VARCHAR(6), cve_FEmision DATETIME,
    cve_FVto DATETIME, cve_ImpMonLoc DECIMAL(18,2), cve_SaldoMonLoc DECIMAL(18,2), cveven_Cod VARCHAR(4),
    cve_Anulado INTEGER NOT NULL DEFAULT 0, cve_FecMod DATETIME, cve_ConClaus INTEGER NOT NULL DEFAULT 0)`,
  // Ground truth of the generator (trimmed keys, ISO dates). NUMERO as the profile shows it.
  `CREATE TABLE DEMO_VERDAD (
    TIPO VARCHAR(3) NOT NULL, NUMERO VARCHAR(14) NOT NULL, FECHA_VTO VARCHAR(10) NOT NULL,
    COD_CLIENTE VARCHAR(6) NOT NULL, IMPORTE DECIMAL(18,2) NOT NULL, PENDIENTE DECIMAL(18,2) NOT NULL,
    FECHA_EMISION VARCHAR(10) NOT NULL, FECHA_PAGO VARCHAR(10))`,
  `CREATE TABLE DEMO_CLIENTE (
    COD_CLIENTE VARCHAR(6) NOT NULL PRIMARY KEY, PERFIL VARCHAR(20) NOT NULL, A_CUENTA DECIMAL(18,2) NOT NULL DEFAULT 0)`,
  `CREATE TABLE DEMO_FILA_MALA (TABLA VARCHAR(10) NOT NULL, CLAVE VARCHAR(60) NOT NULL, PROBLEMA VARCHAR(40) NOT NULL)`,
  `CREATE TABLE DEMO_INFO (CLAVE VARCHAR(20) NOT NULL PRIMARY KEY, VALOR VARCHAR(40) NOT NULL)`,
];

export const INDEXES_DDL = [
  'CREATE INDEX IX_CabVenta_CLI ON CabVenta (trim(cve_CodCli), cve_FVto)',
  'CREATE INDEX IX_CabVenta_TCO ON CabVenta (trim(cvetco_Cod), cve_Circuito)',
  'CREATE INDEX IX_Clientes_COD ON Clientes (trim(cli_Cod))',
  'CREATE INDEX IX_DEMO_VERDAD ON DEMO_VERDAD (TIPO, NUMERO, FECHA_VTO)',
];

/**
 * Voucher types (TipComp): the sales circuit 'V', plus a purchase-circuit type
 * with a sales code, which a join that ignored the circuit would duplicate.
 */
export const VOUCHER_TYPES = [
  ['V', 'FC', 'FACTURA', 'FC'],
  ['V', 'ND', 'NOTA DE DEBITO', 'ND'],
  ['V', 'NC', 'NOTA DE CREDITO', 'NC'],
  ['V', 'RC', 'RECIBO', 'RC'],
  ['C', 'FC', 'FACTURA PROVEEDOR', 'FC'],
] as const;
