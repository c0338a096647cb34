/**
 * Changes to users, shared by the Usuarios page and `cadencia usuarios`: a
 * role (or back to the INI's), a block, a password set or removed. Each is
 * audited with before and after; a block or a password change ends the
 * user's sessions. The checks an administrator needs against themself are in
 * the page (the command line is run by whoever administers the server).
 */
import type { CompanyContext } from '../context';
import { audit, endSessionsOf } from './store';
import { findUser, ROLE_LABEL, ROLES, saveUser, staffOf, type Role, type WebUser } from './users';

/** A change that cannot be made, with its Spanish reason. */
export class UserChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserChangeError';
  }
}

export type RoleWord = Role | 'ini';
export const ROLE_WORDS: readonly RoleWord[] = [...ROLES, 'ini'];

export function roleWordOf(value: string): RoleWord | null {
  const v = value.trim().toLowerCase();
  return (ROLE_WORDS as readonly string[]).includes(v) ? (v as RoleWord) : null;
}

export async function requireUser(ctx: CompanyContext, email: string): Promise<WebUser> {
  const user = await findUser(ctx.db, ctx.tables, ctx.config, email);
  if (!user) {
    throw new UserChangeError(`«${email.trim()}» no es un usuario: no figura en [personal] ni en [vendedores] del INI, ni en ${ctx.tables.usuario}.`);
  }
  return user;
}

/** The role a user would have after the change (for the administrator's own checks). */
export function roleAfter(ctx: CompanyContext, user: WebUser, word: RoleWord): Role | null {
  return word === 'ini' ? staffOf(ctx.config).get(user.email)?.role ?? null : word;
}

export async function changeRole(ctx: CompanyContext, email: string, word: RoleWord, actor: string, now: Date): Promise<WebUser> {
  const user = await requireUser(ctx, email);
  if (word === 'ini' && !user.fromIni) {
    throw new UserChangeError(`${user.email} no figura en el INI: elija cobrador, supervisor o administrador.`);
  }
  await saveUser(ctx.db, ctx.tables, user.email, { role: word === 'ini' ? null : word }, now);
  const after = await requireUser(ctx, user.email);
  await audit(ctx.db, ctx.tables, {
    user: actor, action: 'usuario_rol', before: `${user.email}: ${ROLE_LABEL[user.role]}`,
    after: `${after.email}: ${ROLE_LABEL[after.role]}${word === 'ini' ? ' (el del INI)' : ''}`,
  }, now);
  return after;
}

export async function setBlocked(ctx: CompanyContext, email: string, blocked: boolean, actor: string, now: Date): Promise<WebUser> {
  const user = await requireUser(ctx, email);
  await saveUser(ctx.db, ctx.tables, user.email, { active: !blocked }, now);
  if (blocked) await endSessionsOf(ctx.db, ctx.tables, user.email);
  await audit(ctx.db, ctx.tables, {
    user: actor, action: 'usuario_bloqueo',
    before: `${user.email}: ${user.active ? 'activo' : 'bloqueado'}`, after: `${user.email}: ${blocked ? 'bloqueado' : 'activo'}`,
  }, now);
  return requireUser(ctx, user.email);
}

/** Sets (a scrypt hash) or removes (null) a user's password; ends their sessions. */
export async function setPasswordHash(ctx: CompanyContext, email: string, hash: string | null, actor: string, now: Date): Promise<WebUser> {
  const user = await requireUser(ctx, email);
  await saveUser(ctx.db, ctx.tables, user.email, { passwordHash: hash }, now);
  await endSessionsOf(ctx.db, ctx.tables, user.email);
  await audit(ctx.db, ctx.tables, {
    user: actor, action: 'usuario_clave',
    before: `${user.email}: ${user.hasPassword ? 'con contraseña' : 'sin contraseña'}`,
    after: `${user.email}: ${hash ? (user.hasPassword ? 'contraseña nueva' : 'con contraseña') : 'sin contraseña'}`,
  }, now);
  return requireUser(ctx, user.email);
}
