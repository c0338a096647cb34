/**
 * WhatsApp click-to-chat links for Argentine mobiles. wa.me wants the full
 * international number with no symbols: 54 + 9 + area code + subscriber
 * number, without the trunk '0' and without the local mobile prefix '15'.
 * Area code and subscriber number together always have 10 digits.
 */

/** Area codes have 2 to 4 digits; the ones that take 2 or 3 are listed, the rest take 4. */
const AREA_2 = new Set(['11']);
const AREA_3 = new Set([
  '220', '221', '223', '230', '236', '237', '249', '260', '261', '263', '264', '266', '280', '291', '294',
  '297', '298', '299', '336', '341', '342', '343', '345', '348', '351', '353', '358', '362', '364', '370',
  '376', '379', '380', '381', '383', '385', '387', '388',
]);

function areaLength(national: string): number {
  if (AREA_2.has(national.slice(0, 2))) return 2;
  if (AREA_3.has(national.slice(0, 3))) return 3;
  return 4;
}

/**
 * Normalises an Argentine mobile number to '549' + 10 digits, or returns null
 * when it cannot be a valid mobile. Accepts the usual ways people write them:
 * '011 15-4567-8901', '(0351) 15 456-7890', '+54 9 11 4567-8901', '5491145678901', '11 4567 8901'.
 */
export function normalizeArgentineMobile(raw: string | null | undefined): string | null {
  if (!raw) return null;
  // Only digits, spaces, dots, dashes, parentheses and a leading '+' are phone syntax.
  if (!/^\s*\+?[\d\s().-]+$/.test(raw)) return null;
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2); // international call prefix
  if (digits.startsWith('54')) {
    digits = digits.slice(2);
    if (digits.startsWith('9')) digits = digits.slice(1);
    if (digits.startsWith('0')) digits = digits.slice(1);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  }
  // Now: area code + optional '15' + subscriber number.
  if (digits.length === 12) {
    const area = areaLength(digits);
    if (digits.slice(area, area + 2) !== '15') return null;
    digits = digits.slice(0, area) + digits.slice(area + 2);
  }
  if (digits.length !== 10 || digits.startsWith('0') || digits.startsWith('15')) return null;
  return `549${digits}`;
}

/** A wa.me link with the message prefilled, or null when the number is not a usable mobile. */
export function whatsappLink(mobile: string | null | undefined, text: string): string | null {
  const number = normalizeArgentineMobile(mobile);
  if (!number) return null;
  return `https://wa.me/${number}?text=${encodeURIComponent(text)}`;
}
