/**
 * Turns stored content into the views themes and plugins see: Ghost's field names, URLs on every
 * object, the primary tag and author picked out, and an excerpt for posts that have none.
 */
import { htmlToText, truncateWords, type Author, type Post, type Tag } from '../content/index.ts';
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

export function postView(post: Post): PostView {
  const tags = post.tags.map(tagView);
  const authors = post.authors.map(authorView);
  return {
    id: post.id,
    type: post.type,
    page: post.type === 'page',
    title: post.title,
    slug: post.slug,
    html: post.html,
    excerpt: post.customExcerpt ?? excerptOf(post.html),
    custom_excerpt: post.customExcerpt,
    feature_image: post.featureImage,
    featured: post.featured,
    status: post.status,
    published_at: post.publishedAt,
    updated_at: post.updatedAt,
    created_at: post.createdAt,
    url: `/${post.slug}/`,
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
