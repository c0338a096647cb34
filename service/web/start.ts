/**
 * Starting the worklist's server for a set of companies: the service does it
 * at start (its cycles and the web share each company's connection), and
 * `cadencia web` does it alone (a demo, or a look without the service).
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import type { CompanyContext } from '../context';
import type { Logger } from '../logging';
import type { IsoDate } from '../../rules/types';
import { buildWebServer, publicUrlOf } from './server';

export interface StartedWeb {
  app: FastifyInstance;
  /** The address staff open (url_publica, or this computer's name). */
  url: string;
  close(): Promise<void>;
}

/** One Spanish line for what stops the server from listening. */
export function listenProblem(err: unknown, host: string, port: number): string {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE') return `el puerto ${port} ya está en uso en este equipo: elija otro en [web] puerto o detenga el programa que lo usa`;
  if (code === 'EACCES') return `no hay permiso para escuchar en el puerto ${port}: use un puerto mayor que 1024 o ejecute el servicio con una cuenta que pueda`;
  if (code === 'EADDRNOTAVAIL') return `la dirección ${host} de [web] direccion no es de este equipo: use 0.0.0.0 (todas) o una dirección IP del servidor`;
  if (code === 'ENOENT') return `no se encontró el archivo del certificado de [web]: ${(err as Error).message}`;
  return (err as Error).message;
}

export async function startWeb(args: {
  configs: readonly AppConfig[];
  context(companyId: string): Promise<CompanyContext>;
  logger: Logger;
  asOf?: (ctx: CompanyContext) => IsoDate;
  mailQueued?: (companyId: string) => void;
  /** Overrides of [web] (e.g. `cadencia web --puerto`). */
  web?: Partial<AppConfig['web']>;
}): Promise<StartedWeb> {
  const web = { ...args.configs[0]!.web, ...args.web };
  let app: FastifyInstance;
  try {
    app = await buildWebServer({
      companies: args.configs.map((c) => ({ id: c.company.id, name: c.company.name, context: () => args.context(c.company.id) })),
      web,
      logger: args.logger,
      ...(args.asOf ? { asOf: args.asOf } : {}),
      ...(args.mailQueued ? { mailQueued: args.mailQueued } : {}),
    });
    await app.listen({ host: web.host, port: web.port });
  } catch (err) {
    throw new Error(`No se pudo abrir la lista de trabajo en ${web.host}:${web.port}: ${listenProblem(err, web.host, web.port)}.`, { cause: err });
  }
  return { app, url: publicUrlOf(web), close: () => app.close() };
}
