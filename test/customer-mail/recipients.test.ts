/** Who a reminder goes to: the ERP's e-mail as Tango keeps it (one, several, none, wrong), and the collections contact that wins. */
import { describe, expect, it } from 'vitest';
import { checkCollectionsEmail, parseAddresses, recipientsOf } from '../../service/customer-mail/recipients';

describe('recipients of a reminder', () => {
  it('splits on «;» and «,», trims spaces and keeps each address once (without case)', () => {
    expect(parseAddresses(' pagos@ferreteria.com.ar ;compras@ferreteria.com.ar,  PAGOS@Ferreteria.com.ar ; ')).toEqual({
      valid: ['pagos@ferreteria.com.ar', 'compras@ferreteria.com.ar'],
      invalid: [],
    });
    expect(parseAddresses('Tesorería <tesoreria@acme.com.ar>')).toEqual({ valid: ['tesoreria@acme.com.ar'], invalid: [] });
  });

  it('reports what is not an address and never keeps it', () => {
    expect(parseAddresses('juan perez@x.com; ventas@; sin correo; ok@empresa.com.ar; @x.com; a@b')).toEqual({
      valid: ['ok@empresa.com.ar'],
      invalid: ['juan perez@x.com', 'ventas@', 'sin correo', '@x.com', 'a@b'],
    });
    expect(parseAddresses('')).toEqual({ valid: [], invalid: [] });
    expect(parseAddresses(null)).toEqual({ valid: [], invalid: [] });
  });

  it('the collections contact wins over the ERP e-mail; without it, the ERP; without either, nobody', () => {
    expect(recipientsOf('erp@cliente.com.ar', 'cobranzas@cliente.com.ar; ')).toEqual({
      valid: ['cobranzas@cliente.com.ar'], invalid: [], source: 'cobranza',
    });
    expect(recipientsOf('erp@cliente.com.ar, mal@', '  ')).toEqual({ valid: ['erp@cliente.com.ar'], invalid: ['mal@'], source: 'erp' });
    expect(recipientsOf(null, null)).toEqual({ valid: [], invalid: [], source: null });
  });

  it('checks what staff type as the collections contact', () => {
    expect(checkCollectionsEmail(' a@x.com.ar , b@y.com ')).toBe('a@x.com.ar; b@y.com');
    expect(checkCollectionsEmail('ninguno')).toBeNull();
    expect(checkCollectionsEmail('')).toBeNull();
    expect(() => checkCollectionsEmail('a@x.com; mal')).toThrow('No es una dirección de correo válida: «mal».');
  });
});
