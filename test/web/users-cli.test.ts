/**
 * `cadencia usuarios` as a real process on the demo company's database while
 * its worklist is served: a password piped on stdin signs in over HTTP, a
 * wrong role word or an unknown e-mail is one Spanish line with exit code 2,
 * a block ends the user's session, and `enlace` prints a working one-time link.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeIni } from '../e2e/cli-process';
import { DEMO_START, erpFileOf } from '../e2e/helpers';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

type Row = Record<string, unknown>;

describe('cadencia usuarios', () => {
  let w: WebCompany;
  let ini: string;
  let collector: { name: string; email: string };

  /** `cadencia usuarios …` with `input` piped on stdin. */
  function cli(args: string[], input = ''): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', join('service', 'cli.ts'), 'usuarios', ...args, '--config', ini], {
        stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' },
      });
      let out = '';
      proc.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      proc.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      proc.stdin.end(input);
      proc.once('exit', (code) => resolve({ code, out }));
    });
  }

  beforeAll(async () => {
    w = await openWebCompany({ tag: 'web-users-cli', asOf: DEMO_START });
    ini = join(w.dir, 'cadencia.ini');
    writeIni(ini, { erpFile: erpFileOf(w.config), mailFolder: join(w.dir, 'correo'), logFolder: join(w.dir, 'registros') });
    collector = { name: w.config.staff.collector.name, email: w.config.staff.collector.email.toLowerCase() };
  }, 120_000);
  afterAll(async () => w?.close());

  it('sets a password from stdin; the user signs in with it over HTTP; a short one is refused', async () => {
    const short = await cli(['clave', collector.email], 'corta\n');
    expect(short.code).toBe(2);
    expect(short.out.trim()).toBe('La contraseña debe tener al menos 10 caracteres.');

    const set = await cli(['clave', collector.email], 'una-clave-de-prueba\n');
    expect(set.code, set.out).toBe(0);
    expect(set.out).toContain(`Contraseña de ${collector.name} (${collector.email}) guardada.`);
    const c = new WebClient(w.url);
    const form = await c.get('/ingresar');
    const ok = await c.post('/ingresar', { _csrf: csrfOf(form.text), email: collector.email, clave: 'una-clave-de-prueba', modo: 'clave', volver: '/hoy' });
    expect(ok.status).toBe(303);
    expect((await c.get('/hoy')).status).toBe(200);

    const list = await cli(['listar']);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toMatch(new RegExp(`${collector.name}\\s+${collector.email.replace(/\./g, '\\.')}\\s+Cobrador\\s+sí\\s+sí\\s+activo`));

    const audit = (await w.ctx.db(w.ctx.tables.auditoria).orderBy('ID', 'desc').first()) as Row;
    expect(audit.ACCION).toBe('usuario_clave');
    expect(String(audit.USUARIO)).toMatch(/^consola:/);

    // A new password ends the sessions opened with the old one.
    const again = await cli(['clave', collector.email], 'otra-clave-de-prueba\n');
    expect(again.code, again.out).toBe(0);
    expect((await c.get('/hoy')).status).toBe(302);
  }, 120_000);

  it('a wrong role word or an unknown e-mail is one Spanish line and exit code 2', async () => {
    const role = await cli(['rol', collector.email, 'jefe']);
    expect(role.code).toBe(2);
    expect(role.out.trim()).toBe('Rol: se esperaba cobrador, supervisor, administrador, ini; se recibió «jefe».');
    const unknown = await cli(['bloquear', 'nadie@ejemplo.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.out.trim()).toBe('«nadie@ejemplo.com» no es un usuario: no figura en [personal] ni en [vendedores] del INI, ni en COB_USUARIO.');
    const ok = await cli(['rol', collector.email, 'supervisor']);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out.trim()).toBe(`${collector.name} (${collector.email}) tiene ahora el rol supervisor.`);
    const back = await cli(['rol', collector.email, 'ini']);
    expect(back.out.trim()).toBe(`${collector.name} (${collector.email}) tiene ahora el rol cobrador, el que le da el INI.`);
  }, 120_000);

  it('blocks (the open session ends), unblocks, and prints a one-time link that signs in', async () => {
    const seller = Object.values(w.config.staff.sellers)[0]!;
    const email = seller.email.toLowerCase();
    const c = new WebClient(w.url);
    c.setCookieHeader(await w.sessionFor(email));
    expect((await c.get('/hoy')).status).toBe(200);
    const block = await cli(['bloquear', email]);
    expect(block.code, block.out).toBe(0);
    expect(block.out).toContain('quedó bloqueado');
    expect((await c.get('/hoy')).status).toBe(302);
    const refused = await cli(['enlace', email]);
    expect(refused.code).toBe(2);
    expect((await cli(['desbloquear', email])).code).toBe(0);

    const link = await cli(['enlace', email]);
    expect(link.code, link.out).toBe(0);
    expect(link.out).toContain(`Enlace de ingreso para ${seller.name} (${email}), sirve una sola vez`);
    const url = /(https?:\/\/\S+\/e\/\S+)/.exec(link.out)?.[1];
    expect(url).toBeDefined();
    expect(url!.startsWith('http://')).toBe(true);
    const path = new URL(url!).pathname;
    const shown = await c.get(path);
    expect(shown.status).toBe(200);
    expect(textOf(shown.text)).toContain(`Enlace de ingreso para ${email}`);
    const signed = await c.post(path, { _csrf: csrfOf(shown.text), volver: '/hoy' });
    expect(signed.status).toBe(303);
    expect((await c.get('/hoy')).status).toBe(200);
  }, 120_000);
});
