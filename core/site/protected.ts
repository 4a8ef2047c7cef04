/**
 * WordPress's password-protected posts: the post's page asks for its password (POSTed back to the
 * post's own address), and a right answer leaves a cookie for that post alone, remembered for ten
 * days as WordPress does. Guesses are limited like the admin login (per address, per post from
 * an address, per post from anywhere). Pages a visitor unlocked are never cached or shared; the
 * cached page of a protected post is its password form.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Post } from '../content/index.ts';
import { entryAt, segmentsOf } from './entry-paths.ts';
import { cookieOf, GUESS_WINDOW_MS, guessGuard, type GuessLimits } from './guessing.ts';
import { passwordToken, sameToken } from './password-token.ts';
import { renderLocked } from './render.ts';
import type { Site } from './site.ts';

const COOKIE_PREFIX = 'guild-post-';
const TEN_DAYS = 10 * 24 * 3600;
const LIMITS: GuessLimits = { perIp: 30, perAccountPerIp: 10, perAccount: 100 };
const readForm = express.urlencoded({ extended: false, limit: '4kb' });

function tokenFor(site: Site, post: Post, password = post.password ?? ''): string {
  return passwordToken('post', `${site.manifest.id}\n${post.id}`, password);
}

/** Whether the request carries any protected post's cookie: such a visitor skips the shared page cache. */
export function mayHaveUnlocked(cookieHeader: string | undefined): boolean {
  return cookieHeader?.includes(COOKIE_PREFIX) ?? false;
}

/** Which protected posts this visitor has unlocked (with the post's current password). */
export function unlockedBy(req: Pick<Request, 'headers'>, site: Site): (post: Post) => boolean {
  return (post) => post.password !== null && sameToken(cookieOf(req, `${COOKIE_PREFIX}${post.id}`), tokenFor(site, post));
}

/** POST /<slug>/ (or a child page's /<parent>/<slug>/) with `password`: remembers the post for this visitor and sends them back to it. */
export function protectedPostForm(locals: (res: Response) => { site: Site; baseUrl: string }): RequestHandler[] {
  const guard = guessGuard({
    name: 'post',
    cookiePath: '/',
    limits: LIMITS,
    account: (req, res) => `${locals(res).site.slug}/${segmentsOf(req.path)?.at(-1) ?? ''}`,
    refuse: (req, res, next) => {
      const minutes = Math.round(GUESS_WINDOW_MS / 60_000);
      void answerLocked(req, res, 429, `Too many wrong passwords. Wait ${minutes} minutes and try again.`).catch(next);
    },
  });
  const check = async (req: Request, res: Response, next: NextFunction) => {
    const { site, baseUrl } = locals(res);
    const post = (await entryAt(site, req.path))?.post;
    if (!post || post.password === null) return next();
    const given = typeof req.body?.password === 'string' ? req.body.password : '';
    // 401 so the limits count it as a failure.
    if (!sameToken(tokenFor(site, post, given), tokenFor(site, post))) return answerLocked(req, res, 401, 'That password is not right. Please try again.');
    guard.remember(res, `${site.slug}/${post.slug}`);
    const secure = baseUrl.startsWith('https:') ? '; Secure' : '';
    res.append('Set-Cookie', `${COOKIE_PREFIX}${post.id}=${tokenFor(site, post)}; Path=/; Max-Age=${TEN_DAYS}; HttpOnly; SameSite=Lax${secure}`);
    res.redirect(303, post.path);
  };
  const answerLocked = async (req: Request, res: Response, status: number, error: string) => {
    const { site, baseUrl } = locals(res);
    const post = (await entryAt(site, req.path))?.post;
    if (!post || post.password === null) return void res.status(404).end();
    const page = await renderLocked(site, post, { path: req.path, baseUrl }, error);
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page.html);
  };
  return [...guard.limiters, readForm, (req, res, next) => void check(req, res, next).catch(next)];
}
