/**
 * The Admin JSON API under /admin/api/: the browser admin is one client of it, and any other tool
 * can be another. Routes that need no session come first; everything after the gate needs a
 * session of this site, and a CSRF token for anything that changes something. Errors answer
 * `{error: {code, message, problems?}}` with the status of their Guild error code.
 */
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GuildError, describeError, reviveGuildError } from '../../errors.ts';
import { DirectoryRequestError } from '../../directory/index.ts';
import { formatBytes } from '../../media/index.ts';
import { locals, type ApiDeps } from './context.ts';
import { commentRoutes } from './comments.ts';
import { exportRoutes } from './export.ts';
import { readSession, requireSession, sameOrigin, type LoginLimits } from './gate.ts';
import { importRoutes, whileImporting } from './imports.ts';
import { InputError } from './input.ts';
import { mediaRoutes } from './media.ts';
import { networkRoutes } from './network.ts';
import { packageRoutes } from './packages.ts';
import { pluginSettingsRoutes } from './plugin-settings.ts';
import { pluginRoutes } from './plugins.ts';
import { postRoutes } from './posts.ts';
import { revisionRoutes } from './revisions.ts';
import { sessionRoutes } from './session.ts';
import { settingsRoutes } from './settings.ts';
import { siteCodeRoutes } from './site-code.ts';
import { taxonomyRoutes } from './taxonomy.ts';
import { oldUrlRoutes } from './old-urls.ts';
import { userRoutes } from './users.ts';

const JSON_LIMIT = 4 * 1024 * 1024;

export function apiRouter(deps: ApiDeps, options: { loginLimits?: LoginLimits } = {}): express.Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(sameOrigin, cookieParser(), express.json({ limit: JSON_LIMIT }), readSession(deps.auth));
  router.use(sessionRoutes(deps, options.loginLimits));
  router.use(requireSession, whileImporting(deps.imports));
  for (const routes of [postRoutes(deps), commentRoutes(), revisionRoutes(deps), taxonomyRoutes(), oldUrlRoutes(), settingsRoutes(deps), siteCodeRoutes(deps), pluginSettingsRoutes(deps), pluginRoutes(deps), userRoutes(deps), mediaRoutes(deps)]) {
    router.use(routes);
  }
  router.use(importRoutes(deps), exportRoutes(deps.media), packageRoutes(deps), networkRoutes(deps));
  router.use((req, _res, next) => next(new GuildError('GUILD_ERR_NOT_FOUND', `The API route ${req.method} /admin/api${req.path}`)));
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = asGuildError(error);
    if (!known) {
      locals(res).site.log.error({ err: error, path: req.originalUrl }, `admin API ${req.method} ${req.path} failed: ${describeError(error)}`);
    }
    const answer = known ?? { status: 500, code: 'GUILD_ERR_INTERNAL', message: 'Something went wrong on the server; it has been logged. Try again.' };
    if (res.headersSent) return;
    res.status(answer.status).json({ error: { code: answer.code, message: answer.message, ...(error instanceof InputError ? { problems: error.problems } : {}) } });
  });
  return router;
}

/** Guild errors as they are; the body parser's own errors turned into Guild errors. */
function asGuildError(error: unknown): GuildError | undefined {
  if (error instanceof GuildError) return error;
  const parserError = error as { type?: string; message?: string; limit?: number };
  if (parserError?.type === 'entity.parse.failed') return new GuildError('GUILD_ERR_BAD_JSON', parserError.message ?? 'it does not parse');
  if (parserError?.type === 'entity.too.large') return new GuildError('GUILD_ERR_BODY_TOO_LARGE', formatBytes(parserError.limit ?? JSON_LIMIT));
  // A directory's refusal (the directory page): its own code and message, passed on.
  if (error instanceof DirectoryRequestError) return reviveGuildError(error.code, error.message) ?? new GuildError('GUILD_ERR_DIRECTORY_REFUSED', error.message);
  return undefined;
}
