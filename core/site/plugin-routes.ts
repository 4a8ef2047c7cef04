/**
 * A plugin's public routes, under its own root: /p/<plugin-id>/<path>. The request reaches the
 * plugin as plain data (so an isolated plugin gets it too) and its answer is checked before it is
 * sent: a redirect stays on this site, only harmless headers pass, and a `page` answer is shown
 * inside the site's theme. Admin routes (plugin-admin.ts) answer the same way.
 */
import express, { type Request, type Response } from 'express';
import type { SiteInfo } from '../hooks/index.ts';
import type { PluginRequest, PluginResponse } from '../sdk/context.ts';
import { escapeHtml } from '../sdk/text.ts';
import { plainPage } from './plain-page.ts';
import type { PluginRoute } from './plugin-contributions.ts';
import { renderVirtualPage } from './render.ts';
import type { SiteLocals } from './routes.ts';

const ALLOWED_HEADERS = /^(content-type|content-disposition|cache-control|retry-after|x-[a-z0-9-]+)$/i;

/** Forms, JSON and CSV or plain text, up to a size no honest form exceeds. */
export const bodyParsers = [
  express.urlencoded({ extended: false, limit: '100kb' }),
  express.json({ limit: '100kb' }),
  express.text({ type: ['text/csv', 'text/plain'], limit: '2mb' }),
];

export function pluginRouter(): express.Router {
  const router = express.Router({ mergeParams: true });
  router.use(bodyParsers);
  router.use((req, res, next) => {
    const { site } = res.locals as SiteLocals;
    const routes = site.contributions.router(String(req.params.plugin), false, (route, request, response) => servePluginRoute(route, request, response));
    if (!routes) return next();
    routes(req, res, next);
  });
  // A body that does not parse, or is too large, is the sender's mistake: say so, briefly.
  router.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: express.NextFunction) => {
    if (!error.status || error.status >= 500) return next(error);
    res.status(error.status).type('text/plain').send(error.type === 'entity.too.large' ? 'The form is too large.' : 'The form could not be read.');
  });
  return router;
}

/**
 * Runs a plugin's route handler (inside its failure guard) and sends what it answers. When the
 * handler failed (the guard logged it), `failed` answers instead: by default a plain page.
 */
export async function servePluginRoute(route: PluginRoute, req: Request, res: Response, failed: (res: Response, site: SiteInfo) => void = failurePage): Promise<void> {
  const { site, baseUrl } = res.locals as SiteLocals;
  const info = site.info(baseUrl);
  const answer = (await route.handler(pluginRequest(req, info))) as PluginResponse | undefined;
  res.set('Cache-Control', 'no-store');
  if (!answer || typeof answer !== 'object') return failed(res, info);
  const status = Number.isInteger(answer.status) && answer.status! >= 200 && answer.status! < 600 ? answer.status! : undefined;
  for (const [name, value] of Object.entries(answer.headers ?? {})) if (ALLOWED_HEADERS.test(name)) res.set(name, String(value));
  if (answer.redirect !== undefined) {
    const location = String(answer.redirect);
    // Only paths on this site: a plugin's route is never an open redirect.
    res.redirect(status && status >= 300 && status < 400 ? status : req.method === 'GET' ? 302 : 303, /^\/(?!\/)/.test(location) ? location : '/');
  } else if (answer.page) {
    const page = await renderVirtualPage(site, answer.page, status ?? 200, { path: req.originalUrl.split('?')[0]!, baseUrl });
    res.status(page.status).type('html').send(page.html);
  } else if (answer.json !== undefined) {
    res.status(status ?? 200).json(answer.json);
  } else {
    if (!res.get('Content-Type')) res.type('html');
    res.status(status ?? 200).send(String(answer.body ?? ''));
  }
}

function failurePage(res: Response, site: SiteInfo): void {
  res.status(500).type('html').send(plainPage('Something went wrong', 'Something went wrong', `<p>This part of ${escapeHtml(site.title)} is not working right now. <a href="/">Go to the home page</a></p>`));
}

export function pluginRequest(req: Request, site: SiteInfo): PluginRequest {
  const text = (value: unknown) => (Array.isArray(value) ? String(value[0]) : String(value));
  return {
    method: req.method,
    path: req.path,
    params: Object.fromEntries(Object.entries(req.params).filter(([name]) => name !== 'plugin').map(([name, value]) => [name, text(value)])),
    query: Object.fromEntries(Object.entries(req.query).map(([name, value]) => [name, text(value)])),
    headers: Object.fromEntries(['user-agent', 'referer', 'accept', 'content-type', 'accept-language'].filter((name) => req.headers[name]).map((name) => [name, text(req.headers[name])])),
    body: req.body ?? null,
    ip: req.ip ?? req.socket.remoteAddress ?? '',
    site,
  };
}
