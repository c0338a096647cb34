/** The worklist's address as staff open it (pages, sign-in mails, the daily digest). */
import { hostname } from 'node:os';
import type { WebConfig } from '../config';

/** The address staff open: [web] url_publica, or http(s)://<this computer>:<port>. */
export function publicUrlOf(web: WebConfig): string {
  if (web.publicUrl) return web.publicUrl.replace(/\/+$/, '');
  const host = web.host === '0.0.0.0' || web.host === '::' ? hostname().toLowerCase() : web.host;
  return `${web.tls ? 'https' : 'http'}://${host}:${web.port}`;
}
