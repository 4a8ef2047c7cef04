/**
 * The admin's locks: the session cookie (HttpOnly, SameSite=Strict, no Domain attribute: sent only
 * to the site's admin origin, never to its public names, and only from pages of the same site),
 * the session lookup that refuses a session opened on another site, the CSRF check on every
 * state-changing request, and login rate limits per IP address and per account.
 */
import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { GuildError } from '../../errors.ts';
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

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The visitor's address. Behind a reverse proxy on this machine (a loopback peer) it is the last
 * address in X-Forwarded-For that is not loopback; otherwise the peer itself. The host does not
 * turn on Express's "trust proxy" (it costs every request), so the admin reads it here.
 */
export function clientAddress(req: Request): string {
  const peer = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  if (!LOOPBACK.has(peer) || typeof forwarded !== 'string') return peer;
  const hops = forwarded.split(',').map((hop) => hop.trim()).filter(Boolean);
  return hops.reverse().find((hop) => !LOOPBACK.has(hop)) ?? peer;
}

/** Puts the caller's session for this site (if any) on res.locals.session. */
export function readSession(auth: Auth): RequestHandler {
  return (req, res, next) => {
    const { site } = locals(res);
    const session = auth.sessions.resolve(req.cookies?.[sessionCookie(res).name] as string | undefined, site.slug);
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

const WINDOW_MS = 15 * 60 * 1000;

export interface LoginLimits {
  /** Failed logins allowed per IP address in 15 minutes. */
  readonly perIp: number;
  /** Failed logins allowed per account (email) in 15 minutes, whichever IP they come from. */
  readonly perAccount: number;
}

const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 30, perAccount: 8 };

/** Rate limits for login and other password-guessing routes; only failures count. */
export function loginLimiters(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): RequestHandler[] {
  const refuse = (_req: Request, _res: Response, next: NextFunction) => next(new GuildError('GUILD_ERR_LOGIN_LIMITED', String(WINDOW_MS / 60_000)));
  const common = { windowMs: WINDOW_MS, skipSuccessfulRequests: true, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: refuse, validate: { xForwardedForHeader: false } };
  return [
    rateLimit({ ...common, limit: limits.perIp, identifier: 'login-ip', keyGenerator: (req) => ipKeyGenerator(clientAddress(req)) }),
    rateLimit({
      ...common,
      limit: limits.perAccount,
      identifier: 'login-account',
      // The email tried; for a logged-in password change the session's account; for an invitation its link.
      keyGenerator: (req, res) => {
        const email = (req.body as { email?: unknown } | undefined)?.email ?? locals(res).session?.account.email;
        return email !== undefined ? `account:${String(email).trim().toLowerCase()}` : `link:${String(req.params.token ?? '')}`;
      },
    }),
  ];
}

/** Mails sent on request (password resets): a few per address and per IP, so nobody can flood an inbox. */
export function mailLimiters(): RequestHandler[] {
  const refuse = (_req: Request, _res: Response, next: NextFunction) => next(new GuildError('GUILD_ERR_LOGIN_LIMITED', String(WINDOW_MS / 60_000)));
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: refuse, validate: { xForwardedForHeader: false } };
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
