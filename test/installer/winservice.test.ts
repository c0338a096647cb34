import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decodeOutput, installCommands, nssmSettings, winService, type ProcessRunner, type ServiceLayout,
} from '../../service/cli/commands-winservice';

const layout: ServiceLayout = {
  application: 'C:\\Program Files\\cadencia\\cadencia.exe',
  leadingArgs: [],
  nssm: 'C:\\Program Files\\cadencia\\nssm.exe',
  dataDir: 'C:\\ProgramData\\cadencia',
  logsDir: 'C:\\ProgramData\\cadencia\\registros',
  iniFile: 'C:\\ProgramData\\cadencia\\cadencia.ini',
};

/** Records every process call; answers from a script of results. */
function recorder(answers: Record<string, { code: number; stdout?: string; stderr?: string }> = {}) {
  const calls: string[][] = [];
  const run: ProcessRunner = async (file, args) => {
    calls.push([file, ...args]);
    const a = answers[args[0] ?? ''] ?? { code: 0 };
    return { code: a.code, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
  };
  return { calls, run };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('servicio instalar|desinstalar|iniciar|detener|estado (NSSM)', () => {
  it('installs with the exact NSSM command lines', async () => {
    const r = recorder();
    const printed: string[] = [];
    await winService('instalar', {}, { platform: 'win32', run: r.run, layout, print: (l) => printed.push(l) });
    expect(r.calls.map((c) => c.slice(1))).toEqual([
      ['install', 'cadencia', 'C:\\Program Files\\cadencia\\cadencia.exe'],
      ['set', 'cadencia', 'DisplayName', 'cadencia (seguimiento de cobranzas)'],
      ['set', 'cadencia', 'Description', 'Revisa la cuenta corriente de los clientes en el ERP, planifica los contactos y avisa al personal.'],
      ['set', 'cadencia', 'Start', 'SERVICE_AUTO_START'],
      ['set', 'cadencia', 'AppParameters', 'servicio ejecutar --config C:\\ProgramData\\cadencia\\cadencia.ini'],
      ['set', 'cadencia', 'AppDirectory', 'C:\\ProgramData\\cadencia'],
      ['set', 'cadencia', 'AppStdout', 'C:\\ProgramData\\cadencia\\registros\\servicio-salida.log'],
      ['set', 'cadencia', 'AppStderr', 'C:\\ProgramData\\cadencia\\registros\\servicio-errores.log'],
      ['set', 'cadencia', 'AppStdoutCreationDisposition', '4'],
      ['set', 'cadencia', 'AppStderrCreationDisposition', '4'],
      ['set', 'cadencia', 'AppRotateFiles', '1'],
      ['set', 'cadencia', 'AppRotateOnline', '1'],
      ['set', 'cadencia', 'AppRotateBytes', '10485760'],
      ['set', 'cadencia', 'AppThrottle', '5000'],
      ['set', 'cadencia', 'AppRestartDelay', '30000'],
      ['set', 'cadencia', 'AppStopMethodConsole', '10000'],
      ['set', 'cadencia', 'AppExit', 'Default', 'Restart'],
    ]);
    expect(r.calls.every((c) => c[0] === layout.nssm)).toBe(true);
    expect(printed[0]).toContain('instalado (inicio automático)');
  });

  it('quotes an INI path with spaces and runs the script when not a single executable', () => {
    const dev = { ...layout, application: 'C:\\node\\node.exe', leadingArgs: ['C:\\src\\cli.js'], iniFile: 'D:\\Mis datos\\cadencia.ini' };
    expect(installCommands(dev)[4]).toEqual([
      'set', 'cadencia', 'AppParameters', 'C:\\src\\cli.js servicio ejecutar --config "D:\\Mis datos\\cadencia.ini"',
    ]);
  });

  it('uninstalls: stop (allowed to fail when already stopped) then remove confirm', async () => {
    const r = recorder({ stop: { code: 1, stderr: 'not running' } });
    await winService('desinstalar', {}, { platform: 'win32', run: r.run, layout, print: () => undefined });
    expect(r.calls.map((c) => c.slice(1))).toEqual([['stop', 'cadencia'], ['remove', 'cadencia', 'confirm']]);
  });

  it('start, stop and status; a failed NSSM call becomes a Spanish error', async () => {
    const r = recorder({ status: { code: 0, stdout: 'SERVICE_RUNNING' } });
    const printed: string[] = [];
    const deps = { platform: 'win32' as const, run: r.run, layout, print: (l: string) => printed.push(l) };
    await winService('iniciar', {}, deps);
    await winService('detener', {}, deps);
    await winService('estado', {}, deps);
    expect(r.calls.map((c) => c.slice(1))).toEqual([['start', 'cadencia'], ['stop', 'cadencia'], ['status', 'cadencia']]);
    expect(printed).toEqual(['Servicio «cadencia» en marcha.', 'Servicio «cadencia» detenido.', 'Servicio «cadencia»: en marcha.']);

    const failing = recorder({ start: { code: 5, stderr: 'Acceso denegado.' } });
    await expect(winService('iniciar', {}, { ...deps, run: failing.run })).rejects.toThrow(/nssm start cadencia falló: Acceso denegado.*administrador/);
  });

  it('status of a service that is not installed sets a non-zero exit code', async () => {
    const r = recorder({ status: { code: 3, stderr: "Can't open service!" } });
    const printed: string[] = [];
    await winService('estado', {}, { platform: 'win32', run: r.run, layout, print: (l) => printed.push(l) });
    expect(printed[0]).toMatch(/no está instalado/);
    expect(process.exitCode).toBe(1);
  });

  it('on other systems says in Spanish that it is Windows-only and runs nothing', async () => {
    const r = recorder();
    await expect(winService('instalar', {}, { platform: 'linux', run: r.run, layout, print: () => undefined }))
      .rejects.toThrow(/son sólo para Windows/);
    expect(r.calls).toEqual([]);
  });

  it('decodes NSSM output written as UTF-16LE', () => {
    expect(decodeOutput(Buffer.from('\uFEFFSERVICE_STOPPED\r\n', 'utf16le'))).toBe('SERVICE_STOPPED');
    expect(decodeOutput(Buffer.from('SERVICE_RUNNING\r\n', 'utf8'))).toBe('SERVICE_RUNNING');
  });

  it('the MSI writes the same NSSM parameters as «servicio instalar»', () => {
    const wxs = readFileSync(join(__dirname, '../../installer/cadencia.wxs'), 'utf8');
    const values = new Map([...wxs.matchAll(/<RegistryValue Name="(\w+)" Type="\w+" Value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const msiLayout: ServiceLayout = {
      application: '[INSTALLDIR]cadencia.exe', leadingArgs: [], nssm: '', dataDir: '[DATADIR]', logsDir: '[LOGSDIR]', iniFile: '[DATADIR]cadencia.ini',
    };
    for (const [name, value] of nssmSettings(msiLayout)) {
      const expected = name === 'AppParameters'
        ? 'servicio ejecutar --config &quot;[DATADIR]cadencia.ini&quot;'
        : value.replace('[LOGSDIR]\\', '[LOGSDIR]');
      expect([name, values.get(name)]).toEqual([name, expected]);
    }
    expect(values.get('Application')).toBe('[INSTALLDIR]cadencia.exe');
    expect(wxs).toMatch(/<RegistryValue Type="string" Value="Restart" \/>/);
    expect(wxs).toMatch(/Start="auto"/);
  });
});
