/**
 * Every route module of the worklist beyond sign-in and Hoy (server.ts):
 * each is a function that adds its routes to the fastify app.
 */
import type { RouteModule } from './server';
import { clienteRoutes } from './routes-cliente';
import { enviarRoutes } from './routes-enviar';
import { resultadoRoutes } from './routes-resultado';
import { supervisorRoutes } from './routes-supervisor';
import { usersRoutes } from './routes-users';

export const ROUTE_MODULES: readonly RouteModule[] = [clienteRoutes, enviarRoutes, resultadoRoutes, supervisorRoutes, usersRoutes];
