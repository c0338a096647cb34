/**
 * «Usuarios», for administrators only (anyone else gets the 404 page):
 * GET /usuarios lists the users (INI staff and USUARIO rows) and POST
 * /usuarios/:email changes a role, blocks or unblocks, or removes a password.
 * Every change is audited; an administrator cannot block themself nor take
 * away their own administrator role.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { flashOf, type Auth, type RouteModule } from './server';
import { MESSAGE } from './templates/signin';
import { USERS } from './templates/users';
import { changeRole, roleAfter, roleWordOf, requireUser, setBlocked, setPasswordHash, UserChangeError } from './user-admin';
import { listUsers, ROLE_LABEL, ROLES, staffOf } from './users';
import { template } from './view';

interface Body { [key: string]: unknown }

function field(req: FastifyRequest, name: string): string {
  const v = (req.body as Body | undefined)?.[name];
  return typeof v === 'string' ? v : '';
}

export const usersRoutes: RouteModule = (app, deps) => {
  async function administrator(req: FastifyRequest, reply: FastifyReply): Promise<Auth | null> {
    const a = await deps.auth(req, reply);
    if (!a) return null;
    if (a.user.role !== 'administrador') {
      deps.notFound(reply, a);
      return null;
    }
    return a;
  }

  const refuse = (reply: FastifyReply, a: Auth, text: string, status = 400) =>
    deps.page(reply, { title: 'No se pudo cambiar', user: a.user, csrf: a.csrf, company: a.company.name, section: 'usuarios' },
      template(MESSAGE)({ titulo: 'No se pudo cambiar', texto: text, enlace: '/usuarios', enlaceTexto: 'Volver a Usuarios' }), status);

  app.get('/usuarios', async (req, reply) => {
    const a = await administrator(req, reply);
    if (!a) return reply;
    const staff = staffOf(a.ctx.config);
    const usuarios = (await listUsers(a.ctx.db, a.ctx.tables, a.ctx.config)).map((u) => {
      const ini = staff.get(u.email)?.role;
      return {
        ...u,
        rol: ROLE_LABEL[u.role],
        yo: u.email === a.user.email,
        opciones: [
          ...ROLES.map((r) => ({ valor: r, texto: ROLE_LABEL[r], elegida: r === u.role })),
          ...(ini ? [{ valor: 'ini', texto: `El del INI (${ROLE_LABEL[ini].toLowerCase()})`, elegida: false }] : []),
        ],
      };
    });
    return deps.page(reply, { title: 'Usuarios', user: a.user, csrf: a.csrf, company: a.company.name, section: 'usuarios', flash: flashOf(req.query) },
      template(USERS)({ usuarios, csrf: a.csrf }));
  });

  app.post('/usuarios/:email', async (req, reply) => {
    const a = await administrator(req, reply);
    if (!a) return reply;
    const ctx = a.ctx;
    const email = decodeURIComponent((req.params as { email: string }).email).trim().toLowerCase();
    const self = email === a.user.email;
    const now = deps.now();
    try {
      const user = await requireUser(ctx, email);
      const action = field(req, 'accion');
      if (action === 'rol') {
        const word = roleWordOf(field(req, 'rol'));
        if (!word) return refuse(reply, a, 'Elija un rol: cobrador, supervisor, administrador o el del INI.');
        if (self && roleAfter(ctx, user, word) !== 'administrador') {
          return refuse(reply, a, 'No puede quitarse a sí mismo el rol de administrador: pídaselo a otro administrador.');
        }
        await changeRole(ctx, email, word, a.user.email, now);
      } else if (action === 'bloquear' || action === 'desbloquear') {
        if (self && action === 'bloquear') return refuse(reply, a, 'No puede bloquearse a sí mismo.');
        await setBlocked(ctx, email, action === 'bloquear', a.user.email, now);
      } else if (action === 'quitar_clave') {
        await setPasswordHash(ctx, email, null, a.user.email, now);
      } else {
        return refuse(reply, a, 'Cambio desconocido.');
      }
    } catch (err) {
      if (err instanceof UserChangeError) return refuse(reply, a, err.message, 404);
      throw err;
    }
    deps.options.logger.info(`Web: ${a.user.email} cambió el usuario ${email} (${field(req, 'accion')}).`);
    return reply.redirect('/usuarios?hecho=usuario', 303);
  });
};
