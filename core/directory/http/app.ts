/**
 * The directory as a web app: the JSON API under /api/ and the browsable pages, for the host to
 * mount at its directory host name or for `guild directory serve` to run alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/index.ts';
import type { Directory } from '../directory.ts';
import { packagePage, personPage } from '../queries.ts';
import { searchPackages } from '../store/packages.ts';
import { counts, recentSites } from '../store/sites.ts';
import { apiRouter } from './api.ts';
import { createMarkdown } from './markdown.ts';
import { readLimiter } from './rate-limit.ts';
import { errorPage, homePage, notFoundPage, packagePageHtml, personPageHtml, searchPage, sitesPage } from './pages/pages.ts';

const STYLESHEET = readFileSync(new URL('./directory.css', import.meta.url), 'utf8');
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

export function createDirectoryApp(directory: Directory, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const render = createMarkdown();
  app.use((_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    next();
  });
  app.use(readLimiter(directory));
  app.use('/api', apiRouter(directory));

  const html = (res: Response, body: string, status = 200) => {
    res.status(status).type('html').set('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'").send(body);
  };

  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.get('/directory.css', (_req, res) => res.type('css').set('Cache-Control', 'public, max-age=3600').send(STYLESHEET));

  app.get('/', (_req, res) =>
    html(res, homePage({ counts: counts(directory.sql), mostUsed: searchPackages(directory.sql, { limit: 6 }), newest: searchPackages(directory.sql, { sort: 'new', limit: 6 }) })),
  );

  app.get('/search', (req, res) => {
    const query = String(req.query.q ?? '').slice(0, 200);
    const kind = req.query.kind === 'plugin' || req.query.kind === 'theme' ? req.query.kind : undefined;
    html(res, searchPage({ query, kind, results: searchPackages(directory.sql, { text: query, kind, limit: 100 }) }));
  });

  app.get('/packages/:id', (req, res) => {
    const page = packagePage(directory.sql, req.params.id);
    if (!page) return html(res, notFoundPage(`The package “${req.params.id}”`), 404);
    html(res, packagePageHtml(page, render(page.package.readme)));
  });

  // Screenshots were checked (hash, size) and written to disk when the version was published.
  app.get('/packages/:id/:version/files/{*file}', (req, res, next) => {
    const name = ([] as string[]).concat((req.params as { file?: string[] }).file ?? []).join('/');
    const type = IMAGE_TYPES[name.split('.').pop()!.toLowerCase()];
    const file = type ? directory.screenshotFile(req.params.id as string, req.params.version as string, name) : undefined;
    if (!file) return html(res, notFoundPage('That file'), 404);
    const options = { root: directory.filesDir, dotfiles: 'allow' as const, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } };
    res.type(type!).sendFile(path.relative(directory.filesDir, file), options, (error) => {
      if (!error) return;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !res.headersSent) return html(res, notFoundPage('That file'), 404);
      next(error);
    });
  });

  app.get('/people/:handle', (req, res) => {
    const page = personPage(directory.sql, req.params.handle);
    if (!page) return html(res, notFoundPage(`The person “${req.params.handle}”`), 404);
    html(res, personPageHtml(page));
  });

  app.get('/sites', (_req, res) => html(res, sitesPage(recentSites(directory.sql, 200))));

  app.use((_req: Request, res: Response) => html(res, notFoundPage('That page'), 404));

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error, path: req.path }, `directory request failed: ${describeError(error)}`);
    if (res.headersSent) return;
    if (req.path.startsWith('/api/')) return res.status(500).json({ error: { code: 'GUILD_ERR_INTERNAL', message: 'Something went wrong; it has been logged.' } });
    html(res, errorPage(), 500);
  });
  return app;
}
