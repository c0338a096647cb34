/* =============================================================================
   cadencia — consultas de lectura sobre Bejerman (SQL Server)

   Son las mismas lecturas que el servicio envía en cada ciclo (perfil
   bejerman), escritas para que un DBA las lea, las pruebe a mano o las revise.
   El servicio las envía parametrizadas (@p0, @p1, …); acá usan nombres.
   Ejecútelas en la base de la empresa (SBDA<código>).

   - Sólo SELECT, una sentencia por lectura, sin NOLOCK (READ COMMITTED; se
     recomienda READ_COMMITTED_SNAPSHOT en la base).
   - CabVenta tiene una fila por cuota con su saldo en moneda local
     (cve_SaldoMonLoc): lo pendiente es ese saldo, sin sumar aplicaciones.
   - TipComp se une por código y circuito; tco_TipoFijo dice qué es cada tipo:
     FC factura, ND nota de débito, NC nota de crédito, RC recibo.
   - Las filas anuladas (cve_Anulado = 1) no cuentan.
   - Historia de pagos (aproximación): una cuota de factura o nota de débito con
     saldo en cero cuenta como pagada por su importe original en la fecha de su
     última modificación (cve_FecMod). Los pagos parciales de cuotas todavía
     abiertas no se cuentan.
   - Los saldos de recibos y notas de crédito se leen con ABS(): sirve con
     cualquiera de las dos convenciones de signo.
   - En el comportamiento de pago y el dinero a cuenta, CabVenta se lee con
     SELECT DISTINCT: una fila repetida exacta (mismos datos en todas las
     columnas leídas) cuenta una vez. Las cuotas pendientes la leen tal cual:
     el servicio informa la cuota repetida y la cuenta una vez.
   ============================================================================= */

DECLARE @FechaCorte     DATETIME      = '20250630';
DECLARE @DiasHistoria   INT           = 365;
DECLARE @DesdeHistoria  DATETIME      = DATEADD(day, -@DiasHistoria, @FechaCorte);
DECLARE @HastaPagos     DATETIME      = DATEADD(day, 1, @FechaCorte);  -- cve_FecMod trae hora
DECLARE @DiasAtraso     INT           = 15;
DECLARE @Tolerancia     DECIMAL(18,2) = 1;
DECLARE @ImporteAbsurdo DECIMAL(18,2) = 1000000000000;
DECLARE @FechaValida    DATETIME      = '19000101';

/* 1. Vendedores ------------------------------------------------------------- */
SELECT LTRIM(RTRIM(s.ven_Cod)) AS CODIGO, s.ven_Desc AS NOMBRE, s.ven_email AS EMAIL
FROM Vendedor AS s
ORDER BY LTRIM(RTRIM(s.ven_Cod));

/* 2. Clientes (con la cláusula de moneda de sus comprobantes abiertos) -------- */
SELECT LTRIM(RTRIM(c.cli_Cod)) AS CODIGO, c.cli_RazSoc AS NOMBRE, c.cli_EMail AS EMAIL,
       c.cli_Telefono AS TELEFONO, c.cli_TelMovil AS CELULAR, LTRIM(RTRIM(c.cliven_Cod)) AS VENDEDOR,
       s.ven_Cod AS SELLER_FOUND, c.cli_FecAlta AS FECHA_ALTA, c.cli_FecMod AS FECHA_MOD,
       c.cli_Habilitado AS HABILITADO, c.cli_LimCred AS LIMITE_CREDITO, x.CLAUSULA
FROM Clientes AS c
LEFT JOIN Vendedor AS s ON LTRIM(RTRIM(s.ven_Cod)) = LTRIM(RTRIM(c.cliven_Cod))
LEFT JOIN (
  SELECT LTRIM(RTRIM(q.cve_CodCli)) AS K_CUST, MAX(CASE WHEN q.cve_ConClaus = 1 THEN 1 ELSE 0 END) AS CLAUSULA
  FROM CabVenta AS q
  WHERE q.cve_SaldoMonLoc > 0 AND (q.cve_Anulado IS NULL OR q.cve_Anulado <> 1)
  GROUP BY LTRIM(RTRIM(q.cve_CodCli))
) AS x ON x.K_CUST = LTRIM(RTRIM(c.cli_Cod))
ORDER BY LTRIM(RTRIM(c.cli_Cod));

/* 3. Cuotas pendientes (y filas con datos imposibles, para informarlas) ------- */
SELECT LTRIM(RTRIM(c.cve_CodCli)) AS CLIENTE, LTRIM(RTRIM(c.cvetco_Cod)) AS TIPO,
       LTRIM(RTRIM(c.cve_Letra)) AS LETRA, LTRIM(RTRIM(c.cve_CodPvt)) AS PUNTO_VENTA,
       LTRIM(RTRIM(c.cve_Nro)) AS NUMERO, c.cve_NroCuota AS CUOTA, c.cve_FEmision AS FECHA_EMISION,
       c.cve_FVto AS FECHA_VTO, c.cve_ImpMonLoc AS IMPORTE, c.cve_SaldoMonLoc AS SALDO
FROM CabVenta AS c
JOIN TipComp AS t ON LTRIM(RTRIM(t.tco_Cod)) = LTRIM(RTRIM(c.cvetco_Cod)) AND t.tco_Circuito = c.cve_Circuito
WHERE t.tco_TipoFijo IN ('FC', 'ND')
  AND (c.cve_Anulado IS NULL OR c.cve_Anulado <> 1)
  AND (c.cve_SaldoMonLoc > @Tolerancia OR c.cve_FVto IS NULL OR c.cve_FVto < @FechaValida
       OR c.cve_ImpMonLoc IS NULL OR c.cve_ImpMonLoc < 0 OR c.cve_ImpMonLoc > @ImporteAbsurdo
       OR c.cve_CodCli IS NULL OR LTRIM(RTRIM(c.cve_CodCli)) = '')
ORDER BY LTRIM(RTRIM(c.cve_CodCli)), c.cve_FVto, LTRIM(RTRIM(c.cvetco_Cod)), LTRIM(RTRIM(c.cve_Nro)), c.cve_NroCuota;

/* 4. Comportamiento de pago por cliente (agregado en SQL) --------------------- */
SELECT u.CUST AS CLIENTE, SUM(u.IS_PAYMENT) AS PAYMENTS, SUM(u.PAID) AS PAID,
       SUM(u.PAID * u.LATE) AS PAID_X_LATE,
       SUM(CASE WHEN u.IS_PAYMENT = 1 AND u.LATE > @DiasAtraso THEN 1 ELSE 0 END) AS LATE_COUNT,
       MAX(u.LATE) AS MAX_LATE, MAX(u.PAID_ON) AS LAST_PAID_ON, SUM(u.INVOICED) AS INVOICED
FROM (
  SELECT LTRIM(RTRIM(c.cve_CodCli)) AS CUST, 1 AS IS_PAYMENT, c.cve_ImpMonLoc AS PAID,
         CASE WHEN DATEDIFF(day, c.cve_FVto, c.cve_FecMod) > 0 THEN DATEDIFF(day, c.cve_FVto, c.cve_FecMod) ELSE 0 END AS LATE,
         c.cve_FecMod AS PAID_ON, 0 AS INVOICED
  FROM (SELECT DISTINCT LTRIM(RTRIM(cvetco_Cod)) AS cvetco_Cod, LTRIM(RTRIM(cve_Letra)) AS cve_Letra,
               LTRIM(RTRIM(cve_CodPvt)) AS cve_CodPvt, LTRIM(RTRIM(cve_Nro)) AS cve_Nro,
               LTRIM(RTRIM(cve_CodCli)) AS cve_CodCli, cve_Circuito, cve_NroCuota, cve_FEmision, cve_FVto,
               cve_ImpMonLoc, cve_SaldoMonLoc, cve_Anulado, cve_FecMod
        FROM CabVenta) AS c
  JOIN TipComp AS t ON LTRIM(RTRIM(t.tco_Cod)) = LTRIM(RTRIM(c.cvetco_Cod)) AND t.tco_Circuito = c.cve_Circuito
  WHERE t.tco_TipoFijo IN ('FC', 'ND') AND (c.cve_Anulado IS NULL OR c.cve_Anulado <> 1)
    AND c.cve_SaldoMonLoc <= @Tolerancia AND c.cve_ImpMonLoc > @Tolerancia AND c.cve_ImpMonLoc <= @ImporteAbsurdo
    AND c.cve_FecMod >= @DesdeHistoria AND c.cve_FecMod < @HastaPagos AND c.cve_FVto >= @FechaValida
  UNION ALL
  SELECT LTRIM(RTRIM(c.cve_CodCli)), 0, 0, 0, NULL, c.cve_ImpMonLoc
  FROM (SELECT DISTINCT LTRIM(RTRIM(cvetco_Cod)) AS cvetco_Cod, LTRIM(RTRIM(cve_Letra)) AS cve_Letra,
               LTRIM(RTRIM(cve_CodPvt)) AS cve_CodPvt, LTRIM(RTRIM(cve_Nro)) AS cve_Nro,
               LTRIM(RTRIM(cve_CodCli)) AS cve_CodCli, cve_Circuito, cve_NroCuota, cve_FEmision, cve_FVto,
               cve_ImpMonLoc, cve_SaldoMonLoc, cve_Anulado, cve_FecMod
        FROM CabVenta) AS c
  JOIN TipComp AS t ON LTRIM(RTRIM(t.tco_Cod)) = LTRIM(RTRIM(c.cvetco_Cod)) AND t.tco_Circuito = c.cve_Circuito
  WHERE t.tco_TipoFijo IN ('FC') AND (c.cve_Anulado IS NULL OR c.cve_Anulado <> 1)
    AND c.cve_FEmision >= @DesdeHistoria AND c.cve_FEmision <= @FechaCorte
    AND c.cve_ImpMonLoc >= 0 AND c.cve_ImpMonLoc <= @ImporteAbsurdo
) AS u
GROUP BY u.CUST
ORDER BY u.CUST;

/* 5. Dinero a cuenta: recibos y notas de crédito con saldo -------------------- */
SELECT LTRIM(RTRIM(c.cve_CodCli)) AS CLIENTE, SUM(ABS(c.cve_SaldoMonLoc)) AS ON_ACCOUNT, 0 AS CHEQUES
FROM (SELECT DISTINCT LTRIM(RTRIM(cvetco_Cod)) AS cvetco_Cod, LTRIM(RTRIM(cve_Letra)) AS cve_Letra,
             LTRIM(RTRIM(cve_CodPvt)) AS cve_CodPvt, LTRIM(RTRIM(cve_Nro)) AS cve_Nro,
             LTRIM(RTRIM(cve_CodCli)) AS cve_CodCli, cve_Circuito, cve_NroCuota, cve_FEmision, cve_FVto,
             cve_ImpMonLoc, cve_SaldoMonLoc, cve_Anulado, cve_FecMod
      FROM CabVenta) AS c
JOIN TipComp AS t ON LTRIM(RTRIM(t.tco_Cod)) = LTRIM(RTRIM(c.cvetco_Cod)) AND t.tco_Circuito = c.cve_Circuito
WHERE t.tco_TipoFijo IN ('RC', 'NC') AND (c.cve_Anulado IS NULL OR c.cve_Anulado <> 1)
  AND ABS(c.cve_SaldoMonLoc) > @Tolerancia
GROUP BY LTRIM(RTRIM(c.cve_CodCli))
ORDER BY LTRIM(RTRIM(c.cve_CodCli));
