/**
 * A database or driver error (SQLite, SQL Server through tedious, knex) as
 * one Spanish line that says what to check. The driver's own text — English,
 * with the SQL — belongs in the log, never on the screen.
 */
import { DatabaseConnectionError } from '../../connector/connection-errors';

interface DriverError {
  name?: string;
  code?: string;
  number?: number;
  message?: string;
}

const MISSING_OBJECT = [/no such table: ([\w.$]+)/i, /Invalid object name '([^']+)'/i, /relation "([^"]+)" does not exist/i];
const MISSING_COLUMN = [/no such column: ([\w.$]+)/i, /Invalid column name '([^']+)'/i, /column "([^"]+)" does not exist/i];
const DENIED = [/permission was denied on the object '([^']+)'/i, /permission denied for (?:table|relation|view) ([\w.$]+)/i];

function first(patterns: RegExp[], text: string): string | null {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m?.[1]) return m[1].replace(/^.*\./, '').replace(/[[\]`"]/g, '');
  }
  return null;
}

/** True for errors thrown by the database driver or knex (as opposed to cadencia's own). */
export function isDriverError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as DriverError;
  return (
    (typeof e.code === 'string' && /^(SQLITE_|ERR_SQLITE|ETIMEOUT$|ESOCKET$|ELOGIN$|EREQUEST$|ECONNCLOSED$|EINVALIDSTATE$)/.test(e.code)) ||
    typeof e.number === 'number' ||
    ['RequestError', 'ConnectionError', 'KnexTimeoutError', 'TransactionError'].includes(e.name ?? '')
  );
}

/**
 * The line to show for a database error, or null when `err` is not one (it
 * is then cadencia's own message, already in Spanish). `prefix` is the add-on
 * tables' prefix (COB_), to tell a missing migration from a missing ERP table.
 */
export function explainDatabaseError(err: unknown, prefix = 'COB_'): string | null {
  if (err instanceof DatabaseConnectionError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  const table = first(MISSING_OBJECT, text);
  if (table) {
    if (table.toUpperCase().startsWith(prefix.toUpperCase())) {
      return `Las tablas de cadencia no existen en la base («${table}»): ejecute «cadencia db migrar» ` +
        '(o pida al administrador de la base que ejecute sql/cadencia-crear.sql).';
    }
    return `La base del ERP no tiene la tabla o vista «${table}»: revise que [erp] perfil (tango, bejerman o vistas) ` +
      'corresponda al ERP y que [erp] base (o archivo) sea la base de la empresa; con perfil = vistas, cree las vistas ' +
      'de sql/vistas-plantilla.sql. «cadencia verificar» revisa cada lectura.';
  }
  const column = first(MISSING_COLUMN, text);
  if (column) {
    return `Una tabla o vista del ERP no tiene la columna «${column}»: revise [erp] perfil y, con perfil = vistas, ` +
      'las columnas de sql/vistas-plantilla.sql. «cadencia verificar» revisa cada lectura.';
  }
  const denied = first(DENIED, text);
  if (denied) {
    return `El usuario de la base no tiene permiso sobre «${denied}»: el administrador de la base puede darlo con ` +
      'el guion de «cadencia db sql --tipo permisos».';
  }
  if (!isDriverError(err)) return null;
  const e = err as DriverError;
  if (e.code === 'SQLITE_BUSY' || /database is locked/i.test(text)) {
    return 'La base está ocupada por otro proceso que escribe en ella: intente de nuevo en unos minutos.';
  }
  if (e.code === 'SQLITE_NOTADB' || /file is not a database/i.test(text)) {
    return 'El archivo de [erp] archivo no es una base SQLite: revise el INI.';
  }
  if (e.code === 'SQLITE_CANTOPEN' || /unable to open database file/i.test(text)) {
    return 'No se pudo abrir la base SQLite de [erp] archivo: revise que la carpeta exista y se pueda escribir en ella.';
  }
  if (e.code === 'ETIMEOUT' || e.name === 'KnexTimeoutError' || /Timeout/i.test(text)) {
    return 'La base de datos no respondió a tiempo: revise que el servidor esté en marcha; si las consultas son lentas, ' +
      'amplíe [erp] tiempo_consulta_seg.';
  }
  return 'La base de datos devolvió un error inesperado.';
}
