import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mssqlCompiler, openDatabase } from '../../connector/connection';
import { migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { tangoProfile } from '../../connector/profiles/tango';
import { loadConfig } from '../../service/config';
import { checkClock, checkService, checkWeb, doctor, limitOne, runChecks } from '../../service/cli/commands-setup';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { demoFolder } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('verificar (doctor) against the demo ERP', () => {
  it('reports the missing own tables, then all OK once migrated; the write test leaves no row', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const config = loadConfig(demo.ini);

    const before = await runChecks(config, 'linux');
    const failed = before.filter((r) => !r.ok);
    expect(failed.map((r) => r.name)).toEqual(['tablas propias (COB_EJECUCION…)']);
    expect(failed[0]!.detail).toMatch(/cadencia db migrar/);
    expect(before.map((r) => r.name)).toEqual([
      'configuración', 'base de datos',
      'lectura del ERP «vendedores»', 'lectura del ERP «clientes»', 'lectura del ERP «cuotas_pendientes»',
      'lectura del ERP «comportamiento_pago»', 'lectura del ERP «dinero_sin_aplicar»',
      'tablas propias (COB_EJECUCION…)', 'correo', 'reloj y zona horaria',
      'lista de trabajo (web)', 'lista de trabajo (web): cifrado', 'servicio de Windows',
    ]);

    const db = openDatabase({ kind: 'sqlite', file: demo.erp });
    try {
      await migrate(db, addonTables('COB_'));
      const after = await runChecks(config, 'linux');
      expect(after.filter((r) => !r.ok)).toEqual([]);
      const rows = await db('COB_EJECUCION').count({ n: '*' });
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('fails on an ERP without the Tango tables, one line per read', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const db = openDatabase({ kind: 'sqlite', file: demo.erp });
    await db.raw('drop table GVA23');
    await db.destroy();
    const results = await runChecks(loadConfig(demo.ini), 'linux');
    const sellers = results.find((r) => r.name === 'lectura del ERP «vendedores»')!;
    expect(sellers.ok).toBe(false);
    expect(sellers.detail).toBe(
      'La base del ERP no tiene la tabla o vista «GVA23»: revise que [erp] perfil (tango, bejerman o vistas) corresponda ' +
        'al ERP y que [erp] base (o archivo) sea la base de la empresa; con perfil = vistas, cree las vistas de ' +
        'sql/vistas-plantilla.sql. «cadencia verificar» revisa cada lectura.',
    );
  });

  it('runs the views profile\'s view and column checks, naming the view and the missing column', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    writeFileSync(demo.ini, readFileSync(demo.ini, 'utf8').replace(/^perfil = tango$/m, 'perfil = vistas'));
    const db = openDatabase({ kind: 'sqlite', file: demo.erp });
    try {
      const views = readFileSync('sql/vistas-tango-sqlite.sql', 'utf8').replace(/^--.*$/gm, '');
      for (const statement of views.split(';').map((x) => x.trim()).filter(Boolean)) await db.raw(statement);
      const ok = await runChecks(loadConfig(demo.ini), 'linux');
      expect(ok.find((r) => r.name === 'vistas CADENCIA_* del perfil «vistas»')).toEqual({
        name: 'vistas CADENCIA_* del perfil «vistas»', ok: true, detail: 'OK (5 vistas con sus columnas)',
      });
      expect(ok.filter((r) => r.name.startsWith('lectura del ERP')).every((r) => r.ok)).toBe(true);

      await db.raw('DROP VIEW CADENCIA_PAGOS');
      await db.raw('CREATE VIEW CADENCIA_PAGOS AS SELECT COD_CLIENT AS CLIENTE, FECHA_VTO, IMPORT_CAN AS IMPORTE FROM GVA07');
      const bad = (await runChecks(loadConfig(demo.ini), 'linux')).find((r) => r.name === 'vistas CADENCIA_* del perfil «vistas»')!;
      expect(bad.ok).toBe(false);
      expect(bad.detail).toBe(
        'La vista CADENCIA_PAGOS no tiene la columna FECHA_PAGO (se esperaba una fecha (date, datetime, datetime2 o smalldatetime)). Vea sql/vistas-plantilla.sql.',
      );
    } finally {
      await db.destroy();
    }
  });

  it('prints one line per check and exits non-zero on a broken INI or a failing check', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((l: unknown) => void lines.push(String(l)));
    await doctor({ config: demo.ini }, 'linux');
    expect(lines.filter((l) => l.startsWith('ERROR'))).toEqual([expect.stringMatching(/^ERROR tablas propias/)]);
    expect(lines.filter((l) => l.startsWith('OK   '))).toHaveLength(11);
    expect(lines.filter((l) => l.startsWith('AVISO'))).toEqual([expect.stringMatching(/^AVISO lista de trabajo \(web\): cifrado: sin certificado/)]);
    expect(process.exitCode).toBe(1);

    process.exitCode = undefined;
    lines.length = 0;
    writeFileSync(demo.ini, '[empresa]\nnombre = X\n[erp]\nmotor = oracle\n');
    await doctor({ config: demo.ini }, 'linux');
    expect(lines[0]).toBe('ERROR configuración:');
    expect(lines.join('\n')).toMatch(/motor/);
    expect(process.exitCode).toBe(1);
  });

  it('checks the clock and says the service check does not apply off Windows', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const config = loadConfig(demo.ini);
    expect(checkClock(config, new Date('2026-03-10T15:00:00Z'))).toMatchObject({ ok: true, detail: expect.stringMatching(/12:00:00.*America\/Argentina\/Buenos_Aires/) });
    expect(checkClock(config, new Date('2001-01-01T00:00:00Z')).ok).toBe(false);
    expect(await checkService('linux')).toEqual({ name: 'servicio de Windows', ok: true, detail: 'no aplica (sólo en Windows)' });
  });
});

describe('verificar: the worklist\'s [web] section', () => {
  it('says when the port is taken by another program, and when certificate files are missing', async () => {
    const demo = await demoFolder();
    dirs.push(demo.dir);
    const base = loadConfig(demo.ini);
    const other = createServer((_req, res) => res.end('otro programa'));
    await new Promise<void>((r) => other.listen({ host: '127.0.0.1', port: 0 }, () => r()));
    const port = (other.address() as AddressInfo).port;
    try {
      const taken = await checkWeb({ ...base, web: { ...base.web, host: '127.0.0.1', port } }, 0);
      expect(taken).toEqual([{ name: 'lista de trabajo (web)', ok: false, detail: `el puerto ${port} ya está en uso en este equipo: elija otro en [web] puerto o detenga el programa que lo usa.` }]);
    } finally {
      other.close();
    }
    const ours = createServer((_req, res) => res.end('<title>Ingresar · cadencia</title>'));
    await new Promise<void>((r) => ours.listen({ host: '127.0.0.1', port: 0 }, () => r()));
    const ourPort = (ours.address() as AddressInfo).port;
    try {
      const served = await checkWeb({ ...base, web: { ...base.web, host: '127.0.0.1', port: ourPort, publicUrl: 'http://cobranzas:8470' } }, 0);
      expect(served).toEqual([{ name: 'lista de trabajo (web)', ok: true, detail: `OK (el servicio ya la sirve en el puerto ${ourPort}: http://cobranzas:8470)` }]);
    } finally {
      ours.close();
    }
    const noCert = await checkWeb({ ...base, web: { ...base.web, host: '127.0.0.1', port: 0, tls: { kind: 'pem', certFile: join(demo.dir, 'no.crt'), keyFile: join(demo.dir, 'no.key') } } }, 2);
    expect(noCert[0]).toMatchObject({ name: 'lista de trabajo (web): certificado', ok: false });
    expect(noCert[0]!.detail).toMatch(/^no se encontró el archivo .*no\.crt.*Revise certificado\/clave_certificado o pfx\/clave_pfx en \[web\]\.$/);
    const clear = await checkWeb({ ...base, web: { ...base.web, host: '0.0.0.0', port: 0, tls: null } }, 2);
    expect(clear.at(-1)).toMatchObject({ warning: true, detail: expect.stringMatching(/^sin certificado, las contraseñas de 2 usuarios viajan sin cifrar por la red\./) });
    expect(await checkWeb({ ...base, web: { ...base.web, enabled: false } }, 0)).toEqual([{ name: 'lista de trabajo (web)', ok: true, detail: 'OK (desactivada: [web] activa = no)' }]);
  });
});

describe('limitOne: each profile read limited to one row', () => {
  const opts = { asOf: '2026-11-02', lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 } as const;

  it('puts TOP (1) in the outer T-SQL SELECT and keeps values as bound parameters', () => {
    const statements = tangoProfile.statements(mssqlCompiler(), opts);
    for (const st of statements) {
      const q = limitOne(st.sql, st.bindings, 'mssql');
      expect(q.sql).toMatch(/^select (distinct )?top \(1\) /);
      expect(q.sql).not.toMatch(/@p\d/);
      expect(q.sql.split('?').length - 1).toBe(q.bindings.length);
    }
    const sellers = limitOne(statements[0]!.sql, statements[0]!.bindings, 'mssql');
    expect(sellers).toMatchSnapshot();
  });

  it('maps @pN to positions even when the numbers repeat', () => {
    expect(limitOne('select a from t where x = @p1 and y = @p0 or z = @p1', ['A', 'B'], 'mssql')).toEqual({
      sql: 'select top (1) a from t where x = ? and y = ? or z = ?', bindings: ['B', 'A', 'B'],
    });
    expect(limitOne('select a from t where x = ? order by a', [3], 'sqlite')).toEqual({
      sql: 'select * from (select a from t where x = ? order by a) limit 1', bindings: [3],
    });
  });
});
