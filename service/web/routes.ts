/**
 * Every route module of the worklist beyond sign-in and Hoy (server.ts):
 * each is a function that adds its routes to the fastify app.
 */
import type { RouteModule } from './server';
import { resultadoRoutes } from './routes-resultado';

export const ROUTE_MODULES: readonly RouteModule[] = [resultadoRoutes];
