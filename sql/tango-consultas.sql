/* =============================================================================
   cadencia — consultas de lectura sobre Tango Gestión (SQL Server)

   Son las mismas lecturas que el servicio envía en cada ciclo (perfil Tango),
   escritas para que un DBA las lea, las pruebe a mano o las revise.
   El servicio las envía parametrizadas (@p0, @p1, …); acá usan nombres.

   - Sólo SELECT, una sentencia por lectura, sin NOLOCK: corren con el nivel de
     aislamiento por defecto (READ COMMITTED) y el servicio consume las filas a
     medida que llegan. Se recomienda activar READ_COMMITTED_SNAPSHOT en la base
     para que las lecturas no tomen bloqueos compartidos sobre las tablas del ERP.
   - Las claves de Tango son de ancho fijo y a veces vienen con espacios:
     se comparan con LTRIM(RTRIM(…)).
   - 1800-01-01 es la "fecha vacía" de Tango.
   - Las aplicaciones (GVA07) se suman una vez por cuota en una tabla derivada
     agrupada y se unen con LEFT JOIN: nunca una subconsulta por fila.
   - En el comportamiento de pago y el dinero sin aplicar, GVA12 se lee con
     SELECT DISTINCT: una cabecera repetida exacta (mismos datos en todas las
     columnas leídas) cuenta una vez. Las cuotas pendientes la leen tal cual:
     el servicio informa la cuota repetida y la cuenta una vez.
   ============================================================================= */

DECLARE @FechaCorte      DATETIME      = '20250630';  -- día que planifica el ciclo
DECLARE @DiasHistoria    INT           = 365;         -- ventana de comportamiento de pago
DECLARE @DesdeHistoria   DATETIME      = DATEADD(day, -@DiasHistoria, @FechaCorte);
DECLARE @DiasAtraso      INT           = 15;          -- un pago con más atraso cuenta como "tarde"
DECLARE @Tolerancia      DECIMAL(18,2) = 1;           -- saldo igual o menor se considera pagado
DECLARE @ImporteAbsurdo  DECIMAL(18,2) = 1000000000000;
DECLARE @FechaValida     DATETIME      = '19000101';  -- antes de esto es "sin fecha"

/* 1. Vendedores ------------------------------------------------------------- */
SELECT LTRIM(RTRIM(s.COD_VENDED)) AS COD_VENDED, s.NOMBRE_VEN, s.E_MAIL
FROM GVA23 AS s
ORDER BY LTRIM(RTRIM(s.COD_VENDED));

/* 2. Clientes con datos de contacto y vendedor.
      SELLER_FOUND nulo = el código de vendedor del cliente no existe en GVA23. */
SELECT LTRIM(RTRIM(c.COD_CLIENT)) AS COD_CLIENT, c.RAZON_SOCI, c.E_MAIL, c.TELEFONO_1, c.TELEFONO_MOVIL,
       LTRIM(RTRIM(c.COD_VENDED)) AS COD_VENDED, s.COD_VENDED AS SELLER_FOUND,
       c.FECHA_ALTA, c.FECHA_INHA, c.CUPO_CREDI, c.SALDO_CC, c.CLAUSULA
FROM GVA14 AS c
LEFT JOIN GVA23 AS s ON LTRIM(RTRIM(s.COD_VENDED)) = LTRIM(RTRIM(c.COD_VENDED))
ORDER BY LTRIM(RTRIM(c.COD_CLIENT));

/* 3. Cuotas pendientes con su saldo.
      Saldo = IMPORTE_VT + suma con signo de sus aplicaciones:
        recibo (REC) resta; tipo con GVA15.TIPO_COMP = 'D' (débito) suma; otra nota resta.
      Se filtra el encabezado (ESTADO = 'PEN') y la cuota (ESTADO_VTO <> 'PAG'), porque
      Tango a veces deja el encabezado 'PEN' con todas sus cuotas pagas.
      También salen las filas dañadas (sin vencimiento, importe negativo o absurdo,
      sin cliente) para que el servicio las informe y las omita. */
SELECT LTRIM(RTRIM(h.COD_CLIENT)) AS COD_CLIENT,
       LTRIM(RTRIM(v.T_COMP))     AS T_COMP,
       LTRIM(RTRIM(v.N_COMP))     AS N_COMP,
       h.FECHA_EMIS, v.FECHA_VTO, v.IMPORTE_VT,
       v.IMPORTE_VT + COALESCE(p.APPLIED, 0) AS PENDIENTE
FROM GVA46 AS v
INNER JOIN GVA12 AS h
        ON LTRIM(RTRIM(h.T_COMP)) = LTRIM(RTRIM(v.T_COMP))
       AND LTRIM(RTRIM(h.N_COMP)) = LTRIM(RTRIM(v.N_COMP))
LEFT JOIN (
        SELECT LTRIM(RTRIM(a.T_COMP)) AS K_TYPE, LTRIM(RTRIM(a.N_COMP)) AS K_NUMBER, a.FECHA_VTO AS K_DUE,
               SUM(CASE WHEN LTRIM(RTRIM(a.T_COMP_CAN)) <> 'REC' AND t.TIPO_COMP = 'D'
                        THEN a.IMPORT_CAN ELSE -a.IMPORT_CAN END) AS APPLIED
        FROM GVA07 AS a
        LEFT JOIN GVA15 AS t ON LTRIM(RTRIM(t.IDENT_COMP)) = LTRIM(RTRIM(a.T_COMP_CAN))
        GROUP BY LTRIM(RTRIM(a.T_COMP)), LTRIM(RTRIM(a.N_COMP)), a.FECHA_VTO
     ) AS p
       ON p.K_TYPE = LTRIM(RTRIM(v.T_COMP))
      AND p.K_NUMBER = LTRIM(RTRIM(v.N_COMP))
      AND p.K_DUE = v.FECHA_VTO
WHERE h.ESTADO = 'PEN'
  AND (v.ESTADO_VTO IS NULL OR v.ESTADO_VTO <> 'PAG')
  AND (   v.IMPORTE_VT + COALESCE(p.APPLIED, 0) > @Tolerancia
       OR v.FECHA_VTO IS NULL OR v.FECHA_VTO < @FechaValida
       OR v.IMPORTE_VT IS NULL OR v.IMPORTE_VT < 0 OR v.IMPORTE_VT > @ImporteAbsurdo
       OR h.COD_CLIENT IS NULL OR LTRIM(RTRIM(h.COD_CLIENT)) = '')
ORDER BY LTRIM(RTRIM(h.COD_CLIENT)), v.FECHA_VTO, LTRIM(RTRIM(v.T_COMP)), LTRIM(RTRIM(v.N_COMP));

/* 4. Comportamiento de pago por cliente en la ventana (@DesdeHistoria … @FechaCorte).
      Días de atraso = máx(0, fecha del recibo − vencimiento), ponderados por importe.
      Facturado = FAC emitidas en la ventana. */
SELECT u.CUST AS COD_CLIENT,
       SUM(u.IS_PAYMENT) AS PAYMENTS,
       SUM(u.PAID) AS PAID,
       SUM(u.PAID * u.LATE) AS PAID_X_LATE,          -- ÷ PAID = atraso promedio ponderado
       SUM(CASE WHEN u.IS_PAYMENT = 1 AND u.LATE > @DiasAtraso THEN 1 ELSE 0 END) AS LATE_COUNT,
       MAX(u.LATE) AS MAX_LATE,
       MAX(u.PAID_ON) AS LAST_PAID_ON,
       SUM(u.INVOICED) AS INVOICED
FROM (
    SELECT LTRIM(RTRIM(h.COD_CLIENT)) AS CUST, 1 AS IS_PAYMENT, a.IMPORT_CAN AS PAID,
           CASE WHEN DATEDIFF(day, a.FECHA_VTO, a.F_COMP_CAN) > 0
                THEN DATEDIFF(day, a.FECHA_VTO, a.F_COMP_CAN) ELSE 0 END AS LATE,
           a.F_COMP_CAN AS PAID_ON, 0 AS INVOICED
    FROM GVA07 AS a
    INNER JOIN (SELECT DISTINCT LTRIM(RTRIM(T_COMP)) AS T_COMP, LTRIM(RTRIM(N_COMP)) AS N_COMP,
                       LTRIM(RTRIM(COD_CLIENT)) AS COD_CLIENT, FECHA_EMIS, IMPORTE, ESTADO
                FROM GVA12) AS h
            ON LTRIM(RTRIM(h.T_COMP)) = LTRIM(RTRIM(a.T_COMP))
           AND LTRIM(RTRIM(h.N_COMP)) = LTRIM(RTRIM(a.N_COMP))
    WHERE LTRIM(RTRIM(a.T_COMP_CAN)) = 'REC'
      AND a.F_COMP_CAN >= @DesdeHistoria AND a.F_COMP_CAN <= @FechaCorte
      AND a.FECHA_VTO >= @FechaValida
    UNION ALL
    SELECT LTRIM(RTRIM(f.COD_CLIENT)), 0, 0, 0, NULL, f.IMPORTE
    FROM (SELECT DISTINCT LTRIM(RTRIM(T_COMP)) AS T_COMP, LTRIM(RTRIM(N_COMP)) AS N_COMP,
                 LTRIM(RTRIM(COD_CLIENT)) AS COD_CLIENT, FECHA_EMIS, IMPORTE, ESTADO
          FROM GVA12) AS f
    WHERE LTRIM(RTRIM(f.T_COMP)) = 'FAC'
      AND f.FECHA_EMIS >= @DesdeHistoria AND f.FECHA_EMIS <= @FechaCorte
      AND f.IMPORTE >= 0 AND f.IMPORTE <= @ImporteAbsurdo
) AS u
GROUP BY u.CUST
ORDER BY u.CUST;

/* 5. Dinero del cliente todavía sin aplicar:
      recibos (y notas de crédito) cuyo importe supera lo que aplicaron en GVA07,
      y cheques de terceros en cartera (SBA14.ESTADO = 'C'). */
SELECT u.CUST AS COD_CLIENT, SUM(u.ON_ACCOUNT) AS ON_ACCOUNT, SUM(u.CHEQUES) AS CHEQUES
FROM (
    SELECT LTRIM(RTRIM(r.COD_CLIENT)) AS CUST, r.IMPORTE - COALESCE(x.APPLIED, 0) AS ON_ACCOUNT, 0 AS CHEQUES
    FROM (SELECT DISTINCT LTRIM(RTRIM(T_COMP)) AS T_COMP, LTRIM(RTRIM(N_COMP)) AS N_COMP,
                 LTRIM(RTRIM(COD_CLIENT)) AS COD_CLIENT, FECHA_EMIS, IMPORTE, ESTADO
          FROM GVA12) AS r
    LEFT JOIN GVA15 AS t ON LTRIM(RTRIM(t.IDENT_COMP)) = LTRIM(RTRIM(r.T_COMP))
    LEFT JOIN (
            SELECT LTRIM(RTRIM(a.T_COMP_CAN)) AS K_TYPE, LTRIM(RTRIM(a.N_COMP_CAN)) AS K_NUMBER,
                   SUM(a.IMPORT_CAN) AS APPLIED
            FROM GVA07 AS a
            GROUP BY LTRIM(RTRIM(a.T_COMP_CAN)), LTRIM(RTRIM(a.N_COMP_CAN))
         ) AS x
           ON x.K_TYPE = LTRIM(RTRIM(r.T_COMP))
          AND x.K_NUMBER = LTRIM(RTRIM(r.N_COMP))
    WHERE (LTRIM(RTRIM(r.T_COMP)) = 'REC' OR t.TIPO_COMP = 'C')
      AND r.IMPORTE - COALESCE(x.APPLIED, 0) > @Tolerancia
    UNION ALL
    SELECT LTRIM(RTRIM(q.CLIENTE)), 0, q.IMPORTE_CH
    FROM SBA14 AS q
    WHERE q.ESTADO = 'C'
) AS u
GROUP BY u.CUST
ORDER BY u.CUST;
