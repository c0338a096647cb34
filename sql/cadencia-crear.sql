-- cadencia: objetos del complemento de cobranzas (tablas, índices y vistas).
-- Generado por cadencia: no lo edite a mano; regenérelo con `cadencia db sql`.
-- Perfil del ERP: tango (el de [erp] perfil en el INI).
-- Ejecútelo una vez en la base de la empresa, conectado como dbo (db_owner).
-- Es idempotente: crea solo lo que falta y actualiza las vistas, así que sirve también
-- para actualizar una instalación anterior. No modifica ninguna tabla del ERP.
-- Todos los objetos llevan el prefijo COB_. El servicio detecta las versiones
-- registradas en COB_MIGRACION y no necesita permisos para crear objetos.
--
-- COB_V_ANTIGUEDAD: antigüedad del saldo de cada cliente con saldo pendiente. Cada cuota se
-- ubica en el tramo de sus propios días de atraso; A_VENCER es lo que todavía no venció.
-- Refleja el último ciclo (FECHA) y suma lo mismo que la foto diaria de KPI_DIA de ese día.
--
-- Las vistas se vuelven a crear en cada ejecución: si dio permisos con cadencia-permisos.sql,
-- ejecútelo de nuevo después (repone el SELECT sobre las vistas).

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

IF OBJECT_ID(N'dbo.COB_MIGRACION', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_MIGRACION] ([VERSION] int, [NOMBRE] nvarchar(100) not null, [APLICADA] datetime2 not null, CONSTRAINT [PK_COB_MIGRACION] PRIMARY KEY ([VERSION]));
END
GO

IF OBJECT_ID(N'dbo.COB_CLIENTE', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_CLIENTE] ([COD_CLIENT] nvarchar(20), [NIVEL_FIJO] nvarchar(1) null, [NO_CONTACTAR] bit not null CONSTRAINT [cob_cliente_no_contactar_default] DEFAULT '0', [EN_DISPUTA] bit not null CONSTRAINT [cob_cliente_en_disputa_default] DEFAULT '0', [GESTION_JUDICIAL] bit not null CONSTRAINT [cob_cliente_gestion_judicial_default] DEFAULT '0', [OBSERVACIONES] nvarchar(500) null, [NIVEL] nvarchar(1) null, [NIVEL_DESDE] date null, [NIVEL_CANDIDATO] nvarchar(1) null, [CANDIDATO_DESDE] date null, [MODIFICADO] datetime2 null, CONSTRAINT [PK_COB_CLIENTE] PRIMARY KEY ([COD_CLIENT]));
END
GO

IF OBJECT_ID(N'dbo.COB_ALERTA', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_ALERTA] ([COD_CLIENT] nvarchar(20), [NIVEL] nvarchar(1) not null, [EPISODIO] date null, [DIAS_ATRASO] int not null, [SALDO_VENCIDO] decimal(18, 2) not null, [SALDO_PENDIENTE] decimal(18, 2) not null, [SIN_APLICAR] decimal(18, 2) not null, [ETAPA] nvarchar(20) not null, [PROXIMO_PASO] nvarchar(20) null, [FECHA_PROXIMA] date null, [ROL] nvarchar(20) null, [RESPONSABLE] nvarchar(100) null, [SUSPENDIDA_POR] nvarchar(30) null, [MENSAJE] nvarchar(400) not null, [ACTUALIZADA] datetime2 not null, CONSTRAINT [PK_COB_ALERTA] PRIMARY KEY ([COD_CLIENT]));
END
GO

IF OBJECT_ID(N'dbo.COB_TAREA', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_TAREA] ([ID] int identity(1,1) not null primary key, [CLAVE] nvarchar(80) not null, [COD_CLIENT] nvarchar(20) not null, [EPISODIO] date not null, [PASO] nvarchar(20) not null, [ESTADO] nvarchar(12) not null, [FECHA] date not null, [CANALES] nvarchar(60) not null, [PLANTILLA] nvarchar(30) not null, [ROL] nvarchar(20) not null, [RESPONSABLE] nvarchar(100) null, [RESPONSABLE_EMAIL] nvarchar(200) null, [ETAPA] nvarchar(20) not null, [NIVEL] nvarchar(1) not null, [DIAS_ATRASO] int not null, [SALDO_VENCIDO] decimal(18, 2) not null, [COMPROBANTES] nvarchar(2000) not null, [PROMESA_ID] int null, [MOTIVO_CIERRE] nvarchar(20) null, [CREADA] datetime2 not null, [CERRADA] datetime2 null);
  CREATE UNIQUE INDEX [UX_COB_TAREA_CLAVE] ON [dbo].[COB_TAREA] ([CLAVE]) WHERE [CLAVE] IS NOT NULL;
  CREATE INDEX [IX_COB_TAREA_CLIENTE] ON [dbo].[COB_TAREA] ([COD_CLIENT], [ESTADO]);
  CREATE INDEX [IX_COB_TAREA_ESTADO_FECHA] ON [dbo].[COB_TAREA] ([ESTADO], [FECHA]);
END
GO

IF OBJECT_ID(N'dbo.COB_CONTACTO', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_CONTACTO] ([ID] int identity(1,1) not null primary key, [COD_CLIENT] nvarchar(20) not null, [FECHA] date not null, [RESULTADO] nvarchar(20) not null, [FECHA_PROMESA] date null, [IMPORTE_PROMESA] decimal(18, 2) null, [TAREA_ID] int null, [USUARIO] nvarchar(100) null, [OBSERVACIONES] nvarchar(500) null, [REGISTRADO] datetime2 not null);
  CREATE INDEX [IX_COB_CONTACTO_CLIENTE] ON [dbo].[COB_CONTACTO] ([COD_CLIENT], [FECHA]);
END
GO

IF OBJECT_ID(N'dbo.COB_NIVEL_HIST', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_NIVEL_HIST] ([ID] int identity(1,1) not null primary key, [COD_CLIENT] nvarchar(20) not null, [FECHA] date not null, [NIVEL_ANTERIOR] nvarchar(1) null, [NIVEL] nvarchar(1) not null, [REGLA] nvarchar(20) not null, [MOTIVO] nvarchar(500) not null);
  CREATE INDEX [IX_COB_NIVEL_HIST_CLIENTE] ON [dbo].[COB_NIVEL_HIST] ([COD_CLIENT], [FECHA]);
END
GO

IF OBJECT_ID(N'dbo.COB_CORREO', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_CORREO] ([ID] int identity(1,1) not null primary key, [CLAVE] nvarchar(200) not null, [TIPO] nvarchar(20) not null, [FECHA] date not null, [DESTINATARIO] nvarchar(320) not null, [ASUNTO] nvarchar(300) not null, [CUERPO_HTML] nvarchar(max) not null, [CUERPO_TEXTO] nvarchar(max) not null, [MESSAGE_ID] nvarchar(300) not null, [ESTADO] nvarchar(12) not null, [INTENTOS] int not null CONSTRAINT [cob_correo_intentos_default] DEFAULT '0', [PROXIMO_INTENTO] datetime2 null, [RESPUESTA] nvarchar(1000) null, [CREADO] datetime2 not null, [ENVIADO] datetime2 null);
  CREATE UNIQUE INDEX [UX_COB_CORREO_CLAVE] ON [dbo].[COB_CORREO] ([CLAVE]) WHERE [CLAVE] IS NOT NULL;
  CREATE INDEX [IX_COB_CORREO_ESTADO] ON [dbo].[COB_CORREO] ([ESTADO], [PROXIMO_INTENTO]);
END
GO

IF OBJECT_ID(N'dbo.COB_EJECUCION', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_EJECUCION] ([ID] int identity(1,1) not null primary key, [EMPRESA] nvarchar(40) not null, [FECHA_CORTE] date not null, [INICIO] datetime2 not null, [FIN] datetime2 null, [ESTADO] nvarchar(12) not null, [CLIENTES] int not null CONSTRAINT [cob_ejecucion_clientes_default] DEFAULT '0', [CUOTAS] int not null CONSTRAINT [cob_ejecucion_cuotas_default] DEFAULT '0', [TAREAS_CREADAS] int not null CONSTRAINT [cob_ejecucion_tareas_creadas_default] DEFAULT '0', [TAREAS_OMITIDAS] int not null CONSTRAINT [cob_ejecucion_tareas_omitidas_default] DEFAULT '0', [TAREAS_CERRADAS] int not null CONSTRAINT [cob_ejecucion_tareas_cerradas_default] DEFAULT '0', [ALERTAS] int not null CONSTRAINT [cob_ejecucion_alertas_default] DEFAULT '0', [CAMBIOS_NIVEL] int not null CONSTRAINT [cob_ejecucion_cambios_nivel_default] DEFAULT '0', [CORREOS_ENCOLADOS] int not null CONSTRAINT [cob_ejecucion_correos_encolados_default] DEFAULT '0', [FILAS_OMITIDAS] int not null CONSTRAINT [cob_ejecucion_filas_omitidas_default] DEFAULT '0', [DETALLE] nvarchar(4000) null, [ERROR] nvarchar(2000) null);
END
GO

IF OBJECT_ID(N'dbo.COB_BLOQUEO', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_BLOQUEO] ([RECURSO] nvarchar(100), [DUENO] nvarchar(200) not null, [DESDE] datetime2 not null, [VENCE] datetime2 not null, CONSTRAINT [PK_COB_BLOQUEO] PRIMARY KEY ([RECURSO]));
END
GO

IF OBJECT_ID(N'dbo.COB_KPI_DIA', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_KPI_DIA] ([FECHA] date not null, [DIMENSION] nvarchar(10) not null, [VALOR] nvarchar(20) not null, [EMPRESA] nvarchar(40) not null, [SALDO_A_VENCER] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_a_vencer_default] DEFAULT '0', [SALDO_1_30] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_1_30_default] DEFAULT '0', [SALDO_31_60] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_31_60_default] DEFAULT '0', [SALDO_61_90] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_61_90_default] DEFAULT '0', [SALDO_MAS_90] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_mas_90_default] DEFAULT '0', [SALDO_TOTAL] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_total_default] DEFAULT '0', [SALDO_VENCIDO] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_saldo_vencido_default] DEFAULT '0', [FACTURADO_DIA] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_facturado_dia_default] DEFAULT '0', [FACTURADO_MES] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_facturado_mes_default] DEFAULT '0', [COBRADO_DIA] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_cobrado_dia_default] DEFAULT '0', [COBRADO_MES] decimal(18, 2) not null CONSTRAINT [cob_kpi_dia_cobrado_mes_default] DEFAULT '0', [CLIENTES] int not null CONSTRAINT [cob_kpi_dia_clientes_default] DEFAULT '0', [CLIENTES_VENCIDOS] int not null CONSTRAINT [cob_kpi_dia_clientes_vencidos_default] DEFAULT '0', [CUOTAS] int not null CONSTRAINT [cob_kpi_dia_cuotas_default] DEFAULT '0', [ACTUALIZADO] datetime2 not null, CONSTRAINT [PK_COB_KPI_DIA] PRIMARY KEY ([FECHA], [DIMENSION], [VALOR]));
END
GO

IF OBJECT_ID(N'dbo.COB_ANTIGUEDAD', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_ANTIGUEDAD] ([COD_CLIENT] nvarchar(20), [NIVEL] nvarchar(1) null, [DIAS_ATRASO] int not null, [A_VENCER] decimal(18, 2) not null, [VENCIDO_1_30] decimal(18, 2) not null, [VENCIDO_31_60] decimal(18, 2) not null, [VENCIDO_61_90] decimal(18, 2) not null, [VENCIDO_MAS_90] decimal(18, 2) not null, [SALDO_VENCIDO] decimal(18, 2) not null, [SALDO_PENDIENTE] decimal(18, 2) not null, [CUOTAS] int not null, [FECHA] date not null, [ACTUALIZADA] datetime2 not null, CONSTRAINT [PK_COB_ANTIGUEDAD] PRIMARY KEY ([COD_CLIENT]));
END
GO

IF OBJECT_ID(N'dbo.COB_USUARIO', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_USUARIO] ([EMAIL] nvarchar(320), [NOMBRE] nvarchar(100) null, [ROL] nvarchar(20) null, [CLAVE] nvarchar(200) null, [ACTIVO] bit not null CONSTRAINT [cob_usuario_activo_default] DEFAULT '1', [CREADO] datetime2 not null, [MODIFICADO] datetime2 not null, CONSTRAINT [PK_COB_USUARIO] PRIMARY KEY ([EMAIL]));
END
GO

IF OBJECT_ID(N'dbo.COB_SESION', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_SESION] ([ID] nvarchar(64), [EMAIL] nvarchar(320) not null, [CREADA] datetime2 not null, [VENCE] datetime2 not null, CONSTRAINT [PK_COB_SESION] PRIMARY KEY ([ID]));
  CREATE INDEX [IX_COB_SESION_EMAIL] ON [dbo].[COB_SESION] ([EMAIL]);
END
GO

IF OBJECT_ID(N'dbo.COB_ENLACE', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_ENLACE] ([ID] nvarchar(64), [EMAIL] nvarchar(320) not null, [CLAVE] nvarchar(100) null, [CREADO] datetime2 not null, [VENCE] datetime2 not null, [USADO] datetime2 null, CONSTRAINT [PK_COB_ENLACE] PRIMARY KEY ([ID]));
  CREATE INDEX [IX_COB_ENLACE_EMAIL] ON [dbo].[COB_ENLACE] ([EMAIL], [CLAVE]);
END
GO

IF OBJECT_ID(N'dbo.COB_CORREO_ADJUNTO', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_CORREO_ADJUNTO] ([ID] int identity(1,1) not null primary key, [CORREO_CLAVE] nvarchar(200) not null, [NOMBRE] nvarchar(200) not null, [TIPO] nvarchar(100) not null, [CONTENIDO] nvarchar(max) not null);
  CREATE INDEX [IX_COB_CORREO_ADJUNTO_CORREO] ON [dbo].[COB_CORREO_ADJUNTO] ([CORREO_CLAVE]);
END
GO

IF OBJECT_ID(N'dbo.COB_AUDITORIA', N'U') IS NULL
BEGIN
  CREATE TABLE [dbo].[COB_AUDITORIA] ([ID] int identity(1,1) not null primary key, [FECHA] datetime2 not null, [USUARIO] nvarchar(320) not null, [ACCION] nvarchar(40) not null, [COD_CLIENT] nvarchar(20) null, [TAREA_ID] int null, [ANTES] nvarchar(2000) null, [DESPUES] nvarchar(2000) null, [MOTIVO] nvarchar(500) null);
  CREATE INDEX [IX_COB_AUDITORIA_CLIENTE] ON [dbo].[COB_AUDITORIA] ([COD_CLIENT], [FECHA]);
END
GO

IF COL_LENGTH(N'dbo.COB_TAREA', N'HECHA_POR') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_TAREA] ADD [HECHA_POR] nvarchar(320) null;
END
GO

IF COL_LENGTH(N'dbo.COB_TAREA', N'POSPUESTA_HASTA') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_TAREA] ADD [POSPUESTA_HASTA] date null;
END
GO

IF COL_LENGTH(N'dbo.COB_TAREA', N'ASIGNADA_POR') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_TAREA] ADD [ASIGNADA_POR] nvarchar(320) null;
END
GO

IF COL_LENGTH(N'dbo.COB_CLIENTE', N'EMAIL_COBRANZA') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_CLIENTE] ADD [EMAIL_COBRANZA] nvarchar(320) null;
END
GO

IF COL_LENGTH(N'dbo.COB_CONTACTO', N'CANAL') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_CONTACTO] ADD [CANAL] nvarchar(20) null;
END
GO

IF COL_LENGTH(N'dbo.COB_EJECUCION', N'CORREOS_CLIENTES') IS NULL
BEGIN
  ALTER TABLE [dbo].[COB_EJECUCION] ADD [CORREOS_CLIENTES] int not null CONSTRAINT [cob_ejecucion_correos_clientes_default] DEFAULT '0';
END
GO

IF OBJECT_ID(N'dbo.COB_V_ALERTAS', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_ALERTAS;
GO

CREATE VIEW dbo.COB_V_ALERTAS AS
SELECT a.COD_CLIENT,
  c.RAZON_SOCI AS RAZON_SOCIAL,
  LTRIM(RTRIM(c.COD_VENDED)) COLLATE DATABASE_DEFAULT AS COD_VENDEDOR,
  v.NOMBRE_VEN AS NOMBRE_VENDEDOR,
  a.NIVEL, a.EPISODIO, a.DIAS_ATRASO, a.SALDO_VENCIDO, a.SALDO_PENDIENTE, a.SIN_APLICAR,
  a.ETAPA, a.PROXIMO_PASO, a.FECHA_PROXIMA, a.ROL, a.RESPONSABLE, a.SUSPENDIDA_POR,
  a.MENSAJE, a.ACTUALIZADA
FROM COB_ALERTA a
LEFT JOIN GVA14 c ON LTRIM(RTRIM(c.COD_CLIENT)) COLLATE DATABASE_DEFAULT = a.COD_CLIENT
LEFT JOIN GVA23 v ON LTRIM(RTRIM(v.COD_VENDED)) COLLATE DATABASE_DEFAULT = LTRIM(RTRIM(c.COD_VENDED)) COLLATE DATABASE_DEFAULT;
GO

IF OBJECT_ID(N'dbo.COB_V_TAREAS_HOY', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_TAREAS_HOY;
GO

CREATE VIEW dbo.COB_V_TAREAS_HOY AS
SELECT a.ID, a.RESPONSABLE, a.RESPONSABLE_EMAIL, a.ROL, a.FECHA,
  a.COD_CLIENT, c.RAZON_SOCI AS RAZON_SOCIAL,
  a.PASO, a.CANALES, a.PLANTILLA, a.ETAPA, a.NIVEL, a.DIAS_ATRASO, a.SALDO_VENCIDO,
  a.COMPROBANTES, a.EPISODIO, a.CREADA
FROM COB_TAREA a
LEFT JOIN GVA14 c ON LTRIM(RTRIM(c.COD_CLIENT)) COLLATE DATABASE_DEFAULT = a.COD_CLIENT
LEFT JOIN COB_ALERTA p ON p.COD_CLIENT = a.COD_CLIENT
WHERE a.ESTADO = 'pendiente' AND a.FECHA <= CAST(GETDATE() AS date)
  AND (p.SUSPENDIDA_POR IS NULL OR p.SUSPENDIDA_POR NOT IN ('promesa_vigente', 'tope_contactos'));
GO

IF OBJECT_ID(N'dbo.COB_V_ANTIGUEDAD', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_ANTIGUEDAD;
GO

CREATE VIEW dbo.COB_V_ANTIGUEDAD AS
SELECT g.COD_CLIENT, c.RAZON_SOCI AS RAZON_SOCIAL, g.NIVEL, g.DIAS_ATRASO,
  g.A_VENCER, g.VENCIDO_1_30, g.VENCIDO_31_60, g.VENCIDO_61_90, g.VENCIDO_MAS_90,
  g.SALDO_VENCIDO, g.SALDO_PENDIENTE, g.CUOTAS, g.FECHA, g.ACTUALIZADA
FROM COB_ANTIGUEDAD g
LEFT JOIN GVA14 c ON LTRIM(RTRIM(c.COD_CLIENT)) COLLATE DATABASE_DEFAULT = g.COD_CLIENT;
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_DIARIO', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_DIARIO;
GO

CREATE VIEW dbo.COB_V_KPI_DIARIO AS
SELECT k.FECHA, k.EMPRESA,
  k.SALDO_A_VENCER, k.SALDO_1_30, k.SALDO_31_60, k.SALDO_61_90, k.SALDO_MAS_90, k.SALDO_TOTAL, k.SALDO_VENCIDO,
  CASE WHEN k.SALDO_TOTAL > 0 THEN k.SALDO_VENCIDO * 100.0 / k.SALDO_TOTAL ELSE 0 END AS PORC_VENCIDO,
  k.FACTURADO_DIA, k.FACTURADO_MES, k.COBRADO_DIA, k.COBRADO_MES, k.CLIENTES, k.CLIENTES_VENCIDOS, k.CUOTAS, k.ACTUALIZADO
FROM COB_KPI_DIA k
WHERE k.DIMENSION = 'total';
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_VENDEDOR', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_VENDEDOR;
GO

CREATE VIEW dbo.COB_V_KPI_VENDEDOR AS
SELECT k.FECHA, k.EMPRESA, k.VALOR AS COD_VENDEDOR, v.NOMBRE_VEN AS NOMBRE_VENDEDOR,
  k.SALDO_A_VENCER, k.SALDO_1_30, k.SALDO_31_60, k.SALDO_61_90, k.SALDO_MAS_90, k.SALDO_TOTAL, k.SALDO_VENCIDO,
  CASE WHEN k.SALDO_TOTAL > 0 THEN k.SALDO_VENCIDO * 100.0 / k.SALDO_TOTAL ELSE 0 END AS PORC_VENCIDO,
  k.FACTURADO_DIA, k.FACTURADO_MES, k.COBRADO_DIA, k.COBRADO_MES, k.CLIENTES, k.CLIENTES_VENCIDOS, k.CUOTAS, k.ACTUALIZADO
FROM COB_KPI_DIA k
LEFT JOIN GVA23 v ON LTRIM(RTRIM(v.COD_VENDED)) COLLATE DATABASE_DEFAULT = k.VALOR
WHERE k.DIMENSION = 'vendedor';
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_NIVEL', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_NIVEL;
GO

CREATE VIEW dbo.COB_V_KPI_NIVEL AS
SELECT k.FECHA, k.EMPRESA, k.VALOR AS NIVEL,
  k.SALDO_A_VENCER, k.SALDO_1_30, k.SALDO_31_60, k.SALDO_61_90, k.SALDO_MAS_90, k.SALDO_TOTAL, k.SALDO_VENCIDO,
  CASE WHEN k.SALDO_TOTAL > 0 THEN k.SALDO_VENCIDO * 100.0 / k.SALDO_TOTAL ELSE 0 END AS PORC_VENCIDO,
  k.FACTURADO_DIA, k.FACTURADO_MES, k.COBRADO_DIA, k.COBRADO_MES, k.CLIENTES, k.CLIENTES_VENCIDOS, k.CUOTAS, k.ACTUALIZADO
FROM COB_KPI_DIA k
WHERE k.DIMENSION = 'nivel';
GO

IF NOT EXISTS (SELECT 1 FROM dbo.COB_MIGRACION WHERE VERSION = 1)
  INSERT INTO dbo.COB_MIGRACION (VERSION, NOMBRE, APLICADA) VALUES (1, N'Tablas del complemento', SYSDATETIME());
GO

IF NOT EXISTS (SELECT 1 FROM dbo.COB_MIGRACION WHERE VERSION = 2)
  INSERT INTO dbo.COB_MIGRACION (VERSION, NOMBRE, APLICADA) VALUES (2, N'Vistas para el ERP', SYSDATETIME());
GO

IF NOT EXISTS (SELECT 1 FROM dbo.COB_MIGRACION WHERE VERSION = 3)
  INSERT INTO dbo.COB_MIGRACION (VERSION, NOMBRE, APLICADA) VALUES (3, N'Indicadores diarios de cobranza', SYSDATETIME());
GO

IF NOT EXISTS (SELECT 1 FROM dbo.COB_MIGRACION WHERE VERSION = 4)
  INSERT INTO dbo.COB_MIGRACION (VERSION, NOMBRE, APLICADA) VALUES (4, N'Antigüedad por cuota', SYSDATETIME());
GO

IF NOT EXISTS (SELECT 1 FROM dbo.COB_MIGRACION WHERE VERSION = 5)
  INSERT INTO dbo.COB_MIGRACION (VERSION, NOMBRE, APLICADA) VALUES (5, N'Lista de trabajo en el navegador', SYSDATETIME());
GO
