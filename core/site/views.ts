/**
 * Turns stored content into the views themes and plugins see: Ghost's field names, URLs on every
 * object, the primary tag and author picked out, and an excerpt for posts that have none.
 */
import { htmlToText, readingTime, truncateWords, type Author, type Post, type Tag } from '../content/index.ts';
import type { AuthorView, PaginationView, PostView, TagView } from '../hooks/index.ts';

const EXCERPT_WORDS = 50;

export function tagView(tag: Tag): TagView {
  return {
    id: tag.id,
    name: tag.name,
    slug: tag.slug,
    description: tag.description,
    url: `/tag/${tag.slug}/`,
    // Ghost's internal tags ("#featured") group content for themes and never show as tags.
    visibility: tag.name.startsWith('#') ? 'internal' : 'public',
  };
}

export function authorView(author: Author): AuthorView {
  return {
    id: author.id,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    profile_image: author.profileImage,
    website: author.website,
    url: `/author/${author.slug}/`,
  };
}

/**
 * A post as visitors may see it. A password-protected post keeps its title and address but shows
 * no text or excerpt (in listings, feeds, {{#get}}, plugins' payloads) unless `unlocked`: only the
 * post's own page, for a visitor who gave the password, and the admin's preview pass it.
 */
export function postView(post: Post, options: { readonly unlocked?: boolean } = {}): PostView {
  const hidden = post.password !== null && !options.unlocked;
  const tags = post.tags.map(tagView);
  const authors = post.authors.map(authorView);
  return {
    id: post.id,
    type: post.type,
    page: post.type === 'page',
    title: post.title,
    slug: post.slug,
    html: hidden ? '' : post.html,
    excerpt: hidden ? '' : (post.customExcerpt ?? excerptOf(post.html)),
    custom_excerpt: hidden ? null : post.customExcerpt,
    feature_image: post.featureImage,
    feature_image_alt: null,
    feature_image_caption: null,
    featured: post.featured,
    protected: post.password !== null,
    status: post.status,
    visibility: 'public',
    access: true,
    reading_time: readingTime(post.html),
    published_at: post.publishedAt,
    updated_at: post.updatedAt,
    created_at: post.createdAt,
    url: post.path,
    tags,
    primary_tag: tags.find((tag) => tag.visibility === 'public') ?? null,
    authors,
    primary_author: authors[0] ?? null,
  };
}

/** The first words of a post's text, for lists, feeds and meta descriptions. */
export function excerptOf(html: string, words = EXCERPT_WORDS): string {
  return truncateWords(htmlToText(html), words, '…');
}

/** Where a page of a listing is: the numbers a theme's {{pagination}} needs. */
export function paginationOf(page: { page: number; pages: number; total: number; limit: number }): PaginationView {
  return {
    page: page.page,
    pages: page.pages,
    total: page.total,
    limit: page.limit,
    next: page.page < page.pages ? page.page + 1 : null,
    prev: page.page > 1 ? page.page - 1 : null,
  };
}

/** A page that is not stored (a plugin's page, an entry without a template of its own), shaped as a post. */
export function virtualPage(title: string, html: string, path: string): PostView {
  const now = new Date().toISOString();
  const slug = path.replace(/^\/|\/$/g, '').replaceAll('/', '-') || 'page';
  return {
    id: 0,
    type: 'page',
    page: true,
    title,
    slug,
    html,
    excerpt: excerptOf(html),
    custom_excerpt: null,
    feature_image: null,
    feature_image_alt: null,
    feature_image_caption: null,
    featured: false,
    protected: false,
    status: 'published',
    visibility: 'public',
    access: true,
    reading_time: readingTime(html),
    published_at: null,
    updated_at: now,
    created_at: now,
    url: path,
    tags: [],
    primary_tag: null,
    authors: [],
    primary_author: null,
  };
}
