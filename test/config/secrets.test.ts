/** Passwords in the INI: a «;» or «#» that would cut them, and SMTP logins without encryption. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../service/config';
import { fixture, lineOf, replaceLine } from './helpers';

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, 'cadencia.ini', { CADENCIA_SQL_CLAVE: 'x', CADENCIA_OAUTH2_SECRETO: 'y', CADENCIA_OAUTH2_TOKEN: 'z' });
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

const SMTP_CLAVE = [
  '[correo]', 'modo = smtp', 'servidor = 192.168.0.10', 'usuario = cobranzas',
  'remitente = cobranzas@ferreteria-ejemplo.com.ar',
];

function smtpIni(...extra: string[]): string {
  const base = fixture('minimo.ini');
  const start = base.indexOf('[correo]');
  const end = base.indexOf('[personal]');
  return `${base.slice(0, start)}${[...SMTP_CLAVE, ...extra].join('\n')}\n\n${base.slice(end)}`;
}

describe('passwords with «;» or «#»', () => {
  it('names file:line:key and says how to quote, without printing the password', () => {
    const text = replaceLine(fixture('sqlserver.ini'), 'clave =', 'clave = Abc;123#x');
    const problems = problemsOf(text);
    expect(problems).toEqual([
      `cadencia.ini:${lineOf(text, 'clave =')}: [erp] clave: el valor se corta en «;»: sin comillas, lo que sigue se toma ` +
        "como comentario. Si la clave lleva «;» o «#», escríbala entre comillas simples (clave = 'abc;123') o tómela " +
        'de una variable de entorno (clave = ${VARIABLE})',
    ]);
    expect(problems.join('\n')).not.toContain('Abc');
  });

  it('flags «#» in an SMTP password too, and takes quoted ones whole', () => {
    const cut = smtpIni('clave = Pa#ss', 'clave_sin_cifrar = si', 'seguridad = ninguna');
    expect(problemsOf(cut)).toEqual([expect.stringMatching(
      new RegExp(`^cadencia\\.ini:${lineOf(cut, 'clave = Pa')}: \\[correo\\] clave: el valor se corta en «#»`),
    )]);
    const single = parseConfigText(smtpIni("clave = 'Pa#ss;1'"), 'cadencia.ini', {});
    expect(single.mail.smtp?.auth).toEqual({ type: 'clave', user: 'cobranzas', password: 'Pa#ss;1' });
    const double = parseConfigText(smtpIni('clave = "Pa#ss;1"'), 'cadencia.ini', {});
    expect(double.mail.smtp?.auth).toEqual({ type: 'clave', user: 'cobranzas', password: 'Pa#ss;1' });
  });

  it('accepts a comment after an environment reference', () => {
    const text = replaceLine(fixture('sqlserver.ini'), 'clave =', 'clave = ${CADENCIA_SQL_CLAVE} ; del servicio');
    expect(problemsOf(text)).toEqual([]);
  });
});

describe('SMTP login without encryption', () => {
  it('refuses seguridad = ninguna with a password unless clave_sin_cifrar = si', () => {
    const text = smtpIni('clave = secreta', 'seguridad = ninguna');
    expect(problemsOf(text)).toEqual([
      `cadencia.ini:${lineOf(text, 'seguridad')}: [correo] seguridad: con autenticacion = clave, seguridad = ninguna ` +
        'manda el usuario y la clave sin cifrar: use starttls o tls o, si el servidor de correo está en la red interna ' +
        'y sólo acepta conexiones sin cifrar, agregue clave_sin_cifrar = si',
    ]);
    const allowed = parseConfigText(smtpIni('clave = secreta', 'seguridad = ninguna', 'clave_sin_cifrar = si'), 'cadencia.ini', {});
    expect(allowed.mail.smtp).toMatchObject({ security: 'ninguna', port: 25, auth: { type: 'clave', password: 'secreta' } });
    const starttls = parseConfigText(smtpIni('clave = secreta'), 'cadencia.ini', {});
    expect(starttls.mail.smtp).toMatchObject({ security: 'starttls', port: 587 });
  });

  it('lets an open relay without login use seguridad = ninguna', () => {
    const relay = parseConfigText(smtpIni('seguridad = ninguna', 'autenticacion = ninguna'), 'cadencia.ini', {});
    expect(relay.mail.smtp).toMatchObject({ security: 'ninguna', auth: { type: 'ninguna' } });
  });
});
