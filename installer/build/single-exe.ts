/**
 * The bundle → a Node single executable application: the SEA blob is made by
 * the host Node (same version as the pinned node.exe, no code cache: the blob
 * is built on Linux for Windows), node.exe's Authenticode signature is removed
 * with osslsigncode, and postject injects the blob.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../service/node-flags';
import { PinError } from './pinned-binaries';

/** Node's fuse string that marks an executable with an injected SEA blob. */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface SeaConfig {
  main: string;
  output: string;
  disableExperimentalSEAWarning: boolean;
  useSnapshot: boolean;
  useCodeCache: boolean;
  /** Node/V8 options every run of the executable starts with (service/node-flags.ts). */
  execArgv: string[];
}

export function seaConfig(bundle: string, blob: string): SeaConfig {
  return {
    main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false,
    execArgv: [...SERVICE_NODE_FLAGS],
  };
}

export function assertHostNode(expected: string, actual = process.versions.node): void {
  if (actual !== expected) {
    throw new PinError(
      `El blob de la aplicación debe hacerlo Node ${expected} (el mismo de node.exe) y se está usando Node ${actual}. ` +
        'Ejecute la compilación con «npm run build:win», que usa el Node fijado del proyecto.',
    );
  }
}

export function requireTool(name: string, debianPackage: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    throw new PinError(`Falta el programa ${name}: instálelo con «apt-get install -y ${debianPackage}».`);
  }
}

export function buildSingleExe(opts: { root: string; bundle: string; nodeExe: string; workDir: string; outExe: string }): number {
  const blob = join(opts.workDir, 'cadencia.blob');
  const configFile = join(opts.workDir, 'sea-config.json');
  writeFileSync(configFile, JSON.stringify(seaConfig(opts.bundle, blob), null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', configFile], { stdio: ['ignore', 'ignore', 'inherit'] });

  requireTool('osslsigncode', 'osslsigncode');
  rmSync(opts.outExe, { force: true });
  const unsigned = join(opts.workDir, 'node-unsigned.exe');
  rmSync(unsigned, { force: true });
  execFileSync('osslsigncode', ['remove-signature', '-in', opts.nodeExe, '-out', unsigned], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(unsigned)) copyFileSync(opts.nodeExe, unsigned);

  const postject = join(opts.root, 'node_modules/postject/dist/cli.js');
  copyFileSync(unsigned, opts.outExe);
  execFileSync(
    process.execPath,
    [postject, opts.outExe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return statSync(opts.outExe).size;
}
