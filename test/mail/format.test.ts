import { describe, expect, it } from 'vitest';
import { dueIn, formatDate, formatMoney } from '../../service/mail/format';
import { displayName, formatAddress, singleLine } from '../../service/mail/headers';
import { textToHtml } from '../../service/mail/html-text';

describe('es-AR formatting', () => {
  it('says when an installment falls due in words that agree with the number', () => {
    expect([0, 1, 2, 15, -3].map(dueIn)).toEqual(['hoy', 'en 1 día', 'en 2 días', 'en 15 días', 'hoy']);
  });


  it.each([
    [1234.56, '$ 1.234,56'],
    [0, '$ 0,00'],
    [5, '$ 5,00'],
    [1_254_000, '$ 1.254.000,00'],
    [0.005, '$ 0,01'],
    [-1500.5, '-$ 1.500,50'],
    [999.999, '$ 1.000,00'],
  ])('money %d → %s', (n, s) => {
    expect(formatMoney(n)).toBe(s);
  });

  it('dates as dd/mm/aaaa and rejects other shapes', () => {
    expect(formatDate('2026-03-09')).toBe('09/03/2026');
    expect(() => formatDate('9/3/2026')).toThrow(/Fecha inválida/);
  });
});

describe('header hygiene', () => {
  it('collapses CR, LF and other control characters into one line', () => {
    expect(singleLine('Hola\r\nBcc: x@y\u2028z\t\u0000fin')).toBe('Hola Bcc: x@y z fin');
    expect(singleLine('a'.repeat(300), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('display names lose quotes and angle brackets; addresses are validated', () => {
    expect(displayName('Ana "la jefa" <ana@x>\r\nBcc: y@z')).toBe('Ana la jefa ana@x Bcc: y@z');
    expect(formatAddress('ana@acme.test', 'Ana\r\nBcc: x@y')).toBe('"Ana Bcc: x@y" <ana@acme.test>');
    expect(formatAddress('ana@acme.test')).toBe('ana@acme.test');
    expect(() => formatAddress('ana@acme.test\r\nBcc: x@y')).toThrow(/inválida/);
  });

  it('text to HTML escapes markup and keeps lines and indentation', () => {
    expect(textToHtml('<b>Hola</b> & chau\n  · $ 1.234,56')).toBe(
      '&lt;b&gt;Hola&lt;/b&gt; &amp; chau<br>\n&nbsp;&nbsp;· $&nbsp;1.234,56',
    );
  });
});
