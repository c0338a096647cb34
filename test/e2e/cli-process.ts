/** Running the real CLI as a child process, with an INI written from the shipped example. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IniPaths {
  erpFile: string;
  mailFolder: string;
  logFolder: string;
}

/** The example INI with absolute paths (and optional key = value overrides, by key name). */
export function writeIni(file: string, paths: IniPaths, overrides: Record<string, string> = {}): void {
  let text = readFileSync('cadencia.ejemplo.ini', 'utf8')
    .replace(/^archivo = .*$/m, `archivo = ${paths.erpFile}`)
    .replace(/^carpeta = demo\/correo$/m, `carpeta = ${paths.mailFolder}`)
    .replace(/^carpeta = registros$/m, `carpeta = ${paths.logFolder}`);
  for (const [key, value] of Object.entries(overrides)) {
    const re = new RegExp(`^${key} = .*$`, 'm');
    if (!re.test(text)) throw new Error(`clave ${key} no está en el ejemplo`);
    text = text.replace(re, `${key} = ${value}`);
  }
  writeFileSync(file, text);
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `cadencia <args>` on Node 22 with tsx's loader in ONE process (the `tsx`
 * binary would run the CLI in a grandchild, out of reach of SIGKILL).
 */
export function runCli(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join('service', 'cli.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  proc.stderr!.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { proc, output: () => out, exited };
}
