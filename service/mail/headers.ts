/**
 * Header hygiene: values from the ERP (customer names, company names) end up
 * in subjects and display names. A CR or LF there could start a new header
 * ("\r\nBcc: …"), so every header value goes through these before nodemailer.
 */

/** Collapses every control character (CR, LF, TAB, NUL, U+2028/9…) and runs of spaces into one space. */
export function singleLine(value: string, maxLength = 250): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}

/** A display name safe inside an address: one line, without quotes, angle brackets or backslashes. */
export function displayName(value: string): string {
  return singleLine(value.replace(/["<>\\]/g, ' '), 100);
}

/** `"Name" <email>`, or just the address without a usable name. Throws on an address that is not one. */
export function formatAddress(email: string, name?: string | null): string {
  const address = email.trim();
  if (!/^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\]]+$/.test(address)) {
    throw new Error(`Dirección de correo inválida: «${singleLine(address, 80)}».`);
  }
  const n = name ? displayName(name) : '';
  return n ? `"${n}" <${address}>` : address;
}
