/**
 * Sign-in and sessions over real HTTP against a demo company: a one-time link
 * (GET shows a button, the POST signs in, a second use is refused), password
 * sign-in with scrypt, the CSRF token, rate limiting, and Hoy for the user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../rules/dates';
import { hashPassword } from '../../service/web/security';
import { saveUser } from '../../service/web/users';
import { DEMO_START } from '../e2e/helpers';
import { csrfOf, openWebCompany, textOf, WebClient, type WebCompany } from './helpers';

describe('worklist sign-in', () => {
  let w: WebCompany;
  const day = addDays(DEMO_START, 0);

  beforeAll(async () => {
    w = await openWebCompany({ tag: 'web-signin', asOf: day });
    await w.cycle(day);
  }, 120_000);
  afterAll(async () => w?.close());

  it('a one-time link opens a confirmation page; its POST signs in; the link cannot be used twice', async () => {
    const collector = w.config.staff.collector;
    const link = await w.linkFor(collector.email);
    const c = new WebClient(w.url);
    const shown = await c.get(link);
    expect(shown.status).toBe(200);
    expect(textOf(shown.text)).toContain(`Enlace de ingreso para ${collector.email.toLowerCase()}`);
    // The GET did not use it: a mail scanner following the link signs nobody in.
    const again = await c.get(link);
    expect(again.status).toBe(200);
    const signed = await c.post(new URL(link).pathname, { _csrf: csrfOf(shown.text), volver: '/hoy' });
    expect(signed.status).toBe(303);
    expect(signed.location).toBe('/hoy');
    const hoy = await c.get('/hoy');
    expect(hoy.status).toBe(200);
    expect(textOf(hoy.text)).toContain(collector.name);
    const other = new WebClient(w.url);
    const reused = await other.get(link);
    expect(reused.status).toBe(410);
    expect(textOf(reused.text)).toContain('Este enlace ya se usó');
  });

  it('password sign-in: wrong password refused with one line, right one signs in; a POST without CSRF is refused', async () => {
    const supervisor = w.config.staff.supervisor;
    await saveUser(w.ctx.db, w.ctx.tables, supervisor.email, { passwordHash: await hashPassword('clave-de-prueba-1') }, w.day.now);
    const c = new WebClient(w.url);
    const form = await c.get('/ingresar');
    const bad = await c.post('/ingresar', { _csrf: csrfOf(form.text), email: supervisor.email, clave: 'otra-clave-123', modo: 'clave', volver: '/hoy' });
    expect(bad.status).toBe(401);
    expect(textOf(bad.text)).toContain('Correo o contraseña incorrectos.');
    const noToken = await c.post('/ingresar', { email: supervisor.email, clave: 'clave-de-prueba-1', modo: 'clave' });
    expect(noToken.status).toBe(403);
    const ok = await c.post('/ingresar', { _csrf: csrfOf(bad.text), email: supervisor.email, clave: 'clave-de-prueba-1', modo: 'clave', volver: '/hoy' });
    expect(ok.status).toBe(303);
    const hoy = await c.get('/hoy');
    expect(hoy.status).toBe(200);
    const signOut = await c.post('/salir', { _csrf: csrfOf(hoy.text) });
    expect(signOut.status).toBe(303);
    expect((await c.get('/hoy')).location).toBe('/ingresar?volver=%2Fhoy');
  });

  it('pages ask for sign-in and keep where the user was going; no open redirect', async () => {
    const c = new WebClient(w.url);
    const r = await c.get('/hoy');
    expect(r.status).toBe(302);
    expect(r.location).toBe('/ingresar?volver=%2Fhoy');
    const form = await c.get('/ingresar?volver=//evil.example/x');
    expect(form.text).toContain('name="volver" value="/hoy"');
  });

  it('sends a strict Content-Security-Policy and HttpOnly SameSite cookies', async () => {
    const res = await fetch(`${w.url}/ingresar`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const link = await w.linkFor(w.config.staff.collector.email);
    const c = new WebClient(w.url);
    const shown = await c.get(link);
    const res2 = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `cadencia_csrf=${/cadencia_csrf=([^;]+)/.exec(shown.text) ? '' : ''}` },
      body: 'volver=%2Fhoy',
      redirect: 'manual',
    });
    expect(res2.status).toBe(403);
    const ok = await c.post(new URL(link).pathname, { _csrf: csrfOf(shown.text), volver: '/hoy' });
    expect(ok.status).toBe(303);
  });

  it('rate-limits sign-in attempts', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${w.url}/ingresar`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=x%40y.z&clave=z', redirect: 'manual',
      });
      last = res.status;
    }
    expect(last).toBe(429);
  });
});
