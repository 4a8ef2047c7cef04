/**
 * The shapes of the data the core hands to plugins through hooks, and to themes as template
 * data. They follow Ghost's theme API names (snake_case, `primary_tag`, `feature_image`) so that
 * themes and plugin authors from that ecosystem find what they expect.
 */

/** What every plugin and template may know about the site it runs on. */
export interface SiteInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The site's address as the visitor reached it, without a trailing slash. */
  readonly url: string;
  readonly locale: string;
  readonly timezone: string;
  readonly logo: string | null;
  readonly icon: string | null;
  readonly builtBy: string;
}

export interface TagView {
  id: number;
  name: string;
  slug: string;
  description: string;
  url: string;
  /** "internal" for Ghost-style internal tags (named "#..."), which themes do not list. */
  visibility: 'public' | 'internal';
}

export interface AuthorView {
  id: number;
  name: string;
  slug: string;
  bio: string;
  profile_image: string | null;
  website: string | null;
  url: string;
}

export type PostStatus = 'draft' | 'published' | 'scheduled';

export interface PostView {
  id: number;
  type: 'post' | 'page';
  /** Ghost's flag for pages, kept for themes that test `{{#if page}}`. */
  page: boolean;
  title: string;
  slug: string;
  html: string;
  /** The author's own excerpt, or one made from the text. */
  excerpt: string;
  custom_excerpt: string | null;
  feature_image: string | null;
  featured: boolean;
  status: PostStatus;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  url: string;
  tags: TagView[];
  primary_tag: TagView | null;
  authors: AuthorView[];
  primary_author: AuthorView | null;
}

export interface PaginationView {
  page: number;
  pages: number;
  total: number;
  limit: number;
  next: number | null;
  prev: number | null;
}

export interface NavItem {
  label: string;
  url: string;
}

export type PageKind = 'home' | 'index' | 'post' | 'page' | 'tag' | 'author' | 'error' | 'private';

/** Which page is being built, for the filters that shape it. */
export interface PageInfo {
  readonly site: SiteInfo;
  readonly kind: PageKind;
  /** The request path, e.g. `/hello-world/`. */
  readonly path: string;
  /** The absolute URL of this page. */
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly post?: PostView;
  readonly tag?: TagView;
  readonly author?: AuthorView;
  readonly pagination?: PaginationView;
}

/** The root context a template renders with (`{{post}}`, `{{posts}}`, `{{tag}}` ...). */
export type TemplateData = Record<string, unknown>;

export interface ContentChange {
  readonly kind: 'post' | 'page' | 'tag' | 'author' | 'navigation' | 'settings' | 'comment';
  readonly action: 'created' | 'updated' | 'deleted';
  readonly id?: number;
  /** Set when this change made a post or page public that was not before. */
  readonly published?: boolean;
}

export interface FeedItem {
  title: string;
  url: string;
  guid: string;
  published_at: string;
  description: string;
  html: string;
  categories: string[];
  author: string | null;
}

export interface SitemapEntry {
  url: string;
  lastmod?: string;
}

export interface ServedPage {
  readonly site: SiteInfo;
  readonly path: string;
  readonly status: number;
  readonly kind: PageKind;
  /** True when the page came from the page cache rather than a fresh render. */
  readonly cached: boolean;
}

export interface HookCall {
  readonly hook: string;
  readonly args: readonly unknown[];
}

/** A field of a plugin's settings page in the admin; `key` is a property of the plugin's settings. */
export interface AdminSettingsField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'color' | 'image';
  help?: string;
  options?: string[];
  placeholder?: string;
}

/** A settings page in the admin that edits one plugin's settings in site.json. */
export interface AdminSettingsPage {
  /** The plugin whose settings the page edits. */
  plugin: string;
  title: string;
  description?: string;
  /** The least role that may open and save the page: the site's owner (default) or also its editors. */
  role: 'owner' | 'editor';
  fields: AdminSettingsField[];
}
