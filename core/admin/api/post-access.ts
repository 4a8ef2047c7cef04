/**
 * Who may touch which post, and how a post looks in the API. Pages and other people's posts need
 * `posts:all`; an author reaches only posts they are an author of.
 */
import type { Response } from 'express';
import { GuildError } from '../../errors.ts';
import { can, CAPABILITIES, type ResolvedSession } from '../../auth/index.ts';
import type { Post, PostType } from '../../content/index.ts';
import { excerptOf } from '../../site/index.ts';
import { locals, requireCapability } from './context.ts';
import { idParam } from './input.ts';

export const TYPES: readonly PostType[] = ['post', 'page'];

/** Throws 403 unless the caller may work on posts of this type at all. */
export function requireTypeAccess(res: Response, type: PostType): ResolvedSession {
  return requireCapability(res, type === 'page' ? 'posts:all' : 'posts:own');
}

export function ownsPost(session: ResolvedSession, post: Post): boolean {
  return post.authors.some((author) => author.slug === session.membership.authorSlug);
}

/** The post with this id and type, if the caller may edit it; 404 or 403 otherwise. */
export async function editablePost(res: Response, type: PostType, rawId: unknown): Promise<{ post: Post; session: ResolvedSession }> {
  const session = requireTypeAccess(res, type);
  const id = idParam(rawId, `${type === 'page' ? 'Page' : 'Post'} ${String(rawId)}`);
  const post = await locals(res).site.store.getPost(id);
  if (!post || post.type !== type) throw new GuildError('GUILD_ERR_NOT_FOUND', `${type === 'page' ? 'Page' : 'Post'} ${id}`);
  if (!can(session.membership.role, 'posts:all') && !ownsPost(session, post)) {
    throw new GuildError('GUILD_ERR_FORBIDDEN', session.membership.role, CAPABILITIES['posts:all']);
  }
  return { post, session };
}

/** A post as the API answers it: with its public address, and without the body in lists. */
export function postJson(res: Response, post: Post, options: { body?: boolean } = {}) {
  const { site, baseUrl } = locals(res);
  const url = `${site.info(baseUrl).url}${post.path}`;
  return {
    id: post.id,
    type: post.type,
    title: post.title,
    slug: post.slug,
    status: post.status,
    url,
    previewUrl: `/admin/api/${post.type}s/${post.id}/preview`,
    excerpt: post.customExcerpt,
    ...(options.body === false ? { summary: excerptOf(post.html, 30) } : { html: post.html }),
    featureImage: post.featureImage,
    featured: post.featured,
    password: post.password,
    publishedAt: post.publishedAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    tags: post.tags.map((tag) => ({ name: tag.name, slug: tag.slug })),
    authors: post.authors.map((author) => ({ name: author.name, slug: author.slug })),
  };
}
