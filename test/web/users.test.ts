/**
 * «Usuarios» over real HTTP: only administrators see it; an administrator
 * changes a role (and back to the INI's), blocks a user (their session ends
 * at once) and unblocks, removes a password; each change is audited; an
 * administrator cannot block themself nor drop their own administrator role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../service/web/security';
import { findUser, saveUser } from '../../service/web/users';
import { DEMO_START } from '../e2e/helpers';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

type Row = Record<string, unknown>;
const ADMIN = 'sistemas@distribuidora-ejemplo.com.ar';

describe('users page', () => {
  let w: WebCompany;
  let collector: string;
  let supervisor: string;
  let seller: string;

  async function as(email: string): Promise<WebClient> {
    const c = new WebClient(w.url);
    c.setCookieHeader(await w.sessionFor(email));
    return c;
  }
  const lastAudit = async (): Promise<Row> => (await w.ctx.db(w.ctx.tables.auditoria).orderBy('ID', 'desc').first()) as Row;
  const userRow = (html: string, email: string): string => textOf(new RegExp(`<tr data-usuario="${email.replace(/\./g, '\\.')}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '');

  beforeAll(async () => {
    w = await openWebCompany({
      tag: 'web-users', asOf: DEMO_START,
      configure: (config) => ({ ...config, web: { ...config.web, admins: [ADMIN] } }),
    });
    await w.cycle(DEMO_START);
    collector = w.config.staff.collector.email.toLowerCase();
    supervisor = w.config.staff.supervisor.email.toLowerCase();
    seller = Object.values(w.config.staff.sellers)[0]!.email.toLowerCase();
  }, 120_000);
  afterAll(async () => w?.close());

  it('only administrators see Usuarios; it lists every user with role, INI, password and state', async () => {
    expect((await (await as(collector)).get('/usuarios')).status).toBe(404);
    const sup = await as(supervisor);
    expect((await sup.get('/usuarios')).status).toBe(404);
    const hoy = await sup.get('/hoy');
    expect(hoy.text).not.toContain('href="/usuarios"');
    const r404 = await sup.post(`/usuarios/${collector}`, { _csrf: csrfOf(hoy.text), accion: 'bloquear' });
    expect(r404.status).toBe(404);
    expect((await findUser(w.ctx.db, w.ctx.tables, w.config, collector))!.active).toBe(true);

    const page = await (await as(ADMIN)).get('/usuarios');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/usuarios" aria-current="page"');
    expect(userRow(page.text, collector)).toContain(`${w.config.staff.collector.name} ${collector} Cobrador sí no activo`);
    expect(userRow(page.text, supervisor)).toContain(`${w.config.staff.supervisor.name} ${supervisor} Supervisor sí no activo`);
    expect(userRow(page.text, ADMIN)).toContain(`${ADMIN} ${ADMIN} Administrador sí no activo`);
  });

  it('changes a role and back to the INI\'s, audited; the new role counts at once', async () => {
    const admin = await as(ADMIN);
    const page = await admin.get('/usuarios');
    const res = await admin.post(`/usuarios/${collector}`, { _csrf: csrfOf(page.text), accion: 'rol', rol: 'supervisor' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/usuarios?hecho=usuario');
    const after = await admin.get(res.location!);
    expect(textOf(after.text)).toContain('Usuario actualizado.');
    expect(userRow(after.text, collector)).toContain('Supervisor');
    expect((await (await as(collector)).get('/supervisor')).status).toBe(200);
    const row = await lastAudit();
    expect(row.ACCION).toBe('usuario_rol');
    expect(row.USUARIO).toBe(ADMIN);
    expect(row.ANTES).toBe(`${collector}: Cobrador`);
    expect(row.DESPUES).toBe(`${collector}: Supervisor`);
    const back = await admin.post(`/usuarios/${collector}`, { _csrf: csrfOf(after.text), accion: 'rol', rol: 'ini' });
    expect(back.status).toBe(303);
    expect((await (await as(collector)).get('/supervisor')).status).toBe(404);
    expect((await lastAudit()).DESPUES).toBe(`${collector}: Cobrador (el del INI)`);
    const log = textOf((await admin.get('/supervisor/auditoria')).text);
    expect(log).toContain(`Rol de usuario — ${collector}: Cobrador → ${collector}: Supervisor`);
  });

  it('blocks a user (their open session ends) and unblocks; removes a password', async () => {
    const admin = await as(ADMIN);
    const victim = await as(seller);
    expect((await victim.get('/hoy')).status).toBe(200);
    let page = await admin.get('/usuarios');
    expect((await admin.post(`/usuarios/${seller}`, { _csrf: csrfOf(page.text), accion: 'bloquear' })).status).toBe(303);
    expect((await victim.get('/hoy')).status).toBe(302);
    page = await admin.get('/usuarios');
    expect(userRow(page.text, seller)).toContain('bloqueado');
    expect((await lastAudit()).DESPUES).toBe(`${seller}: bloqueado`);
    expect((await admin.post(`/usuarios/${seller}`, { _csrf: csrfOf(page.text), accion: 'desbloquear' })).status).toBe(303);
    expect((await findUser(w.ctx.db, w.ctx.tables, w.config, seller))!.active).toBe(true);

    await saveUser(w.ctx.db, w.ctx.tables, supervisor, { passwordHash: await hashPassword('clave-del-supervisor') }, w.day.now);
    page = await admin.get('/usuarios');
    expect(userRow(page.text, supervisor)).toContain('Supervisor sí sí activo');
    expect((await admin.post(`/usuarios/${supervisor}`, { _csrf: csrfOf(page.text), accion: 'quitar_clave' })).status).toBe(303);
    expect((await findUser(w.ctx.db, w.ctx.tables, w.config, supervisor))!.hasPassword).toBe(false);
    expect((await lastAudit()).DESPUES).toBe(`${supervisor}: sin contraseña`);
  });

  it('an administrator cannot block themself nor drop their own administrator role', async () => {
    const admin = await as(ADMIN);
    const page = await admin.get('/usuarios');
    const before = Number(((await w.ctx.db(w.ctx.tables.auditoria).count({ n: '*' })) as Row[])[0]!.n);
    const block = await admin.post(`/usuarios/${ADMIN}`, { _csrf: csrfOf(page.text), accion: 'bloquear' });
    expect(block.status).toBe(400);
    expect(textOf(block.text)).toContain('No puede bloquearse a sí mismo.');
    const demote = await admin.post(`/usuarios/${ADMIN}`, { _csrf: csrfOf(page.text), accion: 'rol', rol: 'supervisor' });
    expect(demote.status).toBe(400);
    expect(textOf(demote.text)).toContain('No puede quitarse a sí mismo el rol de administrador');
    const me = (await findUser(w.ctx.db, w.ctx.tables, w.config, ADMIN))!;
    expect(me.role).toBe('administrador');
    expect(me.active).toBe(true);
    expect(Number(((await w.ctx.db(w.ctx.tables.auditoria).count({ n: '*' })) as Row[])[0]!.n)).toBe(before);
    const unknown = await admin.post('/usuarios/nadie@ejemplo.com', { _csrf: csrfOf(page.text), accion: 'bloquear' });
    expect(unknown.status).toBe(404);
  });
});
