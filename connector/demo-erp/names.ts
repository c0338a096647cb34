/**
 * Argentine-looking business names, addresses, phones, e-mails and CUITs for
 * the demo ERP, built by combination so any number of customers gets one.
 */
import type { Random } from './random';

const ACTIVITIES = [
  'Distribuidora', 'Ferretería', 'Metalúrgica', 'Transportes', 'Agropecuaria', 'Comercial', 'Industrias',
  'Laboratorios', 'Construcciones', 'Autopartes', 'Textil', 'Frigorífico', 'Panificadora', 'Librería',
  'Maderera', 'Electricidad', 'Plásticos', 'Logística', 'Servicios Gráficos', 'Química', 'Corralón',
  'Vidriería', 'Bulonera', 'Sanitarios', 'Acopio', 'Lácteos', 'Veterinaria', 'Insumos Médicos',
] as const;

const PLACES = [
  'del Sur', 'San Martín', 'Los Andes', 'La Pampa', 'Rivadavia', 'del Litoral', 'Belgrano', 'Patagónica',
  'Norte Grande', 'Cuyana', 'El Ceibo', 'La Esperanza', 'Santa Rosa', 'Mediterránea', 'Pampeana',
  'del Plata', 'Río Cuarto', 'Las Heras', 'Don Bosco', 'El Hornero', 'Tres Arroyos', 'La Paloma',
] as const;

const SURNAMES = [
  'Fernández', 'Gómez', 'Rodríguez', 'López', 'Martínez', 'García', 'Pérez', 'Sánchez', 'Romero', 'Sosa',
  'Álvarez', 'Torres', 'Ruiz', 'Ramírez', 'Flores', 'Acosta', 'Benítez', 'Medina', 'Herrera', 'Aguirre',
  'Giménez', 'Gutiérrez', 'Pereyra', 'Rossi', 'Bianchi', 'Ferraro', 'Russo', 'Colombo', 'Moretti', 'Lombardi',
  "D'Angelo", "D'Alessandro", 'Iturralde', 'Etchegaray', 'Goldberg', 'Kowalski', 'Nakamura', 'Haddad',
] as const;

const FIRST_NAMES = ['Juan', 'María', 'Carlos', 'Ana', 'Jorge', 'Silvia', 'Luis', 'Graciela', 'Ricardo', 'Marta'] as const;

const SUFFIXES = ['S.R.L.', 'S.A.', 'S.A.S.', 'SRL', 'SA', 'SAS', 'S.R.L.', 'S.A.'] as const;

const STREETS = [
  'Av. Corrientes', 'Av. Rivadavia', 'Av. San Martín', 'Belgrano', 'Mitre', 'Sarmiento', '25 de Mayo',
  'Av. Colón', 'Bv. Oroño', 'Av. Libertador', 'Independencia', 'Moreno', 'Av. Vélez Sarsfield', 'Urquiza',
] as const;

/** Locality and its phone area code. */
const LOCALITIES = [
  ['CABA', '11'], ['Avellaneda', '11'], ['San Isidro', '11'], ['La Plata', '221'], ['Rosario', '341'],
  ['Córdoba', '351'], ['Mendoza', '261'], ['Mar del Plata', '223'], ['Santa Fe', '342'], ['Tucumán', '381'],
  ['Neuquén', '299'], ['Bahía Blanca', '291'], ['Rafaela', '3492'], ['Río Cuarto', '358'],
] as const;

const SELLER_NAMES = [
  'Gustavo Rinaldi', 'Patricia Duarte', 'Hernán Quiroga', 'Lorena Bustos', 'Martín Ferreyra',
  'Claudia Ibáñez', 'Diego Carrizo', 'Valeria Ojeda',
] as const;

export function businessName(r: Random): string {
  const kind = r.int(0, 3);
  const suffix = r.pick(SUFFIXES);
  if (kind === 0) return `${r.pick(ACTIVITIES)} ${r.pick(PLACES)} ${suffix}`;
  if (kind === 1) return `${r.pick(SURNAMES)} Hnos. ${suffix}`;
  if (kind === 2) return `${r.pick(ACTIVITIES)} ${r.pick(SURNAMES)} ${suffix}`;
  return `${r.pick(SURNAMES)} y ${r.pick(SURNAMES)} ${suffix}`;
}

/** Names with characters that break careless SQL or HTML: an apostrophe and an ampersand. */
export const TRICKY_NAMES = ["D'Alessandro Hnos. S.R.L.", 'Pérez & Asociados S.A.'] as const;

export function sellerName(i: number): string {
  return SELLER_NAMES[i % SELLER_NAMES.length] as string;
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(s\.?r\.?l|s\.?a\.?s|s\.?a|hnos)\b\.?/g, '')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24) || 'empresa';
}

export function email(r: Random, name: string): string {
  const box = r.pick(['administracion', 'pagos', 'cobranzas', 'proveedores', 'info', 'contable']);
  const main = r.chance(0.15) ? `${slug(name)}@gmail.com` : `${box}@${slug(name)}.com.ar`;
  return r.chance(0.1) ? `${main}; tesoreria@${slug(name)}.com.ar` : main;
}

function digits(r: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}

export interface Address {
  street: string;
  locality: string;
  areaCode: string;
}

export function address(r: Random): Address {
  const [locality, areaCode] = r.pick(LOCALITIES);
  return { street: `${r.pick(STREETS)} ${r.int(100, 5999)}`, locality, areaCode };
}

/** Landline as people type it: '(011) 4567-8901', '0341 456-7890', '4567-8901'. */
export function landline(r: Random, areaCode: string): string {
  const local = areaCode.length === 2 ? `${digits(r, 4)}-${digits(r, 4)}` : `${digits(r, 3)}-${digits(r, 4)}`;
  const style = r.int(0, 2);
  if (style === 0) return `(0${areaCode}) ${local}`;
  if (style === 1) return `0${areaCode} ${local}`;
  return local;
}

/** Mobile in the formats found in real customer files. */
export function mobile(r: Random, areaCode: string): string {
  const n = 10 - areaCode.length;
  const sub = digits(r, n);
  const a = sub.slice(0, n - 4);
  const b = sub.slice(n - 4);
  const style = r.int(0, 3);
  if (style === 0) return `${areaCode} 15-${a}-${b}`;
  if (style === 1) return `+54 9 ${areaCode} ${a} ${b}`;
  if (style === 2) return `(0${areaCode}) 15 ${a}-${b}`;
  return `54 9 ${areaCode}${sub}`;
}

/** A CUIT with a valid check digit, for a company (30-/33-) or a sole trader (20-/27-). */
export function cuit(r: Random, company: boolean): string {
  const prefix = company ? r.pick(['30', '33']) : r.pick(['20', '27']);
  for (;;) {
    const body = `${prefix}${digits(r, 8)}`;
    const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${prefix}-${body.slice(2)}-${check === 11 ? 0 : check}`;
  }
}

export function soleTraderName(r: Random): string {
  return `${r.pick(SURNAMES)} ${r.pick(FIRST_NAMES)}`;
}
