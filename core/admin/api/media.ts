/**
 * The media library over the API. Uploads arrive as multipart (field `file`), are checked by
 * their bytes and resized to the theme's sizes; deleting a file that a post, page or the site's
 * settings still use is refused with where it is used, unless asked again with ?force=1.
 */
import express, { type Response } from 'express';
import { GuildError } from '../../errors.ts';
import { can, CAPABILITIES } from '../../auth/index.ts';
import { receiveUpload, type MediaItem } from '../../media/index.ts';
import type { Site } from '../../site/index.ts';
import { actor, locals, requireCapability, type ApiDeps } from './context.ts';
import { idParam, Input } from './input.ts';

export interface MediaUse {
  readonly kind: 'post' | 'page' | 'setting';
  readonly title: string;
  readonly id?: number;
}

export function mediaRoutes(deps: ApiDeps): express.Router {
  const router = express.Router();
  const library = (res: Response) => deps.stateOf(locals(res).site).media;

  router.get('/media', (req, res) => {
    requireCapability(res, 'media:upload');
    const query = req.query as Record<string, string | undefined>;
    res.json(library(res).list({ ...(query.search ? { search: query.search.slice(0, 200) } : {}), page: Number(query.page) || 1, limit: Number(query.limit) || 40 }));
  });

  router.post('/media', (_req, res, next) => (requireCapability(res, 'media:upload'), next()), receiveUpload(deps.uploadMaxBytes), async (req, res) => {
    if (!req.file) throw new GuildError('GUILD_ERR_INVALID_INPUT', 'there is no file in the upload; send it in the multipart field "file"');
    const alt = typeof req.body?.alt === 'string' ? req.body.alt.slice(0, 500) : '';
    const item = await library(res).add({ bytes: req.file.buffer, originalName: req.file.originalname || 'upload', alt, uploadedBy: actor(res).email });
    res.status(201).json(item);
  });

  router.put('/media/:id', (req, res) => {
    const item = manageable(res, deps, req.params.id);
    const input = new Input(req.body);
    const alt = input.string('alt', { max: 500 }) ?? '';
    input.check();
    res.json(library(res).setAlt(item.id, alt));
  });

  router.get('/media/:id/usage', async (req, res) => {
    requireCapability(res, 'media:upload');
    const item = library(res).get(idParam(req.params.id, 'This file'));
    if (!item) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This file');
    res.json({ items: await usesOf(locals(res).site, item) });
  });

  router.delete('/media/:id', async (req, res) => {
    const item = manageable(res, deps, req.params.id);
    const uses = await usesOf(locals(res).site, item);
    if (uses.length && req.query.force !== '1') {
      const error = new GuildError('GUILD_ERR_MEDIA_IN_USE', uses.map((use) => `${use.kind} "${use.title}"`).join(', '));
      return res.status(error.status).json({ error: { code: error.code, message: error.message, usage: uses } });
    }
    await library(res).remove(item.id);
    res.status(204).end();
  });

  return router;
}

/** A file the caller may change: editors and owners any, authors their own uploads. */
function manageable(res: Response, deps: ApiDeps, rawId: unknown): MediaItem {
  const session = requireCapability(res, 'media:upload');
  const item = deps.stateOf(locals(res).site).media.get(idParam(rawId, 'This file'));
  if (!item) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This file');
  if (!can(session.membership.role, 'media:manage') && item.uploadedBy !== session.account.email) {
    throw new GuildError('GUILD_ERR_FORBIDDEN', session.membership.role, CAPABILITIES['media:manage']);
  }
  return item;
}

/** Where a file is used: posts and pages (body or feature image, any status) and the site's settings. */
async function usesOf(site: Site, item: MediaItem): Promise<MediaUse[]> {
  const uses: MediaUse[] = [];
  for (const type of ['post', 'page'] as const) {
    const found = await site.store.listPosts({ type, status: 'any', search: item.url, limit: 100 });
    for (const post of found.items) uses.push({ kind: type, title: post.title, id: post.id });
  }
  const manifest = site.manifest;
  if (manifest.logo === item.url) uses.push({ kind: 'setting', title: 'Site logo' });
  if (manifest.icon === item.url) uses.push({ kind: 'setting', title: 'Site icon' });
  for (const [key, value] of Object.entries(manifest.theme.settings ?? {})) {
    if (value === item.url) uses.push({ kind: 'setting', title: `Theme setting ${key}` });
  }
  return uses;
}
