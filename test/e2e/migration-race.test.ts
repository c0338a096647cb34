/**
 * Issue 15 item 15 on SQLite: two processes start migrating the same file at
 * the same instant (the service starting while someone runs `db migrar`).
 * Both finish; every version is applied once; no «table already exists».
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../connector/addon/migrations';
import { openDatabase } from '../../connector/connection';
import { generateDemoErp } from '../../connector/demo-erp';
import { DEMO_START, tempFolder } from './helpers';

const dir = tempFolder('migration-race');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(file: string, ready: string, go: string): Promise<{ code: number | null; out: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join('test', 'e2e', 'migrate-child.ts'), file, ready, go], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  proc.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
  // A child stuck on a lock is stopped with its output kept: the test fails with it instead of timing out blind.
  const stuck = setTimeout(() => { out += '\n(detenido: no terminó en 120 s)'; proc.kill('SIGKILL'); }, 120_000);
  return new Promise((done) => proc.once('exit', (code) => { clearTimeout(stuck); done({ code, out }); }));
}

describe('two processes migrating one SQLite file at once', () => {
  it('both finish and each version is applied exactly once', async () => {
    const file = join(dir, 'erp.sqlite');
    await generateDemoErp({ file, seed: 3, asOf: DEMO_START, customers: 10 });
    const go = join(dir, 'go');
    const ready = [join(dir, 'ready-1'), join(dir, 'ready-2')];
    const runs = ready.map((r) => child(file, r, go));
    // A child that dies before it is ready fails the test with its output instead of leaving it waiting.
    const early = Promise.race(runs).then((r) => r);
    let died: { code: number | null; out: string } | null = null;
    void early.then((r) => { died = r; });
    while (!ready.every((r) => existsSync(r))) {
      if (died) throw new Error(`Un proceso terminó antes de estar listo: ${(died as { out: string }).out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    writeFileSync(go, '');
    const [a, b] = await Promise.all(runs);
    expect([a!.code, b!.code], `${a!.out}\n${b!.out}`).toEqual([0, 0]);
    const results = [JSON.parse(a!.out) as { applied: number[] }, JSON.parse(b!.out) as { applied: number[] }];
    expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.version));
    const db = openDatabase({ kind: 'sqlite', file });
    try {
      const rows = (await db('COB_MIGRACION').select('VERSION').orderBy('VERSION')) as { VERSION: number }[];
      expect(rows.map((r) => Number(r.VERSION))).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await db.destroy();
    }
  }, 240_000);
});
