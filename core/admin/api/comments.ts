/**
 * Moderating comments (owners and editors): the queue, approving, marking spam, replying as
 * oneself, deleting, and the site's switch that turns comments off.
 */
import express from 'express';
import { sanitizeComment, type CommentStatus } from '../../content/index.ts';
import { GuildError } from '../../errors.ts';
import { commentHtml, COMMENTS_SETTING, commentsEnabled } from '../../site/index.ts';
import { locals, requireCapability } from './context.ts';
import { idParam, Input } from './input.ts';

const STATUSES: readonly CommentStatus[] = ['approved', 'pending', 'spam', 'trash'];

export function commentRoutes(): express.Router {
  const router = express.Router();
  const moderator = (res: express.Response) => requireCapability(res, 'posts:all');
  const found = async (res: express.Response, raw: unknown) => {
    const id = idParam(raw, `Comment ${String(raw)}`);
    const comment = await locals(res).site.store.getComment(id);
    if (!comment) throw new GuildError('GUILD_ERR_NOT_FOUND', `Comment ${id}`);
    return comment;
  };

  router.get('/comments/settings', async (_req, res) => {
    moderator(res);
    res.json({ enabled: await commentsEnabled(locals(res).site) });
  });

  router.put('/comments/settings', async (req, res) => {
    moderator(res);
    const input = new Input(req.body);
    const enabled = input.boolean('enabled');
    if (enabled === undefined) input.problem('enabled', 'is required: true to take comments, false to turn them off');
    input.check();
    await locals(res).site.store.setSetting(COMMENTS_SETTING, enabled);
    res.json({ enabled });
  });

  router.get('/comments', async (req, res) => {
    moderator(res);
    const status = typeof req.query.status === 'string' && (STATUSES as readonly string[]).includes(req.query.status) ? (req.query.status as CommentStatus) : 'any';
    const store = locals(res).site.store;
    const comments = await store.listSiteComments(status);
    const posts = new Map<number, { id: number; title: string; slug: string } | null>();
    for (const comment of comments) {
      if (posts.has(comment.postId)) continue;
      const post = await store.getPost(comment.postId);
      posts.set(comment.postId, post ? { id: post.id, title: post.title, slug: post.slug } : null);
    }
    // The admin shows the text as HTML: through the comment allow-list, whatever an import stored.
    res.json({ items: comments.map((comment) => ({ ...comment, html: sanitizeComment(comment.html), post: posts.get(comment.postId) })) });
  });

  router.put('/comments/:id', async (req, res) => {
    moderator(res);
    const comment = await found(res, req.params.id);
    const input = new Input(req.body);
    const status = input.oneOf('status', STATUSES);
    if (!status) input.problem('status', `is required: one of ${STATUSES.join(', ')}`);
    input.check();
    res.json(await locals(res).site.store.saveComment({ ...comment, status: status! }));
  });

  router.post('/comments/:id/replies', async (req, res) => {
    const session = moderator(res);
    const parent = await found(res, req.params.id);
    const input = new Input(req.body);
    const text = input.string('text', { required: true, min: 1, max: 5000 });
    input.check();
    const store = locals(res).site.store;
    // Answering a held comment approves it, as WordPress's "Approve and reply" does.
    if (parent.status === 'pending') await store.saveComment({ ...parent, status: 'approved' });
    const reply = await store.saveComment({ postId: parent.postId, parentId: parent.id, authorName: session.account.name, authorEmail: session.account.email, html: commentHtml(text!), status: 'approved' });
    res.status(201).json(reply);
  });

  router.delete('/comments/:id', async (req, res) => {
    moderator(res);
    const comment = await found(res, req.params.id);
    await locals(res).site.store.deleteComment(comment.id);
    res.status(204).end();
  });
  return router;
}
