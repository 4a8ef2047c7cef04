/**
 * The admin's locks: the session cookie (HttpOnly, SameSite=Strict, no Domain attribute: sent only
 * to the site's admin origin, never to its public names, and only from pages of the same site),
 * the session lookup that refuses a session opened on another site, the CSRF check on every
 * state-changing request, and limits on guessing passwords and on mail sent on request.
 */
import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GuildError } from '../../errors.ts';
import { clientAddress, GUESS_WINDOW_MS, guessGuard, type GuessGuard, type GuessLimits } from '../../site/index.ts';
import { csrfMatches, type Auth, type OpenedSession } from '../../auth/index.ts';
import { locals } from './context.ts';

const SESSION_COOKIE = 'guild_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The session cookie's name and options. Over https (GUILD_PUBLIC_URL) it is
 * `__Host-guild_session`: Secure, Path=/, no Domain. The prefix matters in production, where a
 * site (alpha.guild.example.com) and its admin (alpha.admin.guild.example.com) are one "site" to
 * the browser: a script on the public page could otherwise set a guild_session cookie for
 * Domain=guild.example.com with a longer path, and the admin would read it before the real one.
 */
export function sessionCookie(res: Response, expires?: Date): { name: string; options: CookieOptions } {
  const secure = locals(res).baseUrl.startsWith('https:');
  return {
    name: secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
    options: { httpOnly: true, sameSite: 'strict', secure, path: secure ? '/' : '/admin', ...(expires ? { expires } : {}) },
  };
}

export function setSessionCookie(res: Response, opened: OpenedSession): void {
  const { name, options } = sessionCookie(res, opened.expiresAt);
  res.cookie(name, opened.token, options);
}

export function clearSessionCookie(res: Response): void {
  const { name, options } = sessionCookie(res);
  res.clearCookie(name, options);
}

/** Puts the caller's session for this site (if any) on res.locals.session. */
export function readSession(auth: Auth): RequestHandler {
  return async (req, res, next) => {
    const { site } = locals(res);
    const session = await auth.sessions.resolve(req.cookies?.[sessionCookie(res).name] as string | undefined, site.slug);
    if (session) locals(res).session = session;
    next();
  };
}

/** 401 without a session of this site; 403 for a state-changing request without its CSRF token. */
export function requireSession(req: Request, res: Response, next: NextFunction): void {
  const session = locals(res).session;
  if (!session) return next(new GuildError('GUILD_ERR_AUTH_REQUIRED'));
  if (!SAFE_METHODS.has(req.method) && !csrfMatches(req.get('x-csrf-token'), session.csrfToken)) return next(new GuildError('GUILD_ERR_CSRF'));
  next();
}

/**
 * A request from a page on another origin is refused outright, whatever it carries: browsers
 * send Origin on every cross-site POST, so this backs up SameSite and the CSRF token. "null" is
 * another origin too: a sandboxed page's (the post preview, an uploaded file opened on its own).
 */
export function sameOrigin(req: Request, _res: Response, next: NextFunction): void {
  const origin = req.get('origin');
  if (!SAFE_METHODS.has(req.method) && origin) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.get('host')) return next(new GuildError('GUILD_ERR_CSRF'));
  }
  next();
}

export type LoginLimits = GuessLimits;

const refuse = (_req: Request, _res: Response, next: NextFunction) => next(new GuildError('GUILD_ERR_LOGIN_LIMITED', String(GUESS_WINDOW_MS / 60_000)));

/**
 * The limits on guessing passwords in the admin (core/site/guessing.ts): per address, per account
 * from an address, per account from anywhere (a browser that logged in to the account before is not
 * held by that one). The account is the email tried; for a password change the session's account;
 * for an invitation its link.
 */
export function loginGuard(limits?: LoginLimits): GuessGuard {
  return guessGuard({
    name: 'login',
    cookiePath: '/admin',
    refuse,
    ...(limits ? { limits } : {}),
    account: (req, res) => {
      const email = (req.body as { email?: unknown } | undefined)?.email ?? locals(res).session?.account.email;
      return email !== undefined ? `account:${String(email).trim().toLowerCase()}` : `link:${String(req.params.token ?? '')}`;
    },
  });
}

/** The key loginGuard counts an email's failures under, for remembering the browser after a right password. */
export function loginAccount(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** Mails sent on request (password resets): a few per address and per IP, so nobody can flood an inbox. */
export function mailLimiters(): RequestHandler[] {
  const common = { windowMs: GUESS_WINDOW_MS, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: refuse, validate: { xForwardedForHeader: false } };
  return [
    rateLimit({ ...common, limit: 20, identifier: 'mail-ip', keyGenerator: (req) => ipKeyGenerator(clientAddress(req)) }),
    rateLimit({
      ...common,
      limit: 3,
      identifier: 'mail-account',
      keyGenerator: (req) => `mail:${String((req.body as { email?: unknown } | undefined)?.email ?? '').trim().toLowerCase()}`,
    }),
  ];
}
