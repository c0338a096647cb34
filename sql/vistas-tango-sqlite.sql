-- =============================================================================
--  cadencia — vistas CADENCIA_* sobre la base de DEMOSTRACIÓN de Tango (SQLite)
--
--  La misma correspondencia que el ejemplo de sql/vistas-plantilla.sql, escrita
--  para SQLite: la usan las pruebas y sirve para probar el perfil «vistas» con
--  la base de demostración (perfil = vistas, motor = sqlite).
--  CAST(… AS …) declara el tipo de las columnas calculadas para que
--  «cadencia doctor» pueda verificarlo.
-- =============================================================================

CREATE VIEW CADENCIA_CUOTAS AS
SELECT CAST(trim(h.COD_CLIENT) AS VARCHAR(6)) AS CLIENTE,
       CAST(trim(v.T_COMP) AS VARCHAR(3))     AS TIPO,
       CAST(trim(v.N_COMP) AS VARCHAR(14))    AS NUMERO,
       h.FECHA_EMIS                           AS FECHA_EMISION,
       v.FECHA_VTO                            AS FECHA_VTO,
       v.IMPORTE_VT                           AS IMPORTE,
       CAST(v.IMPORTE_VT + COALESCE(p.APLICADO, 0) AS DECIMAL(18,2)) AS PENDIENTE
FROM GVA46 AS v
JOIN GVA12 AS h ON trim(h.T_COMP) = trim(v.T_COMP) AND trim(h.N_COMP) = trim(v.N_COMP)
LEFT JOIN (
  SELECT trim(a.T_COMP) AS T_COMP, trim(a.N_COMP) AS N_COMP, a.FECHA_VTO,
         SUM(CASE WHEN trim(a.T_COMP_CAN) <> 'REC' AND t.TIPO_COMP = 'D' THEN a.IMPORT_CAN ELSE -a.IMPORT_CAN END) AS APLICADO
  FROM GVA07 AS a
  LEFT JOIN GVA15 AS t ON trim(t.IDENT_COMP) = trim(a.T_COMP_CAN)
  GROUP BY trim(a.T_COMP), trim(a.N_COMP), a.FECHA_VTO
) AS p ON p.T_COMP = trim(v.T_COMP) AND p.N_COMP = trim(v.N_COMP) AND p.FECHA_VTO = v.FECHA_VTO;

CREATE VIEW CADENCIA_CLIENTES AS
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
FROM GVA14 AS c;

CREATE VIEW CADENCIA_VENDEDORES AS
SELECT s.COD_VENDED AS CODIGO, s.NOMBRE_VEN AS NOMBRE, s.E_MAIL AS EMAIL
FROM GVA23 AS s;

CREATE VIEW CADENCIA_PAGOS AS
SELECT CAST(trim(h.COD_CLIENT) AS VARCHAR(6)) AS CLIENTE,
       a.FECHA_VTO  AS FECHA_VTO,
       a.F_COMP_CAN AS FECHA_PAGO,
       a.IMPORT_CAN AS IMPORTE
FROM GVA07 AS a
JOIN GVA12 AS h ON trim(h.T_COMP) = trim(a.T_COMP) AND trim(h.N_COMP) = trim(a.N_COMP)
WHERE trim(a.T_COMP_CAN) = 'REC';

CREATE VIEW CADENCIA_SIN_APLICAR AS
SELECT CAST(trim(r.COD_CLIENT) AS VARCHAR(6)) AS CLIENTE,
       CAST(r.IMPORTE - COALESCE(x.APLICADO, 0) AS DECIMAL(18,2)) AS A_CUENTA,
       CAST(0 AS DECIMAL(18,2)) AS CHEQUES
FROM GVA12 AS r
LEFT JOIN GVA15 AS t ON trim(t.IDENT_COMP) = trim(r.T_COMP)
LEFT JOIN (
  SELECT trim(a.T_COMP_CAN) AS T_COMP, trim(a.N_COMP_CAN) AS N_COMP, SUM(a.IMPORT_CAN) AS APLICADO
  FROM GVA07 AS a
  GROUP BY trim(a.T_COMP_CAN), trim(a.N_COMP_CAN)
) AS x ON x.T_COMP = trim(r.T_COMP) AND x.N_COMP = trim(r.N_COMP)
WHERE (trim(r.T_COMP) = 'REC' OR t.TIPO_COMP = 'C') AND r.IMPORTE - COALESCE(x.APLICADO, 0) > 0.005
UNION ALL
SELECT CAST(trim(q.CLIENTE) AS VARCHAR(6)), CAST(0 AS DECIMAL(18,2)), q.IMPORTE_CH
FROM SBA14 AS q
WHERE q.ESTADO = 'C';
