/**
 * `servicio ejecutar` (and `ejecutar` without --una-vez): the service in the
 * foreground, as the Windows service wrapper starts it. A tick every minute
 * (node-cron) drives the runner; the INI is reloaded when it changes, but only
 * if the new file validates; SIGINT/SIGTERM stop it within a few seconds.
 */
import { unwatchFile, watchFile } from 'node:fs';
import cron from 'node-cron';
import { ConfigError, loadCompanies, type AppConfig } from '../config';
import { secretsOf } from '../context';
import { createLogger, flushLogger, type Logger } from '../logging';
import { ServiceRunner } from '../runner';
import { startWeb, type StartedWeb } from '../web/start';
import { configPath, UsageError, type GlobalOptions } from './common';
import { activeServiceFlags } from '../node-flags';

function serviceLogger(config: AppConfig): Logger {
  return createLogger(
    { folder: config.logs.folder, retentionDays: config.logs.retentionDays, level: config.logs.level, console: true },
    secretsOf(config),
  );
}

/** Every company of the INI, or the one named with --empresa. */
function companiesOf(file: string, opts: GlobalOptions): AppConfig[] {
  const all = loadCompanies(file);
  return opts.empresa ? all.filter((c) => c.company.id === opts.empresa) : all;
}

/**
 * The companies of a modified INI, or why the service keeps the ones it has: the
 * company it was started with (--empresa) is no longer in the file. Throws the
 * ConfigError of an invalid file.
 */
export function reloadCompanies(file: string, opts: GlobalOptions): { configs: AppConfig[] } | { orphaned: string } {
  const configs = companiesOf(file, opts);
  if (configs.length > 0) return { configs };
  return {
    orphaned:
      `la configuración modificada ya no tiene la empresa «${opts.empresa ?? ''}» con la que se inició el servicio ` +
      `(--empresa): se sigue con la configuración anterior; corrija ${file} o reinicie el servicio con otra empresa`,
  };
}

export async function serviceRun(opts: GlobalOptions): Promise<void> {
  const file = configPath(opts);
  // A bad INI never starts a half-configured service: this throws before anything runs.
  let configs = companiesOf(file, opts);
  if (configs.length === 0) throw new UsageError(`--empresa: no hay una empresa «${opts.empresa ?? ''}» en ${file}.`);
  const logger = serviceLogger(configs[0]!);
  const runner = new ServiceRunner(configs, logger);
  const flags = activeServiceFlags();
  logger.info(
    `servicio iniciado: ${configs.map((c) => c.company.name).join(', ')} (configuración: ${file}; ` +
      `Node ${process.versions.node}, opciones de memoria: ${flags.length > 0 ? flags.join(' ') : 'las de Node'})`,
  );
  for (const w of configs[0]!.warnings) logger.warn(w);
  // The worklist: served by the same process; a port in use is logged, and the cycles go on without it.
  let web: StartedWeb | null = null;
  if (configs[0]!.web.enabled) {
    try {
      web = await startWeb({
        configs, logger,
        context: (id) => runner.contextOf(id),
        mailQueued: (id) => void runner.sendNow(id),
      });
      logger.info(`lista de trabajo en ${web.url}`);
    } catch (err) {
      logger.error(`${(err as Error).message} El servicio sigue con los ciclos y los correos.`);
    }
  }

  // Set while the INI on disk no longer has the company named with --empresa: the service keeps the
  // configuration it had and says so once per cycle interval, instead of going idle without a word.
  let orphaned: string | null = null;
  let orphanedSaidAt = 0;
  const sayOrphaned = (now: number): void => {
    if (!orphaned || now - orphanedSaidAt < configs[0]!.schedule.cycleEveryMinutes * 60_000 - 1000) return;
    orphanedSaidAt = now;
    logger.error(orphaned);
  };

  const task = cron.schedule('* * * * *', () => {
    sayOrphaned(Date.now());
    runner.tick(new Date());
  }, { name: 'cadencia-ciclo', noOverlap: false });
  runner.tick(new Date()); // do not wait a minute for the first look

  watchFile(file, { interval: 5000 }, () => {
    try {
      const reloaded = reloadCompanies(file, opts);
      if ('orphaned' in reloaded) {
        orphaned = reloaded.orphaned;
        orphanedSaidAt = 0;
        sayOrphaned(Date.now());
        return;
      }
      orphaned = null;
      const next = reloaded.configs;
      configs = next;
      void runner.reconfigure(next).then(() => logger.info(
        'configuración recargada: el próximo ciclo usa el archivo nuevo' +
          (web ? ' (los cambios de [web] y de la lista de empresas de la lista de trabajo se aplican al reiniciar el servicio)' : ''),
      ));
    } catch (err) {
      const why = err instanceof ConfigError ? err.lines().join(' | ') : (err as Error).message;
      logger.error(`la configuración modificada no es válida; se sigue con la anterior. ${why}`);
    }
  });

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info(`servicio deteniéndose (${signal})`);
      void task.stop();
      unwatchFile(file);
      void (web?.close() ?? Promise.resolve()).catch(() => undefined).then(() => runner.stop(5000)).then(async (finished) => {
        logger.info(finished ? 'servicio detenido' : 'servicio detenido: el ciclo en curso se interrumpió y se completará en la próxima ejecución');
        await flushLogger(logger);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGBREAK', () => stop('SIGBREAK')); // Ctrl+Break on Windows
  });
}
