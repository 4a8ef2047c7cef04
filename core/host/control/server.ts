/**
 * The host's control API for the `guild` CLI on the same machine: a second HTTP server bound to
 * 127.0.0.1 only, on a port of its own, answering only requests that carry the token from the
 * state file (which only the host's user can read). It reports each site's state as the running
 * host sees it and makes lifecycle changes inside the host, so they apply at once.
 *
 *   GET  /ping          {pid}: the host is there and the token is right
 *   GET  /sites         every site's status (serving, refused and why, disabled, plugins failing)
 *   POST /sites/:slug   a SiteChange ({"action": "rename", "to": "..."}, ...) → its outcome
 */
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { describeError, GuildError } from '../../errors.ts';
import type { SiteChange } from '../../site/index.ts';
import { changeSite, type LifecycleContext } from '../lifecycle.ts';
import type { SiteStatus } from '../registry.ts';

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startControl(context: LifecycleContext, token: string): Promise<ControlServer> {
  const { registry, services } = context;
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return res.status(401).json({ error: { code: 'GUILD_ERR_AUTH_REQUIRED', message: 'The control token is missing or wrong.' } });
    next();
  });
  app.use(express.json({ limit: '64kb' }));
  app.get('/ping', (_req, res) => res.json({ pid: process.pid }));
  app.get('/sites', async (_req, res) => {
    const sites: SiteStatus[] = [];
    for (const entry of registry.entries()) sites.push(await registry.status(entry));
    res.json({ sites });
  });
  app.post('/sites/:slug', async (req, res) => {
    res.json(await changeSite(context, String(req.params.slug), req.body as SiteChange));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!(error instanceof GuildError)) services.log.error({ err: error }, `control API request failed: ${describeError(error)}`);
    const known = error instanceof GuildError ? error : undefined;
    res.status(known?.status ?? 500).json({ error: { code: known?.code ?? 'GUILD_ERR_INTERNAL', message: known?.message ?? describeError(error) } });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    // exclusive: in a cluster worker (GUILD_WORKERS) the port is this process's own, not one the primary shares out.
    const listening = createServer(app).listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => resolve(listening));
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
