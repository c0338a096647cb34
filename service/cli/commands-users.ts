/**
 * `cadencia usuarios`: the worklist's users from the server's console —
 * list them, set a password (typed twice without echo, or one line piped in),
 * change a role, block or unblock, and print a one-time sign-in link. A
 * password change or a block ends the user's open sessions. Changes are
 * audited as made from the console.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { formatDate } from '../../rules/format';
import type { CompanyContext } from '../context';
import { publicUrlOf } from '../web/server';
import { hashPassword, passwordProblem } from '../web/security';
import { createLink } from '../web/store';
import {
  changeRole, requireUser, roleWordOf, ROLE_WORDS, setBlocked, setPasswordHash, UserChangeError,
} from '../web/user-admin';
import { listUsers, ROLE_LABEL } from '../web/users';
import { printTable, UsageError, withCompany, type GlobalOptions } from './common';

/** Who the audit names for changes made from the command line. */
export function consoleActor(): string {
  let name = 'desconocido';
  try { name = userInfo().username; } catch { /* no user name on this system */ }
  return `consola:${name}`.slice(0, 320);
}

/** Runs a change on the company, turning «not a user» and refused changes into one Spanish line (exit code 2). */
async function withUsers<T>(opts: GlobalOptions, work: (ctx: CompanyContext) => Promise<T>): Promise<T> {
  return withCompany(opts, async (ctx) => {
    try {
      return await work(ctx);
    } catch (err) {
      if (err instanceof UserChangeError) throw new UsageError(err.message);
      throw err;
    }
  });
}

export async function usersList(opts: GlobalOptions): Promise<void> {
  await withUsers(opts, async (ctx) => {
    const users = await listUsers(ctx.db, ctx.tables, ctx.config);
    if (users.length === 0) {
      console.log('No hay usuarios: agregue el personal en [personal] y [vendedores] del INI.');
      return;
    }
    console.log(`Usuarios de la lista de trabajo — ${ctx.config.company.name}`);
    printTable(['Nombre', 'Correo', 'Rol', 'INI', 'Contraseña', 'Estado'], users.map((u) => [
      u.name, u.email, ROLE_LABEL[u.role], u.fromIni ? 'sí' : 'no', u.hasPassword ? 'sí' : 'no', u.active ? 'activo' : 'bloqueado',
    ]));
  });
}

/** Reads a line without showing what is typed (the terminal's echo is muted). */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let muted = false;
    const output = new Writable({
      write(chunk: Buffer, _enc, done) {
        if (!muted) process.stdout.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    rl.on('SIGINT', () => { rl.close(); process.stdout.write('\n'); reject(new UsageError('Cancelado: la contraseña no se cambió.')); });
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** The first line piped into stdin. */
async function firstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  const line = await new Promise<string | null>((resolve) => {
    let got: string | null = null;
    rl.once('line', (l) => { got = l; rl.close(); });
    rl.once('close', () => resolve(got));
  });
  process.stdin.destroy();
  if (line === null) throw new UsageError('No llegó ninguna contraseña por la entrada estándar.');
  return line.replace(/\r$/, '');
}

async function readNewPassword(email: string): Promise<string> {
  if (!process.stdin.isTTY) return firstLine();
  const first = await askHidden(`Contraseña nueva para ${email}: `);
  const problem = passwordProblem(first);
  if (problem) throw new UsageError(problem);
  const second = await askHidden('Repítala: ');
  if (first !== second) throw new UsageError('Las dos contraseñas no coinciden: no se cambió nada.');
  return first;
}

export async function usersPassword(email: string, opts: GlobalOptions): Promise<void> {
  await withUsers(opts, async (ctx) => {
    const user = await requireUser(ctx, email);
    const password = await readNewPassword(user.email);
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(problem);
    await setPasswordHash(ctx, user.email, await hashPassword(password), consoleActor(), new Date());
    console.log(`Contraseña de ${user.name} (${user.email}) guardada. Sus sesiones abiertas se cerraron.`);
  });
}

export async function usersRole(email: string, role: string, opts: GlobalOptions): Promise<void> {
  const word = roleWordOf(role);
  if (!word) throw new UsageError(`Rol: se esperaba ${ROLE_WORDS.join(', ')}; se recibió «${role}».`);
  await withUsers(opts, async (ctx) => {
    const after = await changeRole(ctx, email, word, consoleActor(), new Date());
    console.log(`${after.name} (${after.email}) tiene ahora el rol ${ROLE_LABEL[after.role].toLowerCase()}${word === 'ini' ? ', el que le da el INI' : ''}.`);
  });
}

export async function usersBlock(email: string, blocked: boolean, opts: GlobalOptions): Promise<void> {
  await withUsers(opts, async (ctx) => {
    const after = await setBlocked(ctx, email, blocked, consoleActor(), new Date());
    console.log(blocked
      ? `${after.name} (${after.email}) quedó bloqueado: no puede ingresar y sus sesiones abiertas se cerraron.`
      : `${after.name} (${after.email}) puede volver a ingresar.`);
  });
}

export async function usersLink(email: string, opts: GlobalOptions): Promise<void> {
  await withUsers(opts, async (ctx) => {
    const user = await requireUser(ctx, email);
    if (!user.active) throw new UsageError(`${user.email} está bloqueado: desbloquéelo antes con «cadencia usuarios desbloquear ${user.email}».`);
    const hours = ctx.config.web.linkHours;
    const now = new Date();
    const token = await createLink(ctx.db, ctx.tables, user.email, hours, now);
    const until = new Date(now.getTime() + hours * 3_600_000);
    const hhmm = new Intl.DateTimeFormat('es-AR', { timeZone: ctx.config.calendar.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(until);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.config.calendar.timeZone }).format(until);
    console.log(`Enlace de ingreso para ${user.name} (${user.email}), sirve una sola vez y vale hasta el ${formatDate(day)} a las ${hhmm}:`);
    console.log(`${publicUrlOf(ctx.config.web)}/e/${token}`);
  });
}
