/* =============================================================================
   cadencia — plantilla de vistas para el perfil «vistas» (cualquier ERP)

   Con «perfil = vistas» en [erp], cadencia no lee tablas del ERP: lee cinco
   vistas con nombres y columnas fijos, que el instalador escribe sobre las
   tablas de SU sistema. Esta plantilla trae, como ejemplo concreto, la
   correspondencia con Tango Gestión (GVA12, GVA46, GVA07, GVA14, GVA15, GVA23,
   SBA14): reemplace las tablas y columnas por las de su ERP y conserve los
   nombres de vistas y columnas (el orden de las columnas no importa).

   Verifique el resultado con «cadencia doctor»: revisa que cada vista exista
   con sus columnas y tipos compatibles (texto, fecha, número, marca sí/no).

   Reglas para adaptar:
   - Códigos (cliente, vendedor) como texto; se comparan sin espacios
     adelante ni atrás, no hace falta recortarlos en la vista.
   - Fechas como date/datetime; una fecha anterior a 1900 se toma como
     "sin fecha" (p. ej. el 1800-01-01 de Tango).
   - Importes en moneda local, decimal(18,2).
   - Cada vista se borra y se vuelve a crear (DROP VIEW + CREATE VIEW, que
     SQL Server 2014 admite; CREATE OR ALTER llegó en 2016): vuelva a dar el
     permiso SELECT después, o ejecute «cadencia db sql --tipo permisos».
   - Sólo SELECT; nada de NOLOCK. El usuario de cadencia necesita SELECT sobre
     estas vistas (y no sobre las tablas del ERP, si las vistas son del mismo
     dueño: encadenamiento de propiedad).
   ============================================================================= */

/* 1. CADENCIA_CUOTAS -----------------------------------------------------------
   Una fila por cuota (vencimiento) de factura o nota de débito.
   CLIENTE        texto    código del cliente
   TIPO           texto    tipo de comprobante (FAC, N/D…)
   NUMERO         texto    número de comprobante
   FECHA_EMISION  fecha    emisión del comprobante
   FECHA_VTO      fecha    vencimiento de la cuota
   IMPORTE        número   importe original de la cuota
   PENDIENTE      número   lo que todavía se debe de la cuota (0 o menos = pagada)
   Conviene incluir también las cuotas pagadas del último año (con PENDIENTE
   0): sus importes miden el volumen facturado para calcular el nivel. */
IF OBJECT_ID(N'dbo.CADENCIA_CUOTAS', N'V') IS NOT NULL DROP VIEW dbo.CADENCIA_CUOTAS;
GO
CREATE VIEW dbo.CADENCIA_CUOTAS AS
SELECT LTRIM(RTRIM(h.COD_CLIENT))             AS CLIENTE,
       LTRIM(RTRIM(v.T_COMP))                 AS TIPO,
       LTRIM(RTRIM(v.N_COMP))                 AS NUMERO,
       h.FECHA_EMIS                           AS FECHA_EMISION,
       v.FECHA_VTO                            AS FECHA_VTO,
       v.IMPORTE_VT                           AS IMPORTE,
       CAST(v.IMPORTE_VT + COALESCE(p.APLICADO, 0) AS DECIMAL(18,2)) AS PENDIENTE
FROM dbo.GVA46 AS v
JOIN dbo.GVA12 AS h ON LTRIM(RTRIM(h.T_COMP)) = LTRIM(RTRIM(v.T_COMP)) AND LTRIM(RTRIM(h.N_COMP)) = LTRIM(RTRIM(v.N_COMP))
LEFT JOIN (
  -- Aplicaciones por cuota: un recibo o nota de crédito resta, una nota de débito suma.
  SELECT LTRIM(RTRIM(a.T_COMP)) AS T_COMP, LTRIM(RTRIM(a.N_COMP)) AS N_COMP, a.FECHA_VTO,
         SUM(CASE WHEN LTRIM(RTRIM(a.T_COMP_CAN)) <> 'REC' AND t.TIPO_COMP = 'D' THEN a.IMPORT_CAN ELSE -a.IMPORT_CAN END) AS APLICADO
  FROM dbo.GVA07 AS a
  LEFT JOIN dbo.GVA15 AS t ON LTRIM(RTRIM(t.IDENT_COMP)) = LTRIM(RTRIM(a.T_COMP_CAN))
  GROUP BY LTRIM(RTRIM(a.T_COMP)), LTRIM(RTRIM(a.N_COMP)), a.FECHA_VTO
) AS p ON p.T_COMP = LTRIM(RTRIM(v.T_COMP)) AND p.N_COMP = LTRIM(RTRIM(v.N_COMP)) AND p.FECHA_VTO = v.FECHA_VTO
-- En bases grandes, limite la historia: sólo lo pendiente y lo emitido en los últimos 400 días.
WHERE (h.ESTADO = 'PEN' AND (v.ESTADO_VTO IS NULL OR v.ESTADO_VTO <> 'PAG'))
   OR h.FECHA_EMIS >= DATEADD(day, -400, CAST(GETDATE() AS date));
GO

/* 2. CADENCIA_CLIENTES ---------------------------------------------------------
   CODIGO             texto    código del cliente
   NOMBRE             texto    razón social
   EMAIL              texto    correo (puede traer varios separados por «;»)
   TELEFONO           texto
   CELULAR            texto
   VENDEDOR           texto    código del vendedor (el de CADENCIA_VENDEDORES)
   FECHA_ALTA         fecha    inicio de la relación
   INACTIVO_DESDE     fecha    NULL (o anterior a 1900) si el cliente está activo
   LIMITE_CREDITO     número   0 o NULL si no tiene
   MONEDA_EXTRANJERA  marca    1/S si sus importes se ajustan por moneda extranjera */
IF OBJECT_ID(N'dbo.CADENCIA_CLIENTES', N'V') IS NOT NULL DROP VIEW dbo.CADENCIA_CLIENTES;
GO
CREATE VIEW dbo.CADENCIA_CLIENTES AS
SELECT c.COD_CLIENT     AS CODIGO,
       c.RAZON_SOCI     AS NOMBRE,
       c.E_MAIL         AS EMAIL,
       c.TELEFONO_1     AS TELEFONO,
       c.TELEFONO_MOVIL AS CELULAR,
       c.COD_VENDED     AS VENDEDOR,
       c.FECHA_ALTA     AS FECHA_ALTA,
       c.FECHA_INHA     AS INACTIVO_DESDE,
       c.CUPO_CREDI     AS LIMITE_CREDITO,
       c.CLAUSULA       AS MONEDA_EXTRANJERA
FROM dbo.GVA14 AS c;
GO

/* 3. CADENCIA_VENDEDORES -------------------------------------------------------
   CODIGO  texto   NOMBRE  texto   EMAIL  texto (suele estar vacío: el INI asigna
   las personas por código de vendedor) */
IF OBJECT_ID(N'dbo.CADENCIA_VENDEDORES', N'V') IS NOT NULL DROP VIEW dbo.CADENCIA_VENDEDORES;
GO
CREATE VIEW dbo.CADENCIA_VENDEDORES AS
SELECT s.COD_VENDED AS CODIGO, s.NOMBRE_VEN AS NOMBRE, s.E_MAIL AS EMAIL
FROM dbo.GVA23 AS s;
GO

/* 4. CADENCIA_PAGOS -------------------------------------------------------------
   Historia de pagos: una fila por pago (o parte de pago) aplicado a una cuota.
   CLIENTE     texto    código del cliente
   FECHA_VTO   fecha    vencimiento de la cuota pagada
   FECHA_PAGO  fecha    fecha del recibo
   IMPORTE     número   importe aplicado a esa cuota
   cadencia filtra el período y agrega (atraso promedio, pagos tarde) en SQL. */
IF OBJECT_ID(N'dbo.CADENCIA_PAGOS', N'V') IS NOT NULL DROP VIEW dbo.CADENCIA_PAGOS;
GO
CREATE VIEW dbo.CADENCIA_PAGOS AS
SELECT LTRIM(RTRIM(h.COD_CLIENT)) AS CLIENTE,
       a.FECHA_VTO  AS FECHA_VTO,
       a.F_COMP_CAN AS FECHA_PAGO,
       a.IMPORT_CAN AS IMPORTE
FROM dbo.GVA07 AS a
JOIN dbo.GVA12 AS h ON LTRIM(RTRIM(h.T_COMP)) = LTRIM(RTRIM(a.T_COMP)) AND LTRIM(RTRIM(h.N_COMP)) = LTRIM(RTRIM(a.N_COMP))
WHERE LTRIM(RTRIM(a.T_COMP_CAN)) = 'REC';
GO

/* 5. CADENCIA_SIN_APLICAR -------------------------------------------------------
   Dinero que el cliente ya entregó y todavía no se aplicó a cuotas; puede haber
   varias filas por cliente (cadencia las suma).
   CLIENTE   texto    código del cliente
   A_CUENTA  número   recibos y notas de crédito a cuenta (saldo sin aplicar)
   CHEQUES   número   cheques recibidos que siguen en cartera */
IF OBJECT_ID(N'dbo.CADENCIA_SIN_APLICAR', N'V') IS NOT NULL DROP VIEW dbo.CADENCIA_SIN_APLICAR;
GO
CREATE VIEW dbo.CADENCIA_SIN_APLICAR AS
SELECT LTRIM(RTRIM(r.COD_CLIENT)) AS CLIENTE,
       CAST(r.IMPORTE - COALESCE(x.APLICADO, 0) AS DECIMAL(18,2)) AS A_CUENTA,
       CAST(0 AS DECIMAL(18,2)) AS CHEQUES
FROM dbo.GVA12 AS r
LEFT JOIN dbo.GVA15 AS t ON LTRIM(RTRIM(t.IDENT_COMP)) = LTRIM(RTRIM(r.T_COMP))
LEFT JOIN (
  SELECT LTRIM(RTRIM(a.T_COMP_CAN)) AS T_COMP, LTRIM(RTRIM(a.N_COMP_CAN)) AS N_COMP, SUM(a.IMPORT_CAN) AS APLICADO
  FROM dbo.GVA07 AS a
  GROUP BY LTRIM(RTRIM(a.T_COMP_CAN)), LTRIM(RTRIM(a.N_COMP_CAN))
) AS x ON x.T_COMP = LTRIM(RTRIM(r.T_COMP)) AND x.N_COMP = LTRIM(RTRIM(r.N_COMP))
WHERE (LTRIM(RTRIM(r.T_COMP)) = 'REC' OR t.TIPO_COMP = 'C') AND r.IMPORTE - COALESCE(x.APLICADO, 0) > 0.005
UNION ALL
SELECT LTRIM(RTRIM(q.CLIENTE)), CAST(0 AS DECIMAL(18,2)), q.IMPORTE_CH
FROM dbo.SBA14 AS q
WHERE q.ESTADO = 'C';   -- cheque en cartera
GO

/* Permisos para el usuario del servicio (ajuste el nombre):
GRANT SELECT ON dbo.CADENCIA_CUOTAS      TO cadencia;
GRANT SELECT ON dbo.CADENCIA_CLIENTES    TO cadencia;
GRANT SELECT ON dbo.CADENCIA_VENDEDORES  TO cadencia;
GRANT SELECT ON dbo.CADENCIA_PAGOS       TO cadencia;
GRANT SELECT ON dbo.CADENCIA_SIN_APLICAR TO cadencia;
*/
