/**
 * Ghost's private mode for a site whose site.json has "private": {"password": ...}: every visitor
 * without the site's cookie is sent to /private/, which shows the theme's private.hbs and takes
 * the password. Theme assets stay reachable (the password page needs its CSS), robots.txt turns
 * search engines away, and the page cache is only reached past this gate.
 */
import { sitePathOr } from '../content/index.ts';
import express, { type NextFunction, type Request, type Response } from 'express';
import { cookieOf, GUESS_WINDOW_MS, guessGuard, type GuessLimits } from './guessing.ts';
import { passwordToken, sameToken } from './password-token.ts';
import { renderPrivate } from './render.ts';
import type { Site } from './site.ts';

const COOKIE = 'guild-private';
const PATH = '/private/';
const THIRTY_DAYS = 30 * 24 * 3600;
const readForm = express.urlencoded({ extended: false, limit: '4kb' });

/**
 * A visitor guessing the password is slowed like a login: per address, per site from an
 * address, and per site from anywhere (a browser that knew the password before is not held).
 */
const PRIVATE_LIMITS: GuessLimits = { perIp: 30, perAccountPerIp: 10, perAccount: 100 };

/** Guards the routes after it; `locals` gives the request's site and address. */
export function privateGate(locals: (res: Response) => { site: Site; baseUrl: string }) {
  const guard = guessGuard({
    name: 'private',
    cookiePath: '/',
    limits: PRIVATE_LIMITS,
    account: (_req, res) => locals(res).site.slug,
    refuse: (req, res, next) => {
      const minutes = Math.round(GUESS_WINDOW_MS / 60_000);
      void renderPrivate(locals(res).site, { path: req.path, baseUrl: locals(res).baseUrl }, `Too many wrong passwords. Wait ${minutes} minutes and try again.`).then((page) => send(res, 429, page.html), next);
    },
  });
  const limited = express.Router().use(...guard.limiters);
  return (req: Request, res: Response, next: NextFunction): void => {
    const { site, baseUrl } = locals(res);
    const password = site.manifest.private?.password;
    if (!password) return next();
    if (req.path.startsWith('/assets/') || req.path === '/favicon.ico') return next();
    if (req.path === '/robots.txt') {
      res.type('text/plain').send('User-agent: *\nDisallow: /\n');
      return;
    }
    const token = tokenFor(site.manifest.id, password);
    if (req.path !== PATH) {
      if (sameToken(cookieOf(req, COOKIE), token)) return next();
      res.redirect(302, `${PATH}?r=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const request = { path: req.path, baseUrl };
    if (req.method === 'GET' || req.method === 'HEAD') {
      void renderPrivate(site, request, null).then((page) => send(res, page.status, page.html), next);
      return;
    }
    if (req.method !== 'POST') return next();
    limited(req, res, (limitError?: unknown) => limitError ? next(limitError) : readForm(req, res, (error?: unknown) => {
      if (error) return next(error);
      const given = typeof req.body?.password === 'string' ? req.body.password : '';
      if (!sameToken(tokenFor(site.manifest.id, given), token)) {
        // 401 so the limits count it as a failure.
        void renderPrivate(site, request, 'That password is not right. Please try again.').then((page) => send(res, 401, page.html), next);
        return;
      }
      guard.remember(res, site.slug);
      const secure = baseUrl.startsWith('https:') ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/; Max-Age=${THIRTY_DAYS}; HttpOnly; SameSite=Lax${secure}`);
      res.redirect(303, sitePathOr(req.query.r));
    }));
  };
}

export function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/** Proves the visitor knew this site's password, without storing the password in the cookie. */
function tokenFor(siteId: string, password: string): string {
  return passwordToken('private', siteId, password);
}
