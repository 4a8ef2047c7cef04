/**
 * What the admin leaves on a site's public names: nothing but pointers to its own origin. Its pages
 * (old bookmarks, links in old mail) redirect there; its API answers 404 with where it is, so a
 * script on a public page finds no session, no token and no data here.
 */
import express from 'express';
import { GuildError } from '../errors.ts';
import type { SiteLocals } from '../site/index.ts';

export function adminElsewhere(adminUrl: (slug: string) => string): express.Handler {
  return (req, res, next) => {
    if (req.path !== '/admin' && !req.path.startsWith('/admin/')) return next();
    const origin = adminUrl((res.locals as SiteLocals).site.slug);
    if (req.path === '/admin/api' || req.path.startsWith('/admin/api/')) return sendApiError(res, new GuildError('GUILD_ERR_ADMIN_ELSEWHERE', `${origin}/admin/`));
    res.redirect(302, `${origin}${req.originalUrl}`);
  };
}

/** An Admin API error as every API route answers it: `{error: {code, message}}` with its status. */
export function sendApiError(res: express.Response, error: GuildError): void {
  res.status(error.status).set('Cache-Control', 'no-store').json({ error: { code: error.code, message: error.message } });
}
