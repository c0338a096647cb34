/**
 * Page rendering for the worklist: one Handlebars instance of its own (HTML
 * escaping on, as Handlebars does by default with {{ }}), Spanish formatting
 * helpers, and the layout every page shares. Templates are TypeScript strings
 * so the Windows executable carries them; nothing is loaded from disk or a CDN.
 */
import Handlebars from 'handlebars';
import { formatDate, formatMoney } from '../../rules/format';
import { LAYOUT } from './templates/layout';
import type { Role } from './users';

const hb = Handlebars.create();
hb.registerHelper('dinero', (n: unknown) => (typeof n === 'number' || typeof n === 'string' ? formatMoney(Number(n)) : ''));
hb.registerHelper('fecha', (d: unknown) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d) : ''));
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('plural', (n: unknown, one: string, many: string) => (Number(n) === 1 ? one : many));

export type Template = (view: object) => string;

const cache = new Map<string, Template>();

/** Compiles a page template once (strict: a misspelt variable is an error, not an empty string). */
export function template(source: string): Template {
  let t = cache.get(source);
  if (!t) {
    t = hb.compile(source, { strict: false, noEscape: false });
    cache.set(source, t);
  }
  return t;
}

export function registerPartial(name: string, source: string): void {
  hb.registerPartial(name, source);
}

export interface PageUser {
  name: string;
  email: string;
  role: Role;
}

export interface PageFrame {
  title: string;
  user: PageUser | null;
  csrf: string | null;
  company: string;
  /** Which menu entry is current. */
  section?: 'hoy' | 'supervisor' | 'usuarios' | null;
  flash?: string | null;
  error?: string | null;
}

const layout = template(LAYOUT);

export function renderPage(frame: PageFrame, body: string): string {
  const role = frame.user?.role;
  return layout({
    ...frame,
    body: new hb.SafeString(body),
    esSupervisor: role === 'supervisor' || role === 'administrador',
    esAdministrador: role === 'administrador',
    enHoy: frame.section === 'hoy',
    enSupervisor: frame.section === 'supervisor',
    enUsuarios: frame.section === 'usuarios',
  });
}
