-- cadencia: usuario de mínimo privilegio para el servicio.
-- Generado por cadencia: no lo edite a mano; regenérelo con `cadencia db sql`.
-- Perfil del ERP: tango (el de [erp] perfil en el INI).
-- Esquema de permisos elegido: el DBA ejecuta cadencia-crear.sql una vez como dbo; el
-- servicio NO recibe CREATE TABLE, CREATE VIEW ni ALTER sobre el esquema dbo (Tango lee dbo
-- y esos permisos alcanzarían a las tablas del ERP). El servicio solo puede:
--   - leer (SELECT) las tablas del ERP que consulta;
--   - leer y escribir (SELECT, INSERT, UPDATE, DELETE) sus propias tablas COB_*;
--   - leer COB_MIGRACION (ve que el esquema ya está creado y no intenta crearlo) y sus vistas.
-- Para una versión nueva del esquema, el DBA vuelve a ejecutar cadencia-crear.sql.
--
-- Reemplace <CONTRASEÑA> (o use un inicio de sesión de Windows) y ejecute en la base de la
-- empresa; CREATE LOGIN se ejecuta una sola vez por servidor.

SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = N'cadencia')
  CREATE LOGIN [cadencia] WITH PASSWORD = N'<CONTRASEÑA>';
GO

IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = N'cadencia')
  CREATE USER [cadencia] FOR LOGIN [cadencia] WITH DEFAULT_SCHEMA = dbo;
GO

-- Lectura de las tablas del ERP (nunca escritura)
GRANT SELECT ON dbo.GVA12 TO [cadencia];
GRANT SELECT ON dbo.GVA46 TO [cadencia];
GRANT SELECT ON dbo.GVA07 TO [cadencia];
GRANT SELECT ON dbo.GVA15 TO [cadencia];
GRANT SELECT ON dbo.GVA14 TO [cadencia];
GRANT SELECT ON dbo.GVA23 TO [cadencia];
GRANT SELECT ON dbo.SBA14 TO [cadencia];
GO

-- Tablas propias
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_CLIENTE TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_ALERTA TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_TAREA TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_CONTACTO TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_NIVEL_HIST TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_CORREO TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_EJECUCION TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_BLOQUEO TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_KPI_DIA TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_ANTIGUEDAD TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_USUARIO TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_SESION TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_ENLACE TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_CORREO_ADJUNTO TO [cadencia];
GRANT SELECT, INSERT, UPDATE, DELETE ON dbo.COB_AUDITORIA TO [cadencia];
GRANT SELECT ON dbo.COB_MIGRACION TO [cadencia];
GO

-- Vistas propias
GRANT SELECT ON dbo.COB_V_ALERTAS TO [cadencia];
GRANT SELECT ON dbo.COB_V_TAREAS_HOY TO [cadencia];
GRANT SELECT ON dbo.COB_V_ANTIGUEDAD TO [cadencia];
GRANT SELECT ON dbo.COB_V_KPI_DIARIO TO [cadencia];
GRANT SELECT ON dbo.COB_V_KPI_VENDEDOR TO [cadencia];
GRANT SELECT ON dbo.COB_V_KPI_NIVEL TO [cadencia];
GO
