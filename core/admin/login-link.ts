/**
 * GET /admin/login/<token>: a one-time login link, printed by `guild start`, `guild site new` and
 * `guild site login` for an owner who has no password yet. It works once: it logs the owner in on
 * this site and takes them to choose a password (the password-reset screen, with a fresh reset
 * link of its own). Only the token's hash is stored; a used or expired link answers 410.
 */
import type { Request, Response } from 'express';
import type { Auth } from '../auth/index.ts';
import { escapeHtml } from '../content/index.ts';
import { GuildError } from '../errors.ts';
import { plainPage } from '../site/index.ts';
import { locals } from './api/context.ts';
import { openSession } from './api/session.ts';

/** The path of a login link; the host or the CLI puts the admin's address in front. */
export const loginLinkPath = (token: string): string => `/admin/login/${token}`;

export function loginLinkRoute(auth: Auth) {
  return async (req: Request, res: Response): Promise<void> => {
    const { site } = locals(res);
    const record = await auth.tokens.peek('login', String(req.params.token), site.slug);
    const account = record && (await auth.accounts.findByEmail(record.email));
    const membership = account && (await auth.accounts.membership(site.slug, account.id));
    if (!record || !account || !membership || !(await auth.tokens.use(record))) {
      const error = new GuildError('GUILD_ERR_TOKEN_INVALID', 'login');
      const hint = `<p>${escapeHtml(error.message)}</p><p>The host's operator prints a fresh one with <code>guild site login ${escapeHtml(site.slug)}</code>; once you have a password, log in at <a href="/admin/">/admin/</a> or reset it there.</p>`;
      res.status(error.status).type('html').set('Cache-Control', 'no-store').send(plainPage(`${error.status} · Login link`, 'This login link does not work any more', hint));
      return;
    }
    const { passwordHash: _, ...plain } = account;
    await openSession(auth, res, plain, membership);
    const reset = await auth.tokens.issue('password-reset', { site: site.slug, email: account.email });
    res.set('Cache-Control', 'no-store').redirect(303, `/admin/reset/${reset.token}`);
  };
}
