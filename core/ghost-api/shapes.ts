/**
 * Guild's content in the JSON shapes of Ghost 5's Content API, field for field where Guild has
 * the data, null where it has not (no members, no newsletters, no per-post SEO fields).
 */
import { htmlToText, readingTime, truncateWords, type Author, type Post, type Tag } from '../content/index.ts';

export interface ShapeOptions {
  /** The site's address without a trailing slash, for absolute `url`s. */
  readonly siteUrl: string;
  /** `include`: tags, authors (posts); count.posts (tags, authors). */
  readonly include: ReadonlySet<string>;
  /** `formats`: html (the default), plaintext. */
  readonly formats: ReadonlySet<string>;
}

const EXCERPT_WORDS = 50;

/** Ghost's per-item SEO and social fields, which Guild does not keep (the guild.seo plugin has its own). */
export const NO_SEO_FIELDS = {
  og_image: null,
  og_title: null,
  og_description: null,
  twitter_image: null,
  twitter_title: null,
  twitter_description: null,
  meta_title: null,
  meta_description: null,
} as const;

export function ghostTag(tag: Tag & { count?: number }, options: ShapeOptions): Record<string, unknown> {
  return {
    id: String(tag.id),
    name: tag.name,
    slug: tag.slug,
    description: tag.description || null,
    feature_image: null,
    visibility: tag.name.startsWith('#') ? 'internal' : 'public',
    ...NO_SEO_FIELDS,
    codeinjection_head: null,
    codeinjection_foot: null,
    canonical_url: null,
    accent_color: null,
    url: `${options.siteUrl}/tag/${tag.slug}/`,
    ...(options.include.has('count.posts') && tag.count !== undefined ? { count: { posts: tag.count } } : {}),
  };
}

export function ghostAuthor(author: Author & { count?: number }, options: ShapeOptions): Record<string, unknown> {
  return {
    id: String(author.id),
    name: author.name,
    slug: author.slug,
    profile_image: absolute(author.profileImage, options.siteUrl),
    cover_image: null,
    bio: author.bio || null,
    website: author.website,
    location: null,
    facebook: null,
    twitter: null,
    meta_title: null,
    meta_description: null,
    url: `${options.siteUrl}/author/${author.slug}/`,
    ...(options.include.has('count.posts') && author.count !== undefined ? { count: { posts: author.count } } : {}),
  };
}

export function ghostPost(stored: Post, options: ShapeOptions): Record<string, unknown> {
  // A password-protected post's text is for its own page only, as Ghost gates members' content (access: false).
  const open = stored.password === null;
  const post = open ? stored : { ...stored, html: '', customExcerpt: null };
  const text = htmlToText(post.html);
  const tags = post.tags.map((tag) => ghostTag(tag, options));
  const authors = post.authors.map((author) => ghostAuthor(author, options));
  return {
    id: String(post.id),
    uuid: null,
    title: post.title,
    slug: post.slug,
    ...(options.formats.has('html') ? { html: post.html } : {}),
    ...(options.formats.has('plaintext') ? { plaintext: text } : {}),
    comment_id: String(post.id),
    feature_image: absolute(post.featureImage, options.siteUrl),
    featured: post.featured,
    visibility: 'public',
    created_at: post.createdAt,
    updated_at: post.updatedAt,
    published_at: post.publishedAt,
    custom_excerpt: post.customExcerpt,
    codeinjection_head: null,
    codeinjection_foot: null,
    custom_template: post.template,
    canonical_url: null,
    ...(options.include.has('tags') ? { tags } : {}),
    ...(options.include.has('authors') ? { authors } : {}),
    ...(options.include.has('tags') ? { primary_tag: tags.find((tag) => tag.visibility === 'public') ?? null } : {}),
    ...(options.include.has('authors') ? { primary_author: authors[0] ?? null } : {}),
    url: `${options.siteUrl}${post.path}`,
    excerpt: post.customExcerpt ?? truncateWords(text, EXCERPT_WORDS, ''),
    reading_time: readingTime(post.html),
    access: open,
    comments: false,
    ...NO_SEO_FIELDS,
    ...(post.type === 'post' ? { email_subject: null } : {}),
    frontmatter: null,
    feature_image_alt: null,
    feature_image_caption: null,
  };
}

/** Ghost's `fields`: only the properties asked for, in the order of the item. */
export function pickFields(item: Record<string, unknown>, fields: ReadonlySet<string> | null): Record<string, unknown> {
  return fields ? Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key))) : item;
}

function absolute(url: string | null, siteUrl: string): string | null {
  return url && url.startsWith('/') ? `${siteUrl}${url}` : url;
}
