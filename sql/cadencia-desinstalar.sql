-- cadencia: desinstalación de los objetos del complemento.
-- Generado por cadencia: no lo edite a mano; regenérelo con `cadencia db sql`.
-- Borra SOLO las vistas y tablas de cadencia (prefijo COB_), con sus datos:
-- tareas, contactos registrados, historial de niveles y correos. Haga una copia antes.
-- Las tablas del ERP no se tocan. El usuario y el inicio de sesión del servicio, si los
-- creó con cadencia-permisos.sql, se borran a mano (DROP USER / DROP LOGIN).

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_NIVEL', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_NIVEL;
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_VENDEDOR', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_VENDEDOR;
GO

IF OBJECT_ID(N'dbo.COB_V_KPI_DIARIO', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_KPI_DIARIO;
GO

IF OBJECT_ID(N'dbo.COB_V_ANTIGUEDAD', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_ANTIGUEDAD;
GO

IF OBJECT_ID(N'dbo.COB_V_TAREAS_HOY', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_TAREAS_HOY;
GO

IF OBJECT_ID(N'dbo.COB_V_ALERTAS', N'V') IS NOT NULL
  DROP VIEW dbo.COB_V_ALERTAS;
GO

IF OBJECT_ID(N'dbo.COB_ANTIGUEDAD', N'U') IS NOT NULL
  DROP TABLE dbo.COB_ANTIGUEDAD;
GO

IF OBJECT_ID(N'dbo.COB_KPI_DIA', N'U') IS NOT NULL
  DROP TABLE dbo.COB_KPI_DIA;
GO

IF OBJECT_ID(N'dbo.COB_BLOQUEO', N'U') IS NOT NULL
  DROP TABLE dbo.COB_BLOQUEO;
GO

IF OBJECT_ID(N'dbo.COB_EJECUCION', N'U') IS NOT NULL
  DROP TABLE dbo.COB_EJECUCION;
GO

IF OBJECT_ID(N'dbo.COB_CORREO', N'U') IS NOT NULL
  DROP TABLE dbo.COB_CORREO;
GO

IF OBJECT_ID(N'dbo.COB_NIVEL_HIST', N'U') IS NOT NULL
  DROP TABLE dbo.COB_NIVEL_HIST;
GO

IF OBJECT_ID(N'dbo.COB_CONTACTO', N'U') IS NOT NULL
  DROP TABLE dbo.COB_CONTACTO;
GO

IF OBJECT_ID(N'dbo.COB_TAREA', N'U') IS NOT NULL
  DROP TABLE dbo.COB_TAREA;
GO

IF OBJECT_ID(N'dbo.COB_ALERTA', N'U') IS NOT NULL
  DROP TABLE dbo.COB_ALERTA;
GO

IF OBJECT_ID(N'dbo.COB_CLIENTE', N'U') IS NOT NULL
  DROP TABLE dbo.COB_CLIENTE;
GO

IF OBJECT_ID(N'dbo.COB_MIGRACION', N'U') IS NOT NULL
  DROP TABLE dbo.COB_MIGRACION;
GO
