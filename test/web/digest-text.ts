/**
 * Reading the day's digest as its recipient reads it (the text part the
 * outbox holds) and the customer page's messages, to compare them word for
 * word.
 */
import { expect } from 'vitest';

/** The digest's entry of a customer (from its «N. name (cód. X)» line to the next separator). */
export function sectionOf(digest: string, code: string): string {
  const start = digest.indexOf(`(cód. ${code}) — NIVEL`);
  expect(start, `${code} en el resumen`).toBeGreaterThan(0);
  const end = digest.indexOf('\n======', start);
  return digest.slice(start, end < 0 ? undefined : end);
}

/** The codes of the customers a digest lists, in order. */
export function codesOf(digest: string): string[] {
  return [...digest.matchAll(/\(cód\. ([^)]+)\) — NIVEL/g)].map((m) => m[1]!);
}

/** The digest's messages of an entry: channel name → text (e-mail: its subject apart). */
export function digestMessages(section: string): Map<string, { subject: string | null; text: string }> {
  const out = new Map<string, { subject: string | null; text: string }>();
  const re = /\n--- ([^\n·]+?)(?: · [^\n]*)? ---\n([\s\S]*?)(?=\n\n--- |\n\nRegistrá el resultado:)/g;
  for (const m of section.matchAll(re)) {
    let body = m[2]!.replace(/^\(El cliente no tiene correo cargado en el ERP\.\)\n/, '');
    let subject: string | null = null;
    const s = /^Asunto: (.*)\n\n/.exec(body);
    if (s) {
      subject = s[1]!;
      body = body.slice(s[0].length);
    }
    body = body.replace(/\nAbrir WhatsApp con este mensaje: .*$/, '').replace(/\n\(No hay un celular válido[^\n]*\)$/, '');
    out.set(m[1]!, { subject, text: body.trim() });
  }
  return out;
}

/** The page's channel id of a digest's channel name. */
export const CHANNEL_ID: Record<string, string> = {
  'Correo electrónico': 'email', WhatsApp: 'whatsapp', Teléfono: 'telefono', Carta: 'carta',
};

/** HTML entities of the escaper decoded, whitespace kept. */
export function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The page's message of a channel (the element the Copiar button copies). */
export function pageMessage(html: string, channel: string): string {
  const m = new RegExp(`<div class="mensaje" id="mensaje-${channel}">([\\s\\S]*?)</div>`).exec(html);
  expect(m, `mensaje ${channel}`).not.toBeNull();
  return decode(m![1]!).trim();
}

/** The page's e-mail subject. */
export function pageSubject(html: string): string | null {
  const m = /<span id="asunto-email" class="asunto">([^<]*)<\/span>/.exec(html);
  return m ? decode(m[1]!) : null;
}
