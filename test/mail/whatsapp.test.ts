import { describe, expect, it } from 'vitest';
import { normalizeArgentineMobile, whatsappLink } from '../../service/mail/whatsapp';

describe('Argentine mobile numbers for wa.me', () => {
  it.each([
    ['011 15-4567-8901', '5491145678901'],
    ['+54 9 11 4567-8901', '5491145678901'],
    ['5491145678901', '5491145678901'],
    ['+54 11 15 4567 8901', '5491145678901'],
    ['0054 9 11 4567 8901', '5491145678901'],
    ['(011) 4567-8901', '5491145678901'],
    ['11 4567 8901', '5491145678901'],
    ['0351 15-612-3456', '5493516123456'],
    ['(0351) 156123456', '5493516123456'],
    ['+54 9 351 612-3456', '5493516123456'],
    ['02965 15-41-2345', '5492965412345'],
    ['0294 15 442 1234', '5492944421234'],
    ['0221 15 555 1234', '5492215551234'],
    ['+54 0351 15 612 3456', '5493516123456'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeArgentineMobile(raw)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['15-4567-8901'], // no area code
    ['4567-8901'],
    ['011 15 4567 890'], // one digit short
    ['011 16 4567 8901'], // 12 digits without the 15 prefix
    ['+1 212 555 0100 00'],
    ['celular: 11 4567 8901'], // words are not phone syntax
    ['11 4567 8901 / 11 5555 6666'],
    ['0000000000'],
  ])('rejects %s', (raw) => {
    expect(normalizeArgentineMobile(raw)).toBeNull();
  });

  it('builds the click-to-chat link with the text url-encoded', () => {
    const link = whatsappLink('011 15-4567-8901', 'Hola, ¿cómo está? Saldo $ 1.234,56 & más');
    expect(link).toBe(
      `https://wa.me/5491145678901?text=${encodeURIComponent('Hola, ¿cómo está? Saldo $ 1.234,56 & más')}`,
    );
    expect(new URL(link!).searchParams.get('text')).toBe('Hola, ¿cómo está? Saldo $ 1.234,56 & más');
    expect(whatsappLink('sin número', 'x')).toBeNull();
  });
});
