/**
 * Logs: daily rotating files with retention, plus the console. A log folder
 * that cannot be written (missing rights, full disk) never stops a cycle: the
 * file transport is dropped with one console warning and work goes on.
 * Secrets known to the configuration are masked in every line.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import { EventLogTransport } from './logging-eventlog';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogSettings {
  /** Folder for the rotating files; null logs to the console only. */
  folder: string | null;
  retentionDays: number;
  level: LogLevel;
  /** Also print to the console (foreground runs, the Windows service wrapper's own capture). */
  console: boolean;
}

export type Logger = winston.Logger;

const MASK = '***';

/** Replaces every occurrence of a secret in the text. Secrets shorter than 4 characters are not masked (they would mangle ordinary words). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join(MASK);
  }
  return out;
}

function redactFormat(secrets: readonly string[]): winston.Logform.Format {
  return winston.format((info) => {
    if (secrets.length === 0) return info;
    for (const key of Object.keys(info)) {
      const value = info[key];
      if (typeof value === 'string') info[key] = maskSecrets(value, secrets);
      else if (value instanceof Error) info[key] = maskSecrets(value.message, secrets);
    }
    return info;
  })();
}

function folderWritable(folder: string): string | null {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const lineFormat = winston.format.printf((info) => {
  const { timestamp, level, message, ...rest } = info;
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${String(timestamp)} ${level.toUpperCase()} ${String(message)}${extra}`;
});

export function createLogger(settings: LogSettings, secrets: readonly string[] = []): Logger {
  const transports: winston.transport[] = [];
  if (settings.console) {
    transports.push(new winston.transports.Console({ stderrLevels: ['error', 'warn'] }));
  }
  const logger = winston.createLogger({
    level: settings.level,
    format: winston.format.combine(
      redactFormat(secrets),
      winston.format.timestamp({ format: 'YYYY-MM-DD HH:mm:ss' }),
      lineFormat,
    ),
    transports,
    exitOnError: false,
  });

  if (settings.folder) {
    const problem = folderWritable(settings.folder);
    if (problem) {
      console.warn(`cadencia: no se puede escribir el registro en ${settings.folder} (${problem}); se sigue sin archivo de registro.`);
    } else {
      const file = new DailyRotateFile({
        dirname: settings.folder,
        filename: 'cadencia-%DATE%.log',
        datePattern: 'YYYY-MM-DD',
        maxFiles: `${settings.retentionDays}d`,
        auditFile: `${settings.folder}/.auditoria-registro.json`,
      });
      let dropped = false;
      const onFileError = (err: Error): void => {
        // Full disk or a folder removed under our feet: keep working without the file.
        if (dropped) return;
        dropped = true;
        logger.remove(file);
        if (logger.transports.length === 0) logger.add(new winston.transports.Console({ silent: true }));
        console.warn(`cadencia: falló la escritura del registro (${err.message}); se sigue sin archivo de registro.`);
      };
      file.on('error', onFileError);
      // The transport does not forward its rotating stream's write errors (ENOSPC, EIO): without
      // this listener a full disk would be an uncaught 'error' event and stop the process.
      (file as unknown as { logStream?: NodeJS.EventEmitter }).logStream?.on('error', onFileError);
      logger.add(file);
    }
  }
  // Windows: warnings and errors also go to the Event Log (Application, source «cadencia»).
  if (process.platform === 'win32') logger.add(new EventLogTransport());
  if (logger.transports.length === 0) {
    // winston warns when it has nowhere to write; a silent console keeps it quiet.
    logger.add(new winston.transports.Console({ silent: true }));
  }
  return logger;
}

/** Waits until every transport has written what it was given (before exit). */
export async function flushLogger(logger: Logger): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 3000);
    logger.on('finish', () => {
      clearTimeout(timer);
      resolve();
    });
    logger.end();
  });
}
