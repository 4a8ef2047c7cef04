/**
 * Ghost's Content API at /ghost/api/content/: posts, pages, tags and authors (browse, by id, by
 * slug) and settings, read-only, for published content. Every request carries the site's
 * Content API key as `?key=`. Ghost's parameters: filter, include, fields, formats, limit, page,
 * order; Ghost's JSON (`{"posts": [...], "meta": {"pagination": ...}}`) and error shape.
 */
import express, { type Request, type Response } from 'express';
import { isGuildError } from '../errors.ts';
import type { ContentStore, FindQuery, PageOf } from '../content/index.ts';
import { sendGhostError } from './errors.ts';
import { isContentApiKey } from './keys.ts';
import { ghostAuthor, ghostPost, ghostTag, pickFields, type ShapeOptions } from './shapes.ts';

/** What the API reads for the site a request is for. */
export interface ContentApiSite {
  readonly store: ContentStore;
  /** The address the request reached the site at, without a trailing slash. */
  readonly siteUrl: string;
  /** Ghost's settings object for /settings/. */
  settings(): Promise<Record<string, unknown>>;
}

type Resource = 'posts' | 'pages' | 'tags' | 'authors';
const RESOURCES: readonly Resource[] = ['posts', 'pages', 'tags', 'authors'];
const MISSING_KEY_CONTEXT = 'Unable to determine the authenticated member or integration. Check the supplied Content API Key and ensure cookies are being passed through if member auth is failing.';

export function contentApiRouter(siteOf: (res: Response) => ContentApiSite): express.Router {
  const router = express.Router({ strict: false });

  // Headless front ends read the API from other origins, as they do Ghost's.
  router.use(async (req, res, next) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=0', Vary: 'Accept-Version' });
    if (req.method === 'OPTIONS') return void res.set('Access-Control-Allow-Headers', 'Accept-Version, Content-Type').status(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendGhostError(res, 'NoPermissionError', 'The Content API only reads: use GET.');
    const key = typeof req.query.key === 'string' ? req.query.key : '';
    if (!key) return sendGhostError(res, 'NoPermissionError', 'Authorization failed', MISSING_KEY_CONTEXT);
    if (!(await isContentApiKey(siteOf(res).store, key))) return sendGhostError(res, 'UnauthorizedError', 'Unknown Content API Key', null, "Check the key: the site's owner finds it in the admin's settings or with npx guild site content-key <slug>.");
    next();
  });

  router.get('/settings/', async (_req, res) => {
    res.json({ settings: await siteOf(res).settings(), meta: {} });
  });

  for (const resource of RESOURCES) {
    router.get(`/${resource}/`, (req, res) => answer(req, res, siteOf(res), resource, null));
    router.get(`/${resource}/slug/:slug/`, (req, res) => answer(req, res, siteOf(res), resource, { field: 'slug', value: String(req.params.slug) }));
    router.get(`/${resource}/:id/`, (req, res) => answer(req, res, siteOf(res), resource, { field: 'id', value: String(req.params.id) }));
  }
  router.use((_req, res) => sendGhostError(res, 'NotFoundError', 'Resource not found', 'The Content API has posts, pages, tags, authors and settings.'));
  return router;
}

async function answer(req: Request, res: Response, site: ContentApiSite, resource: Resource, one: { field: 'id' | 'slug'; value: string } | null): Promise<void> {
  const options: ShapeOptions = { siteUrl: site.siteUrl, include: listParam(req.query.include) ?? new Set(), formats: listParam(req.query.formats) ?? new Set(['html']) };
  const fields = listParam(req.query.fields);
  if (one && one.field === 'id' && !/^\d+$/.test(one.value)) return sendGhostError(res, 'NotFoundError', 'Resource not found', `There is no ${resource.slice(0, -1)} with id ${one.value}.`);
  const filter = one ? `${one.field}:${one.field === 'slug' ? `'${one.value.replaceAll("'", '')}'` : one.value}` : stringParam(req.query.filter);
  const query: FindQuery = {
    filter,
    limit: one ? 1 : req.query.limit === 'all' ? 'all' : positive(req.query.limit, 15),
    page: one ? 1 : positive(req.query.page, 1),
    order: one ? null : stringParam(req.query.order),
  };
  let found: PageOf<Record<string, unknown>>;
  try {
    found = await find(site.store, resource, query, options);
  } catch (error) {
    if (!isGuildError(error, 'GUILD_ERR_CONTENT_FILTER')) throw error;
    return sendGhostError(res, 'BadRequestError', error.message, 'Check filter and order: they follow Ghost\'s syntax, e.g. filter=tag:news+featured:true&order=published_at desc.');
  }
  const items = found.items.map((item) => pickFields(item, fields));
  if (one) {
    if (items.length === 0) return sendGhostError(res, 'NotFoundError', 'Resource not found', `There is no published ${resource.slice(0, -1)} with ${one.field} ${one.value}.`);
    return void res.json({ [resource]: items });
  }
  const pages = found.pages;
  res.json({
    [resource]: items,
    meta: { pagination: { page: found.page, limit: query.limit === 'all' ? 'all' : found.limit, pages, total: found.total, next: found.page < pages ? found.page + 1 : null, prev: found.page > 1 ? found.page - 1 : null } },
  });
}

async function find(store: ContentStore, resource: Resource, query: FindQuery, options: ShapeOptions): Promise<PageOf<Record<string, unknown>>> {
  switch (resource) {
    case 'posts':
    case 'pages': {
      const found = await store.findPosts(resource === 'posts' ? 'post' : 'page', query);
      return { ...found, items: found.items.map((post) => ghostPost(post, options)) };
    }
    case 'tags': {
      const found = await store.findTags(query);
      return { ...found, items: found.items.map((tag) => ghostTag(tag, options)) };
    }
    case 'authors': {
      const found = await store.findAuthors(query);
      return { ...found, items: found.items.map((author) => ghostAuthor(author, options)) };
    }
  }
}

function stringParam(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function listParam(value: unknown): Set<string> | null {
  const text = stringParam(value);
  return text ? new Set(text.split(',').map((part) => part.trim()).filter(Boolean)) : null;
}

function positive(value: unknown, fallback: number): number {
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : fallback;
  return number >= 1 ? number : fallback;
}
