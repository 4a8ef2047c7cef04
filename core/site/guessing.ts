/**
 * Limits on guessing a password: the admin login, accepting an invitation, a private site's
 * password. As in Ghost's brute-force protection, failures are counted three ways over 15
 * minutes: per address, per account from one address, and per account from anywhere. A browser
 * that has given the right password for an account before carries a signed "known browser"
 * cookie and is not held by the per-account count, so guesses spread over many addresses slow
 * the guesser (each address soon stops) without locking the owner out of their own browser.
 * Counts and known browsers live in memory: a restart forgets both.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export const GUESS_WINDOW_MS = 15 * 60 * 1000;

export interface GuessLimits {
  /** Failures allowed per IP address, whatever account they try. */
  readonly perIp: number;
  /** Failures allowed per account from one IP address; default perAccount. */
  readonly perAccountPerIp?: number;
  /** Failures allowed per account from all addresses together; a known browser is not held by it. */
  readonly perAccount: number;
}

export const DEFAULT_GUESS_LIMITS: GuessLimits = { perIp: 30, perAccountPerIp: 8, perAccount: 8 };

export interface GuessGuard {
  /** Put these before the route that checks the password; only failed answers (4xx, 5xx) count. */
  readonly limiters: RequestHandler[];
  /** After a right password: this browser is known for the account from now on. */
  remember(res: Response, account: string): void;
}

export interface GuessGuardOptions {
  /** Names the counters and the cookie (e.g. "login", "private"). */
  readonly name: string;
  /** What is being guessed at: an account's email, a site's slug. */
  readonly account: (req: Request, res: Response) => string;
  /** Where the known-browser cookie is sent back (e.g. /admin). */
  readonly cookiePath: string;
  /** Answers a request over a limit. */
  readonly refuse: (req: Request, res: Response, next: NextFunction) => void;
  readonly limits?: GuessLimits;
}

/** The visitor's address (as the host's GUILD_TRUST_PROXY lets proxies say it). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

const KNOWN_PER_BROWSER = 5;

export function guessGuard(options: GuessGuardOptions): GuessGuard {
  const limits = options.limits ?? DEFAULT_GUESS_LIMITS;
  const key = randomBytes(32);
  const cookie = `guild-known-${options.name}`;
  const mac = (account: string) => createHmac('sha256', key).update(account).digest('base64url').slice(0, 22);
  const known = (req: Request): string[] => (cookieOf(req, cookie) ?? '').split('.').filter(Boolean);
  const isKnown = (req: Request, account: string) => {
    const expected = Buffer.from(mac(account));
    return known(req).some((given) => given.length === expected.length && timingSafeEqual(Buffer.from(given), expected));
  };
  const common = {
    windowMs: GUESS_WINDOW_MS,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: options.refuse,
    validate: { xForwardedForHeader: false },
  };
  const ip = (req: Request) => ipKeyGenerator(clientAddress(req));
  return {
    limiters: [
      rateLimit({ ...common, limit: limits.perIp, identifier: `${options.name}-ip`, keyGenerator: ip }),
      rateLimit({ ...common, limit: limits.perAccountPerIp ?? limits.perAccount, identifier: `${options.name}-account-ip`, keyGenerator: (req, res) => `${options.account(req, res)}|${ip(req)}` }),
      rateLimit({
        ...common,
        limit: limits.perAccount,
        identifier: `${options.name}-account`,
        keyGenerator: (req, res) => options.account(req, res),
        skip: (req, res) => isKnown(req, options.account(req, res)),
      }),
    ],
    remember(res, account) {
      const req = res.req;
      if (isKnown(req, account)) return;
      const value = [mac(account), ...known(req)].slice(0, KNOWN_PER_BROWSER).join('.');
      // https as the visitor sees it: through a trusted proxy, or the address the host was configured with.
      const secure = req.protocol === 'https' || String(res.locals.baseUrl ?? '').startsWith('https:') ? '; Secure' : '';
      res.append('Set-Cookie', `${cookie}=${value}; Path=${options.cookiePath}; Max-Age=${365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure}`);
    },
  };
}

export function cookieOf(req: Pick<Request, 'headers'>, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
