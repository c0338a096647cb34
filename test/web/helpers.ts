/**
 * A demo company with its worklist served on 127.0.0.1 (a free port), and a
 * small cookie-keeping HTTP client that reads pages as a browser would
 * (forms, CSRF tokens, redirects). The browser suites use the same server.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { IsoDate } from '../../rules/types';
import { createLink, createSession } from '../../service/web/store';
import { buildWebServer, SESSION_COOKIE, type WebServerOptions } from '../../service/web/server';
import { openDemoCompany, type Company, type CompanyOptions } from '../e2e/helpers';

export interface WebCompany extends Company {
  app: FastifyInstance;
  url: string;
  /** The worklist's «today». */
  day: { asOf: IsoDate; now: Date };
  /** A session cookie header for a user, without going through the sign-in pages. */
  sessionFor(email: string): Promise<string>;
  /** A fresh one-time sign-in URL for a user. */
  linkFor(email: string): Promise<string>;
}

export async function openWebCompany(
  opts: CompanyOptions & { asOf: IsoDate; server?: Partial<WebServerOptions> },
): Promise<WebCompany> {
  const company = await openDemoCompany(opts);
  const day = { asOf: opts.asOf, now: new Date(`${opts.asOf}T11:30:00Z`) };
  const app = await buildWebServer({
    companies: [{ id: company.config.company.id, name: company.config.company.name, context: async () => company.ctx }],
    web: { ...company.config.web, host: '127.0.0.1', port: 0, publicUrl: null },
    logger: company.ctx.logger,
    now: () => day.now,
    asOf: () => day.asOf,
    ...opts.server,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    ...company,
    app,
    url,
    day,
    async sessionFor(email) {
      const token = await createSession(company.ctx.db, company.ctx.tables, email, 12, day.now);
      return `${SESSION_COOKIE}=${company.config.company.id}.${token}`;
    },
    async linkFor(email) {
      return `${url}/e/${await createLink(company.ctx.db, company.ctx.tables, email, 12, day.now)}`;
    },
    async close() {
      await app.close();
      await company.close();
    },
  };
}

/** A client that keeps cookies, follows no redirect by itself, and fills forms from the page. */
export class WebClient {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  setCookieHeader(header: string): void {
    const [name, ...rest] = header.split('=');
    this.cookies.set(name!, rest.join('='));
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
  }

  async get(path: string): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(new URL(path, this.base), { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  async post(path: string, form: Record<string, string>): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(new URL(path, this.base), {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('La página no tiene token CSRF');
  return m[1]!;
}

/** Visible text of a page (tags removed, entities of the escaper decoded, spaces collapsed). */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ').trim();
}
