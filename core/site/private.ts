/**
 * Ghost's private mode for a site whose site.json has "private": {"password": ...}: every visitor
 * without the site's cookie is sent to /private/, which shows the theme's private.hbs and takes
 * the password. Theme assets stay reachable (the password page needs its CSS), robots.txt turns
 * search engines away, and the page cache is only reached past this gate.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { renderPrivate } from './render.ts';
import type { Site } from './site.ts';

const COOKIE = 'guild-private';
const PATH = '/private/';
const THIRTY_DAYS = 30 * 24 * 3600;
const readForm = express.urlencoded({ extended: false, limit: '4kb' });

/** Guards the routes after it; `locals` gives the request's site and address. */
export function privateGate(locals: (res: Response) => { site: Site; baseUrl: string }) {
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
    readForm(req, res, (error?: unknown) => {
      if (error) return next(error);
      const given = typeof req.body?.password === 'string' ? req.body.password : '';
      if (!sameToken(tokenFor(site.manifest.id, given), token)) {
        void renderPrivate(site, request, 'That password is not right. Please try again.').then((page) => send(res, page.status, page.html), next);
        return;
      }
      const secure = baseUrl.startsWith('https:') ? '; Secure' : '';
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; Path=/; Max-Age=${THIRTY_DAYS}; HttpOnly; SameSite=Lax${secure}`);
      res.redirect(303, safeReturn(req.query.r));
    });
  };
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/** Proves the visitor knew this site's password, without storing the password in the cookie. */
function tokenFor(siteId: string, password: string): string {
  return createHash('sha256').update(`guild-private\n${siteId}\n${password}`).digest('base64url');
}

function sameToken(a: string | undefined, b: string): boolean {
  return a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Back to where the visitor was going, on this site only ("//evil.example" is not a path here). */
function safeReturn(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}
