/** [correo] remitente_clientes / responder_a_clientes: who reminders to customers come from and where replies and bounces go. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../service/config';
import { addToSection, fixture } from './helpers';

const base = fixture('minimo.ini');
const parse = (text: string) => parseConfigText(text, 'cadencia.ini', {});

describe('sender of the reminders to customers', () => {
  it('defaults: remitente; replies to responder_a, else the company e-mail, else nowhere special', () => {
    const none = parse(base);
    expect(none.mail.customerFrom).toBe('cobranzas@ferreteria-ejemplo.com.ar');
    expect(none.mail.customerReplyTo).toBeNull();
    expect(parse(addToSection(base, 'empresa', 'email = administracion@ferreteria-ejemplo.com.ar')).mail.customerReplyTo)
      .toBe('administracion@ferreteria-ejemplo.com.ar');
    expect(parse(addToSection(base, 'correo', 'responder_a = respuestas@ferreteria-ejemplo.com.ar')).mail.customerReplyTo)
      .toBe('respuestas@ferreteria-ejemplo.com.ar');
  });

  it('takes its own sender and reply-to', () => {
    const c = parse(addToSection(base, 'correo',
      'remitente_clientes = Cobranzas Ejemplo <cobranzas@ejemplo.com.ar>', 'responder_a_clientes = cuentas@ejemplo.com.ar'));
    expect(c.mail.customerFrom).toBe('Cobranzas Ejemplo <cobranzas@ejemplo.com.ar>');
    expect(c.mail.customerReplyTo).toBe('cuentas@ejemplo.com.ar');
  });

  it('refuses what is not an address, in Spanish', () => {
    let error: unknown;
    try {
      parse(addToSection(base, 'correo', 'responder_a_clientes = cuentas arroba ejemplo'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/\[correo\] responder_a_clientes: se esperaba un correo o «Nombre <correo@empresa\.com\.ar>», se encontró «cuentas arroba ejemplo»$/);
  });
});
