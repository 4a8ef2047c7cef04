/**
 * POST /<slug>/comments/ (a child page's /<parent>/<slug>/comments/): a visitor's comment. Spam is kept out the way WordPress's defaults do:
 * a honeypot field people never see (a filled one is thanked and dropped), rate limits per
 * address and per site, and moderation for comments with links and for first-time commenters
 * (by email, or by name without one). Approved comments show at once.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { commentHtml, commentsEnabled } from './comments.ts';
import { entryAt, segmentsOf } from './entry-paths.ts';
import { clientAddress } from './guessing.ts';
import { renderVirtualPage } from './render.ts';
import type { Site } from './site.ts';

const PER_IP = { limit: 5, windowMs: 10 * 60_000 };
const PER_SITE = { limit: 60, windowMs: 60 * 60_000 };
const LINK = /https?:\/\/|www\.|<a\s/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const readForm = express.urlencoded({ extended: false, limit: '16kb' });

type Locals = (res: Response) => { site: Site; baseUrl: string };

/** "/level-1/level-2/comments/" → "/level-1/level-2/". */
const postPathOf = (req: Request) => req.path.replace(/comments\/$/, '');

export function commentForm(locals: Locals): RequestHandler[] {
  const say = (req: Request, res: Response, status: number, title: string, message: string) => {
    const { site, baseUrl } = locals(res);
    const back = `/${(segmentsOf(postPathOf(req)) ?? []).map(encodeURIComponent).join('/')}/`;
    return renderVirtualPage(site, { title, html: `<p>${message}</p><p><a href="${back}">Back to the post</a></p>` }, status, { path: req.path, baseUrl }).then((page) =>
      res.status(status).type('html').set('Cache-Control', 'no-store').send(page.html),
    );
  };
  const common = { standardHeaders: 'draft-8' as const, legacyHeaders: false, validate: { xForwardedForHeader: false } };
  const refuse = (req: Request, res: Response) => void say(req, res, 429, 'Too many comments', 'Too many comments in a short time. Please wait a few minutes and try again.');
  const limiters = [
    rateLimit({ ...common, ...PER_IP, identifier: 'comments-ip', keyGenerator: (req, res) => `${locals(res).site.slug}|${ipKeyGenerator(clientAddress(req))}`, handler: refuse }),
    rateLimit({ ...common, ...PER_SITE, identifier: 'comments-site', keyGenerator: (_req, res) => locals(res).site.slug, handler: refuse }),
  ];
  const take = async (req: Request, res: Response) => {
    const { site } = locals(res);
    const post = (await entryAt(site, postPathOf(req)))?.post;
    if (!post || post.password !== null || !(await commentsEnabled(site))) return say(req, res, 404, 'Comments are closed', 'This post does not take comments.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    // A bot fills every field; a person never sees this one.
    if (field('website')) return say(req, res, 202, 'Thank you', 'Your comment is waiting for approval.');
    const name = field('name');
    const email = field('email').toLowerCase();
    const text = field('text');
    const problems = [
      ...(name && name.length <= 100 ? [] : ['Your name is needed (up to 100 characters).']),
      ...(email === '' || (email.length <= 200 && EMAIL.test(email)) ? [] : ['That email address does not look right; leave it empty if you prefer.']),
      ...(text && text.length <= 5000 ? [] : ['Your comment is empty or longer than 5,000 characters.']),
    ];
    const parentId = /^\d+$/.test(field('parent')) ? Number(field('parent')) : null;
    const parent = parentId === null ? undefined : await site.store.getComment(parentId);
    if (parentId !== null && (!parent || parent.postId !== post.id || parent.status !== 'approved')) problems.push('The comment you answered is no longer there.');
    if (problems.length > 0) return say(req, res, 400, 'Your comment was not posted', problems.join(' '));
    const held = LINK.test(text) || !(await site.store.hasApprovedComment(email || null, name));
    const comment = await site.store.saveComment({ postId: post.id, parentId, authorName: name, authorEmail: email || null, html: commentHtml(text), status: held ? 'pending' : 'approved' });
    if (held) return say(req, res, 202, 'Thank you', 'Your comment is waiting for approval and will appear once the site’s owner has read it.');
    res.redirect(303, `${post.path}#comment-${comment.id}`);
  };
  return [...limiters, readForm, (req, res, next) => void take(req, res).catch(next)];
}
