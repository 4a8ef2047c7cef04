/**
 * Fetches what each kind of page shows and shapes it as Ghost themes expect: `posts` and
 * `pagination` on listings, `post` (and `page`) on entries, `tag` or `author` on archives.
 * Returns undefined when the page does not exist, so the caller answers 404.
 */
import { showEmbeds, type Post, type PostQuery } from '../content/index.ts';
import type { AuthorView, EntryView, PageKind, PaginationView, PostView, SiteInfo, TagView } from '../hooks/index.ts';
import { withFields } from '../objects.ts';
import type { TemplateContext, TemplateRoute, ThemeTemplate } from '../themes/index.ts';
import { commentsBlock, type CommentsBlock } from './comments.ts';
import { entriesModel, entryModel } from './content-types.ts';
import { publishedBySlug } from './entry-paths.ts';
import { passwordForm } from './plain-page.ts';
import type { Site } from './site.ts';
import { authorView, paginationOf, postView, tagView } from './views.ts';

export type PageRoute =
  | { readonly kind: 'home'; readonly page: number }
  | { readonly kind: 'entry'; readonly slug: string }
  | { readonly kind: 'tag' | 'author'; readonly slug: string; readonly page: number }
  | { readonly kind: 'typed-entry'; readonly path: string; readonly slug: string }
  | { readonly kind: 'entries'; readonly path: string; readonly page: number };

export interface PageModel {
  readonly kind: PageKind;
  readonly template: TemplateRoute;
  /** Used when the theme has none of the template route's templates. */
  readonly fallback?: ThemeTemplate | undefined;
  /** What {{#is}} answers true to. */
  readonly contexts: string[];
  readonly context: TemplateContext;
  /** Page 1 of the listing this page belongs to. */
  readonly listingPath: string;
  readonly title: string;
  readonly description: string;
  readonly bodyClass: string[];
  readonly post?: PostView;
  readonly tag?: TagView;
  readonly author?: AuthorView;
  readonly pagination?: PaginationView;
  readonly entry?: EntryView;
  /** Holds what only this visitor may see (a protected post they unlocked). */
  readonly personal?: boolean;
  readonly comments?: CommentsBlock | undefined;
}

export async function loadPageModel(site: Site, route: PageRoute, info: SiteInfo, unlocked: (post: Post) => boolean): Promise<PageModel | undefined> {
  switch (route.kind) {
    case 'home':
      return listing(site, info, route.page, {}, { kind: route.page === 1 ? 'home' : 'index', listingPath: '/' });
    case 'entry': {
      // A content type's list at /<path>/ comes before a post or page with that slug.
      const type = site.contributions.contentTypeAt(route.slug);
      return type ? entriesModel(site, type, info) : entry(site, info, route.slug, unlocked);
    }
    case 'entries': {
      const type = site.contributions.contentTypeAt(route.path);
      return type && entriesModel(site, type, info, route.page);
    }
    case 'typed-entry': {
      const type = site.contributions.contentTypeAt(route.path);
      return type && entryModel(site, type, route.slug);
    }
    case 'tag': {
      const tag = await site.memo.load(`tag:${route.slug}`, () => site.store.getTag(route.slug));
      return tag && listing(site, info, route.page, { tag: tag.slug }, { kind: 'tag', listingPath: `/tag/${tag.slug}/`, tag: tagView(tag) });
    }
    case 'author': {
      const author = await site.memo.load(`author:${route.slug}`, () => site.store.getAuthor(route.slug));
      return author && listing(site, info, route.page, { author: author.slug }, { kind: 'author', listingPath: `/author/${author.slug}/`, author: authorView(author) });
    }
  }
}

interface ListingOf {
  readonly kind: 'home' | 'index' | 'tag' | 'author';
  readonly listingPath: string;
  readonly tag?: TagView;
  readonly author?: AuthorView;
}

async function listing(site: Site, info: SiteInfo, page: number, filter: PostQuery, of: ListingOf): Promise<PageModel | undefined> {
  const query = withFields(filter, { page, limit: site.theme.postsPerPage });
  const { result, posts } = await site.memo.load(`listing:${JSON.stringify(query)}`, async () => {
    const result = await site.store.listPosts(query);
    return { result, posts: result.items.map((post) => postView(post)) };
  });
  if (page > result.pages) return undefined;
  const pagination = paginationOf(result);
  const archive = of.tag ?? of.author;
  const paged = page > 1 ? ` (page ${page})` : '';
  const contexts = [of.kind === 'home' ? 'home' : of.kind, ...(of.kind === 'home' || of.kind === 'index' ? ['index'] : []), ...(page > 1 ? ['paged'] : [])];
  const bodyClass = [
    of.kind === 'home' ? 'home-template' : of.kind === 'index' ? 'index-template' : `${of.kind}-template`,
    ...(archive ? [`${of.kind}-${archive.slug}`] : []),
    ...(page > 1 ? ['paged', 'archive-template'] : []),
  ];
  const description = of.tag?.description || of.author?.bio || info.description;
  return {
    kind: of.kind,
    template: of.kind === 'home' || of.kind === 'index' ? { kind: 'home', page } : { kind: of.kind, slug: archive!.slug },
    contexts: [...new Set(contexts)],
    context: { posts, pagination, ...(of.tag ? { tag: of.tag } : {}), ...(of.author ? { author: of.author } : {}) },
    listingPath: of.listingPath,
    title: `${archive ? `${archive.name} - ` : ''}${info.title}${paged}`,
    description,
    bodyClass,
    pagination,
    ...(of.tag ? { tag: of.tag } : {}),
    ...(of.author ? { author: of.author } : {}),
  };
}

async function entry(site: Site, info: SiteInfo, slug: string, unlocked: (post: Post) => boolean): Promise<PageModel | undefined> {
  const found = await site.memo.load(`entry:${slug}`, async () => {
    const stored = await publishedBySlug(site, slug);
    return stored && { stored, view: postView(stored, { unlocked: true }) };
  });
  if (!found) return undefined;
  const { stored, view } = found;
  if (stored.password !== null && !unlocked(stored)) return lockedModel(site, info, stored, null);
  const comments = await site.memo.load(`comments:${stored.id}:${info.timezone}`, () => commentsBlock(site, stored, info.timezone));
  const model = postModel(site, info, stored, view);
  // Ghost themes ask {{#if comments}} (the post takes comments) before calling {{comments}}.
  const post = withFields(model.post!, { comments: comments !== undefined });
  const context = stored.type === 'page' ? { post, page: post } : { post };
  return withFields(model, { context, comments, ...(stored.password !== null ? { personal: true } : {}) });
}

/**
 * A protected post's page before its password is given: the theme's private.hbs (with `post`
 * and `error`), or the post's own template with the core form in place of its text.
 */
export function lockedModel(site: Site, info: SiteInfo, stored: Post, error: string | null): PageModel {
  const view = postView(stored);
  if (!site.theme.has('private')) return postModel(site, info, stored, { ...view, html: `<p>This content is password protected. To view it, enter the password below.</p>${passwordForm(error)}` });
  return {
    kind: 'private',
    template: { kind: 'private' },
    contexts: ['private'],
    context: { post: view, error: error ? { message: error } : null },
    listingPath: '/',
    title: `Protected: ${view.title} - ${info.title}`,
    description: '',
    bodyClass: ['private-template', 'post-protected'],
    post: view,
  };
}

/** The page of one post or page, whatever its status or password (the admin's preview renders drafts with it). */
export function postModel(site: Site, info: SiteInfo, stored: Post, shown: PostView = postView(stored, { unlocked: true })): PageModel {
  const view = { ...shown, html: showEmbeds(shown.html) };
  const post: PostView = { ...view, html: site.hooks.run('post:html', view.html, { site: info, post: view }) };
  const kind = post.type;
  return {
    kind,
    template: { kind, slug: post.slug, custom: stored.template },
    contexts: [kind],
    context: kind === 'page' ? { post, page: post } : { post },
    listingPath: '/',
    title: post.title,
    description: post.custom_excerpt ?? post.excerpt,
    bodyClass: [`${kind}-template`, ...(kind === 'page' ? [`page-${post.slug}`] : post.tags.map((tag) => `tag-${tag.slug}`))],
    post,
  };
}
