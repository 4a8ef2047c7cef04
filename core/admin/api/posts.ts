/**
 * Posts and pages: list (search, status, tag, author), create, read, save, autosave, delete, bulk
 * actions, and a preview through the site's own theme. HTML is sanitized on every save and what
 * was removed is answered back as `rejected`. Every save leaves a revision.
 */
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { GuildError } from '../../errors.ts';
import { can } from '../../auth/index.ts';
import { escapeHtml, sanitizeContent, type Post, type PostInput, type PostStatus, type PostType, type RejectedPart, type RevisionReason } from '../../content/index.ts';
import { renderPost } from '../../site/index.ts';
import { actor, locals, type ApiDeps } from './context.ts';
import { Input, LINK } from './input.ts';
import { editablePost, ownsPost, postJson, requireTypeAccess, TYPES } from './post-access.ts';

const STATUSES: readonly PostStatus[] = ['draft', 'published', 'scheduled'];
const LIST_STATUSES = ['any', ...STATUSES] as const;
const BULK_ACTIONS = ['publish', 'unpublish', 'delete', 'tag'] as const;

export function postRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  // The preview is the site's own theme, with its inline styles and scripts, and plugins' output:
  // code the admin does not trust. CSP sandbox (without allow-same-origin) runs it in an origin of
  // its own, so it reaches neither the admin's cookies nor its API, though it is served from here.
  const themeHeaders = helmet({ contentSecurityPolicy: false, frameguard: { action: 'sameorigin' } });
  const previewHeaders: express.RequestHandler = (req, res, next) => {
    res.setHeader('Content-Security-Policy', 'sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox');
    themeHeaders(req, res, next);
  };

  for (const type of TYPES) {
    const base = `/${type}s`;

    router.get(base, async (req, res) => {
      const session = requireTypeAccess(res, type);
      const query = req.query as Record<string, string | undefined>;
      const status = LIST_STATUSES.includes(query.status as never) ? (query.status as PostStatus | 'any') : 'any';
      const result = await locals(res).site.store.listPosts({
        type,
        status,
        order: query.order === 'published' ? 'published' : 'updated',
        ...(query.search ? { search: query.search.slice(0, 200) } : {}),
        ...(query.tag ? { tag: query.tag } : {}),
        // An author sees their own posts only.
        ...(can(session.membership.role, 'posts:all') ? (query.author ? { author: query.author } : {}) : { author: session.membership.authorSlug }),
        page: Number(query.page) || 1,
        limit: Number(query.limit) || 20,
      });
      res.json({ ...result, items: result.items.map((post) => postJson(res, post, { body: false })) });
    });

    router.post(base, async (req, res) => {
      const session = requireTypeAccess(res, type);
      const { input: values, rejected, rejectedSummary } = await readPost(req, res, type, { creating: true });
      const mine = session.membership.authorSlug;
      const post = await locals(res).site.store.createPost({
        ...values,
        type,
        title: values.title ?? 'Untitled',
        authors: can(session.membership.role, 'posts:all') && values.authors?.length ? values.authors : [mine],
      });
      deps.stateOf(locals(res).site).revisions.record(post, 'created', actor(res));
      res.status(201).json({ ...postJson(res, post), rejected, rejectedSummary });
    });

    router.post(`${base}/bulk`, async (req, res) => {
      const session = requireTypeAccess(res, type);
      const input = new Input(req.body);
      const action = input.oneOf('action', BULK_ACTIONS, { required: true });
      const ids = input.raw('ids');
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 200 || !ids.every((id) => Number.isSafeInteger(id))) input.problem('ids', 'must be a list of 1 to 200 post ids');
      const tag = action === 'tag' ? input.string('tag', { required: true, max: 100 }) : undefined;
      input.check();
      const { site } = locals(res);
      const done: number[] = [];
      const failed: Array<{ id: number; message: string }> = [];
      for (const id of ids as number[]) {
        const post = await site.store.getPost(id);
        if (!post || post.type !== type) {
          failed.push({ id, message: 'does not exist' });
          continue;
        }
        if (!can(session.membership.role, 'posts:all') && !ownsPost(session, post)) {
          failed.push({ id, message: 'is not yours to change' });
          continue;
        }
        if (action === 'delete') await site.store.deletePost(id);
        else if (action === 'tag') await site.store.updatePost(id, { tags: [...post.tags.map((existing) => existing.name), tag!] });
        else await save(res, deps, post, action === 'publish' ? { status: 'published' } : { status: 'draft', publishedAt: null });
        done.push(id);
      }
      res.json({ done, failed });
    });

    router.get(`${base}/:id`, async (req, res) => {
      const { post } = await editablePost(res, type, req.params.id);
      res.json(postJson(res, post));
    });

    router.put(`${base}/:id`, async (req, res) => {
      const { post } = await editablePost(res, type, req.params.id);
      const { input: values, rejected, rejectedSummary } = await readPost(req, res, type, { creating: false });
      res.json({ ...postJson(res, await save(res, deps, post, values)), rejected, rejectedSummary });
    });

    // Drafts save themselves while the writer types; published posts change only when saved on purpose.
    router.put(`${base}/:id/autosave`, async (req, res) => {
      const { post } = await editablePost(res, type, req.params.id);
      if (post.status !== 'draft') throw new GuildError('GUILD_ERR_INVALID_INPUT', `only drafts are autosaved; this ${type} is ${post.status}, so save it with PUT ${base}/${post.id}`);
      const { input: values, rejected, rejectedSummary } = await readPost(req, res, type, { creating: false });
      if (values.status !== undefined && values.status !== 'draft') throw new GuildError('GUILD_ERR_INVALID_INPUT', 'an autosave cannot publish or schedule; use PUT to do that');
      res.json({ ...postJson(res, await save(res, deps, post, values, 'autosaved')), rejected, rejectedSummary });
    });

    router.delete(`${base}/:id`, async (req, res) => {
      const { post } = await editablePost(res, type, req.params.id);
      await locals(res).site.store.deletePost(post.id);
      res.status(204).end();
    });

    router.get(`${base}/:id/preview`, previewHeaders, async (req, res) => {
      const { post } = await editablePost(res, type, req.params.id);
      const { site, baseUrl } = locals(res);
      const rendered = await renderPost(site, post, { path: post.path, baseUrl });
      res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }).type('html').send(withBase(rendered.html, baseUrl));
    });
  }
  return router;
}

/**
 * Saves changes to a post and records the revision, naming why: published, scheduled, unpublished,
 * autosaved or saved.
 */
export async function save(res: Response, deps: ApiDeps, before: Post, patch: Partial<PostInput>, reason?: RevisionReason): Promise<Post> {
  const { site } = locals(res);
  const status = patch.status ?? before.status;
  if (status === 'published' && before.status === 'scheduled' && patch.publishedAt === undefined) {
    // Publishing a scheduled post now, not at the time it was scheduled for.
    patch = { ...patch, publishedAt: new Date().toISOString() };
  }
  if (status === 'draft' && before.status !== 'draft' && patch.publishedAt === undefined) patch = { ...patch, publishedAt: null };
  const revisions = deps.stateOf(site).revisions;
  // A post from before the admin (seeded, imported) gets its first state kept before it changes.
  if (!revisions.has(before.id)) revisions.record(before, 'created', { id: null, name: before.authors[0]?.name ?? 'Someone' }, before.updatedAt);
  const after = await site.store.updatePost(before.id, patch);
  const why: RevisionReason =
    reason ??
    (after.status === before.status ? 'saved' : after.status === 'published' ? 'published' : after.status === 'scheduled' ? 'scheduled' : 'unpublished');
  revisions.record(after, why, actor(res));
  return after;
}

/**
 * The fields of a post from the body, checked; HTML sanitized with a report of what was removed
 * (each part, and one sentence for the writer). A body that was left out stays as it is stored.
 */
async function readPost(req: Request, res: Response, type: PostType, options: { creating: boolean }): Promise<{ input: Partial<PostInput>; rejected: readonly RejectedPart[]; rejectedSummary: string }> {
  const input = new Input(req.body);
  const title = input.string('title', { max: 255 });
  const html = input.string('html', { max: 2_000_000 });
  const status = input.oneOf('status', STATUSES);
  const slug = input.string('slug', { max: 120, pattern: /^[\p{L}\p{N}][\p{L}\p{N}\s_-]*$/u, hint: 'may have letters, digits and dashes' });
  const excerpt = input.nullableString('excerpt', { max: 500 });
  const featureImage = input.nullableString('featureImage', { max: 2000, pattern: LINK, hint: 'must be a site path like /content/images/... or a web address' });
  const featured = input.boolean('featured');
  const password = input.nullableString('password', { max: 255 });
  // WordPress puts no limit on a post's tags and the import keeps them all (the theme unit test's
  // "Many Tags" has 47): a post the import made must save again.
  const tags = input.strings('tags', { max: 100, itemMax: 100 });
  const authors = input.strings('authors', { max: 10, itemMax: 100 });
  const publishedAt = input.date('publishedAt');
  if (options.creating && !title?.trim() && !html?.trim()) input.problem('title', 'is required (or some text)');
  if (status === 'scheduled') {
    const when = publishedAt ?? undefined;
    if (!when) input.problem('publishedAt', 'is required to schedule: when should it go live?');
    else if (Date.parse(when) <= Date.now()) input.problem('publishedAt', 'must be in the future to schedule; publish now instead');
  }
  for (const slug of authors ?? []) {
    if (!(await locals(res).site.store.getAuthor(slug))) input.problem('authors', `names "${slug}", who is not an author of this site`);
  }
  input.check();
  const session = requireTypeAccess(res, type);
  if (authors && !can(session.membership.role, 'posts:all') && authors.some((slug) => slug !== session.membership.authorSlug)) {
    throw new GuildError('GUILD_ERR_FORBIDDEN', session.membership.role, "naming other people as a post's authors");
  }
  const sanitized = html === undefined ? undefined : sanitizeContent(html);
  const values: Partial<PostInput> = {
    ...(title !== undefined ? { title: title.trim() || 'Untitled' } : {}),
    ...(sanitized ? { html: sanitized.html } : {}),
    ...(status ? { status } : {}),
    ...(slug ? { slug } : {}),
    ...(excerpt !== undefined ? { customExcerpt: excerpt?.trim() || null } : {}),
    ...(featureImage !== undefined ? { featureImage } : {}),
    ...(featured !== undefined ? { featured } : {}),
    ...(password !== undefined ? { password: password || null } : {}),
    ...(tags ? { tags } : {}),
    ...(authors ? { authors } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
  };
  return { input: values, rejected: sanitized?.rejected ?? [], rejectedSummary: sanitized?.summary ?? '' };
}

/** The theme's root-relative addresses (/assets/…, links) resolve on the site's public origin, not the admin's. */
function withBase(html: string, baseUrl: string): string {
  const base = `<base href="${escapeHtml(baseUrl)}/">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? `${html.slice(0, head.index + head[0].length)}${base}${html.slice(head.index + head[0].length)}` : `${base}${html}`;
}
