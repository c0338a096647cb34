import { describe, expect, it } from 'vitest';
import { failureText } from '../../service/mail/outbox';
import { keySlug, messageOptions, safeErrorText, smtpOptions, toSendError } from '../../service/mail/transport';
import type { SmtpTransportConfig } from '../../service/mail/transport';

const base: SmtpTransportConfig = {
  kind: 'smtp', host: 'smtp.office365.com', port: 587, security: 'starttls',
  auth: { type: 'password', user: 'cobranzas@acme.test', password: 's3cr3t-pass' },
  from: { name: 'Cobranzas', email: 'cobranzas@acme.test' },
};

describe('SMTP transport options', () => {
  it('maps security modes to nodemailer flags', () => {
    expect(smtpOptions(base)).toMatchObject({ secure: false, requireTLS: true, ignoreTLS: false, auth: { user: 'cobranzas@acme.test', pass: 's3cr3t-pass' } });
    expect(smtpOptions({ ...base, port: 465, security: 'tls' })).toMatchObject({ secure: true, requireTLS: false });
    expect(smtpOptions({ ...base, port: 25, security: 'none', auth: { type: 'none' } })).toMatchObject({ secure: false, ignoreTLS: true });
    expect(smtpOptions({ ...base, auth: { type: 'none' } })).not.toHaveProperty('auth');
  });

  it('uses XOAUTH2 with the Microsoft tenant token endpoint and SMTP.Send scope', () => {
    const opts = smtpOptions({
      ...base,
      auth: { type: 'oauth2', provider: 'microsoft', user: 'cobranzas@acme.test', clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rtok', tenantId: 'acme.onmicrosoft.com' },
    });
    expect(opts.auth).toEqual({
      type: 'OAuth2', user: 'cobranzas@acme.test', clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rtok',
      accessUrl: 'https://login.microsoftonline.com/acme.onmicrosoft.com/oauth2/v2.0/token',
      customParams: { scope: 'https://outlook.office365.com/SMTP.Send offline_access' },
    });
    const google = smtpOptions({ ...base, host: 'smtp.gmail.com', auth: { type: 'oauth2', provider: 'google', user: 'a@gmail.com', clientId: 'c', clientSecret: 's', refreshToken: 'r' } });
    expect(google.auth).toMatchObject({ type: 'OAuth2', accessUrl: 'https://oauth2.googleapis.com/token' });
  });

  it('error texts are one line and never carry secrets', () => {
    const e = Object.assign(new Error('Invalid login: 535 bad password s3cr3t-pass\r\nmore'), { code: 'EAUTH' });
    expect(safeErrorText(e, ['s3cr3t-pass'])).toBe('EAUTH: Invalid login: 535 bad password *** more');
    const err = toSendError(e, ['s3cr3t-pass']);
    expect(err.transportDown).toBe(true);
    expect(toSendError(Object.assign(new Error('550 mailbox unavailable'), { code: 'EENVELOPE' })).transportDown).toBe(false);
  });

  it('tells an unusable server from a rejected mail, and a permanent rejection from a temporary one', () => {
    const smtpError = (code: string, command: string, responseCode?: number) =>
      toSendError(Object.assign(new Error('x'), { code, command, ...(responseCode ? { responseCode } : {}) }));
    const kind = (e: ReturnType<typeof toSendError>) => (e.transportDown ? 'caído' : e.permanent ? 'permanente' : 'temporal');
    expect(kind(smtpError('ECONNECTION', 'CONN'))).toBe('caído');
    expect(kind(smtpError('ETIMEDOUT', 'CONN'))).toBe('caído');
    expect(kind(smtpError('EPROTOCOL', 'CONN', 554))).toBe('caído'); // refused at the greeting
    expect(kind(smtpError('EAUTH', 'AUTH PLAIN', 535))).toBe('caído'); // login refused: no mail was looked at
    expect(kind(smtpError('EENVELOPE', 'RCPT TO', 421))).toBe('caído'); // server closing the channel
    expect(kind(smtpError('EENVELOPE', 'RCPT TO', 550))).toBe('permanente');
    expect(kind(smtpError('EMESSAGE', 'DATA', 554))).toBe('permanente');
    expect(kind(smtpError('EENVELOPE', 'RCPT TO', 450))).toBe('temporal');
    expect(kind(smtpError('EMESSAGE', 'DATA', 451))).toBe('temporal');
    expect(kind(toSendError(new Error('algo inesperado')))).toBe('temporal');
  });

  it('stores each kind of failure in Spanish, with the server answer when there is one', () => {
    const err = (props: Record<string, unknown>) => toSendError(Object.assign(new Error(String(props.message ?? 'x')), props), ['s3cr3t']);
    expect(failureText(err({ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' })))
      .toBe('Servidor de correo no disponible: ESOCKET: connect ECONNREFUSED 127.0.0.1:25');
    expect(failureText(err({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, response: '535 5.7.8 bad s3cr3t', message: 'Invalid login: 535 5.7.8 bad s3cr3t' })))
      .toBe('El servidor de correo rechazó el inicio de sesión (revise usuario, clave u OAuth2 en [correo]): EAUTH: Invalid login: 535 5.7.8 bad ***');
    expect(failureText(err({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 User unknown' })))
      .toBe('Rechazado por el servidor (definitivo, no se reintenta): 550 5.1.1 User unknown');
    expect(failureText(err({ code: 'EMESSAGE', command: 'DATA', responseCode: 451, response: '451 4.3.0 Try later' })))
      .toBe('Rechazado por el servidor (temporal): 451 4.3.0 Try later');
    expect(failureText(err({ message: 'EACCES: permission denied' }))).toBe('Error al enviar: EACCES: permission denied');
  });

  it('message headers are re-flattened before nodemailer sees them', () => {
    const opts = messageOptions(
      { key: 'k', kind: 'resumen', date: '2026-03-16', to: 'ana@acme.test\r\nBcc: x@y', subject: 'Hola\r\nBcc: x@y', html: '<p>x</p>', text: 'x', messageId: '<a@b>' },
      { from: { name: 'Cobranzas\r\nX', email: 'c@acme.test' } },
    );
    expect(opts).toMatchObject({ to: 'ana@acme.test Bcc: x@y', subject: 'Hola Bcc: x@y', from: '"Cobranzas X" <c@acme.test>' });
  });

  it('file names from keys are safe', () => {
    expect(keySlug('ana@acme.test|2026-03-16|resumen')).toBe('ana@acme.test_2026-03-16_resumen');
    expect(keySlug('../../etc|x')).toBe('etc_x');
  });
});
