/**
 * Issue 15 item 14: the Bejerman demo keeps its own files (it used to
 * overwrite demo/erp-demo.sqlite, which the example INI reads as Tango) and
 * the command it suggests works: its INI reads the Bejerman base with the
 * Bejerman profile.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBejermanDemo } from '../../connector/demo-erp-bejerman';
import { DEMO_START, demoFiles, demoIni } from '../../service/cli/commands-demo';
import { loadConfig } from '../../service/config';
import { closeCompany, openCompany } from '../../service/context';
import { readAndPlan } from '../../service/cycle/read-and-plan';
import { memoryLogger } from '../e2e/helpers';

const dir = mkdtempSync(join(tmpdir(), 'cadencia-demo-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('each demo keeps its own files', () => {
  it('Tango in ./demo is what the example INI reads; Bejerman gets its own base, mail folder and INI', () => {
    expect(demoFiles(resolve('demo'), 'tango')).toEqual({
      erpFile: resolve('demo', 'erp-demo.sqlite'), mailFolder: resolve('demo', 'correo'),
    });
    expect(demoIni(resolve('demo'), 'tango')).toBe(resolve('cadencia.ejemplo.ini'));
    const example = loadConfig(resolve('cadencia.ejemplo.ini'), {});
    expect(example.erp.connection).toEqual({ kind: 'sqlite', file: resolve('demo', 'erp-demo.sqlite') });

    const bejerman = demoFiles(dir, 'bejerman');
    expect(bejerman).toEqual({ erpFile: join(dir, 'erp-demo-bejerman.sqlite'), mailFolder: join(dir, 'correo-bejerman') });
  });

  it('the Bejerman demo INI reads the Bejerman base with the Bejerman profile', async () => {
    const { erpFile, mailFolder } = demoFiles(dir, 'bejerman');
    await generateBejermanDemo({ file: erpFile, seed: 42, asOf: DEMO_START, customers: 20 });
    const ini = demoIni(dir, 'bejerman');
    expect(ini).toBe(join(dir, 'cadencia-demo-bejerman.ini'));
    const config = loadConfig(ini, {});
    expect(config.erp.profile).toBe('bejerman');
    expect(config.erp.connection).toEqual({ kind: 'sqlite', file: erpFile });
    expect(config.mail.folder).toBe(mailFolder);
    expect(existsSync(join(dir, 'erp-demo.sqlite'))).toBe(false);

    const ctx = await openCompany(config, memoryLogger().logger);
    try {
      const cycle = await readAndPlan(ctx, { asOf: DEMO_START });
      expect(ctx.profile.name).toBe('bejerman');
      expect(cycle.customers.size).toBe(20);
      expect(cycle.installmentCount).toBeGreaterThan(0);
    } finally {
      await closeCompany(ctx);
    }
  }, 120_000);
});
