/**
 * Who may use the worklist. Users are the staff the INI names ([personal] and
 * [vendedores]): the supervisor is «supervisor», the collector and every seller
 * «cobrador», and the e-mails of [web] administradores «administrador». The
 * USUARIO table adds what is set with `cadencia usuarios` or by an
 * administrator: a password, another role, or a block.
 * A cobrador sees the customers whose tasks are assigned to them; a supervisor
 * sees everyone's; an administrator also manages users.
 */
import type { Knex } from 'knex';
import type { AppConfig } from '../config';
import type { AddonTables } from '../../connector/addon/tables';

export const ROLES = ['cobrador', 'supervisor', 'administrador'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  cobrador: 'Cobrador',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
};

export interface WebUser {
  email: string;
  name: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  /** Named in the INI (not only in USUARIO). */
  fromIni: boolean;
}

/** Supervisors and administrators see every customer. */
export function seesEveryone(user: Pick<WebUser, 'role'>): boolean {
  return user.role !== 'cobrador';
}

interface StaffEntry { name: string; role: Role }

/** The staff of the INI, by lower-case e-mail, with the role the INI gives them. */
export function staffOf(config: AppConfig): Map<string, StaffEntry> {
  const out = new Map<string, StaffEntry>();
  const add = (p: { name: string; email: string }, role: Role) => {
    const key = p.email.toLowerCase();
    const before = out.get(key);
    if (!before || ROLES.indexOf(role) > ROLES.indexOf(before.role)) out.set(key, { name: p.name, role });
  };
  for (const seller of Object.values(config.staff.sellers)) add(seller, 'cobrador');
  add(config.staff.collector, 'cobrador');
  add(config.staff.supervisor, 'supervisor');
  for (const email of config.web.admins) add({ name: out.get(email)?.name ?? email, email }, 'administrador');
  return out;
}

interface UserRow {
  EMAIL: string;
  NOMBRE: string | null;
  ROL: string | null;
  CLAVE: string | null;
  ACTIVO: unknown;
}

function roleOf(value: unknown): Role | null {
  const v = String(value ?? '').trim().toLowerCase();
  return (ROLES as readonly string[]).includes(v) ? (v as Role) : null;
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

function merge(email: string, staff: StaffEntry | undefined, row: UserRow | undefined): WebUser | null {
  const role = roleOf(row?.ROL) ?? staff?.role ?? null;
  if (!role) return null;
  return {
    email,
    name: (row?.NOMBRE ?? '').trim() || staff?.name || email,
    role,
    active: row ? truthy(row.ACTIVO) : true,
    hasPassword: Boolean(row?.CLAVE),
    fromIni: staff !== undefined,
  };
}

export async function findUser(db: Knex, t: AddonTables, config: AppConfig, email: string): Promise<WebUser | null> {
  const key = email.trim().toLowerCase();
  const row = (await db(t.usuario).where('EMAIL', key).first()) as UserRow | undefined;
  return merge(key, staffOf(config).get(key), row);
}

/** The stored password hash of a user (null when none). */
export async function passwordHashOf(db: Knex, t: AddonTables, email: string): Promise<string | null> {
  const row = (await db(t.usuario).select('CLAVE').where('EMAIL', email.toLowerCase()).first()) as { CLAVE: string | null } | undefined;
  return row?.CLAVE ?? null;
}

export async function listUsers(db: Knex, t: AddonTables, config: AppConfig): Promise<WebUser[]> {
  const staff = staffOf(config);
  const rows = new Map(((await db(t.usuario).select('*')) as UserRow[]).map((r) => [String(r.EMAIL).trim().toLowerCase(), r]));
  const emails = new Set([...staff.keys(), ...rows.keys()]);
  return [...emails]
    .map((e) => merge(e, staff.get(e), rows.get(e)))
    .filter((u): u is WebUser => u !== null)
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

export interface UserChange {
  name?: string | null;
  role?: Role | null;
  passwordHash?: string | null;
  active?: boolean;
}

/** Inserts or updates the user's USUARIO row with the given changes. */
export async function saveUser(db: Knex, t: AddonTables, email: string, change: UserChange, now: Date): Promise<void> {
  const key = email.trim().toLowerCase();
  const values: Record<string, unknown> = { MODIFICADO: now };
  if (change.name !== undefined) values.NOMBRE = change.name;
  if (change.role !== undefined) values.ROL = change.role;
  if (change.passwordHash !== undefined) values.CLAVE = change.passwordHash;
  if (change.active !== undefined) values.ACTIVO = change.active;
  await db.transaction(async (trx) => {
    const exists = await trx(t.usuario).select('EMAIL').where('EMAIL', key).first();
    if (exists) await trx(t.usuario).update(values).where('EMAIL', key);
    else await trx(t.usuario).insert({ EMAIL: key, ACTIVO: true, CREADO: now, ...values });
  });
}
