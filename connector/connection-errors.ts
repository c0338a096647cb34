/**
 * Why a connection to the ERP's SQL Server failed, in one Spanish line that
 * says what to check — never the driver's text or stack.
 *
 * The driver alone cannot tell a wrong password from a database that does not
 * exist: SQL Server answers both with "Login failed" (error 18456, after 4060
 * for the database), in the server's own language, and tedious keeps only the
 * last message. So on a refused login we ask once more without naming the
 * database: if that login succeeds, the credentials are right and the
 * database is the problem.
 */
import { existsSync } from 'node:fs';
import type { ConnectionConfiguration } from 'tedious';
import type { Knex } from 'knex';
import { tediousConfigOf, type ConnectionConfig, type SqlServerConnectionConfig } from './connection';

/** A connection that could not be opened, with the line to show and the driver's error as cause. */
export class DatabaseConnectionError extends Error {
  override readonly name = 'DatabaseConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface DriverError {
  code?: string;
  message?: string;
  cause?: { code?: string; message?: string };
}

function where(cfg: SqlServerConnectionConfig): string {
  return cfg.instance ? `${cfg.host}\\${cfg.instance}` : `${cfg.host}:${cfg.port ?? 1433}`;
}

/** Tries to log in without naming a database (the login's default one). Resolves true when the login is accepted. */
export async function loginAccepted(cfg: SqlServerConnectionConfig): Promise<boolean> {
  const tedious = tediousConfigOf(cfg) as unknown as ConnectionConfiguration & { options: Record<string, unknown> };
  const options = { ...tedious.options };
  delete options.database;
  // tedious (and the Azure libraries it brings) only when a SQL Server is used: not in memory otherwise.
  const { Connection } = await import('tedious');
  return new Promise((resolve) => {
    const connection = new Connection({ ...tedious, options } as ConnectionConfiguration);
    connection.on('error', () => undefined);
    connection.connect((err) => {
      connection.close();
      resolve(!err);
    });
  });
}

/**
 * The line for a failed SQL Server connection. `probe` re-tries the login
 * without the database to tell credentials from database (pass false where no
 * second connection is wanted).
 */
export async function explainSqlServerFailure(cfg: SqlServerConnectionConfig, err: unknown, probe = true): Promise<string> {
  const e = (err ?? {}) as DriverError;
  const code = e.code ?? '';
  const cause = e.cause?.code ?? '';
  const text = `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  const at = where(cfg);
  const seconds = Math.round(cfg.connectTimeoutMs / 1000);
  if (code === 'ELOGIN') {
    const user = cfg.auth.type === 'ntlm' ? `${cfg.auth.domain}\\${cfg.auth.user}` : cfg.auth.user;
    if (probe && (await loginAccepted(cfg))) {
      return (
        `SQL Server (${at}) aceptó al usuario «${user}» pero no pudo abrir la base «${cfg.database}»: ` +
        'revise [erp] base en el INI (el nombre exacto de la base de la empresa) y que el usuario tenga acceso a ella ' +
        '(cadencia db sql --tipo permisos).'
      );
    }
    return cfg.auth.type === 'ntlm'
      ? `SQL Server (${at}) rechazó el inicio de sesión de Windows «${user}»: revise [erp] dominio, usuario y clave, ` +
          'y que ese usuario tenga un inicio de sesión en SQL Server.'
      : `SQL Server (${at}) rechazó al usuario «${user}»: revise [erp] usuario y clave en el INI, y que el servidor ` +
          'admita la autenticación de SQL Server (modo mixto) y el inicio de sesión esté habilitado.';
  }
  if (cause === 'ENOTFOUND' || cause === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return `No se encuentra el servidor «${cfg.host}»: revise [erp] servidor en el INI (nombre del equipo o su dirección IP) y la red.`;
  }
  if (cfg.instance && (code === 'ETIMEOUT' || /instance|instancia/i.test(text))) {
    return (
      `No se pudo ubicar la instancia «${cfg.instance}» en ${cfg.host} en ${seconds} s: revise [erp] instancia, ` +
      'que el servicio «SQL Server Browser» esté iniciado y que el firewall permita UDP 1434 (o configure un puerto fijo en [erp] puerto).'
    );
  }
  if (code === 'ETIMEOUT') {
    return (
      `El servidor ${at} no respondió en ${seconds} s: revise que esté encendido, [erp] servidor y puerto, ` +
      'y que el firewall permita ese puerto TCP (tiempo_conexion_seg amplía la espera).'
    );
  }
  if (code === 'ESOCKET' && /certificate|self.signed|CERT_|TLS|SSL/i.test(text)) {
    return (
      `La conexión cifrada con ${at} falló porque no se pudo validar el certificado del servidor: instale un certificado ` +
      'válido en SQL Server o, si es autofirmado, ponga confiar_certificado = si en [erp].'
    );
  }
  if (code === 'ESOCKET' || cause === 'ECONNREFUSED' || cause === 'ECONNRESET') {
    return (
      `Nada responde en ${at}: revise [erp] servidor y puerto, que SQL Server tenga habilitado TCP/IP ` +
      '(Administrador de configuración de SQL Server) y que el firewall permita ese puerto.'
    );
  }
  return `No se pudo conectar a SQL Server (${at}) con la base «${cfg.database}»: revise [erp] en el INI. El detalle quedó en el registro.`;
}

/**
 * Opens the first connection of `db` (a cheap query) and, when it fails,
 * throws a DatabaseConnectionError whose message is the line to show.
 */
export async function connectOrExplain(db: Knex, cfg: ConnectionConfig): Promise<void> {
  // SQLite would create a missing file (a typo in the name) and the migrations would fill it: refuse.
  if (cfg.kind === 'sqlite' && cfg.file !== ':memory:' && !existsSync(cfg.file)) {
    throw new DatabaseConnectionError(
      `No existe la base «${cfg.file}»: revise [erp] archivo en el INI ` +
        '(la base de demostración se crea con «cadencia demo generar --config <archivo INI>»).',
    );
  }
  try {
    await db.raw('SELECT 1 AS [ok]');
  } catch (err) {
    if (cfg.kind !== 'sqlserver') {
      throw new DatabaseConnectionError(`No se pudo abrir la base de demostración «${cfg.file}»: revise [erp] archivo en el INI.`, { cause: err });
    }
    throw new DatabaseConnectionError(await explainSqlServerFailure(cfg, err), { cause: err });
  }
}
