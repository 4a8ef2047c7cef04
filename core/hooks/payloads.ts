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
  /** Ghost's alt text and caption of the feature image; Guild stores neither, so both are null. */
  feature_image_alt: string | null;
  feature_image_caption: string | null;
  featured: boolean;
  /** Password-protected: html and excerpt are empty unless the visitor has given the post's password. */
  protected: boolean;
  status: PostStatus;
  /** Ghost's members fields for a site without members: every post is public and readable. */
  visibility: 'public';
  access: true;
  /** Minutes to read, as Ghost computes it (275 words a minute, images add time). */
  reading_time: number;
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

export type PageKind = 'home' | 'index' | 'post' | 'page' | 'tag' | 'author' | 'error' | 'private' | 'search' | 'entry' | 'entries';

/** An entry of a content type a plugin defined (a project, a testimonial), as templates see it. */
export interface EntryView {
  readonly id: number;
  /** The content type's name, e.g. "project". */
  readonly type: string;
  readonly title: string;
  readonly slug: string;
  readonly url: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** The type's own fields, by name; templates reach them as {{project.client}}. */
  readonly [field: string]: unknown;
}

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
  /** On a content type's entry page. */
  readonly entry?: EntryView;
}

/** The root context a template renders with (`{{post}}`, `{{posts}}`, `{{tag}}` ...). */
export type TemplateData = Record<string, unknown>;

export interface ContentChange {
  readonly kind: 'post' | 'page' | 'tag' | 'author' | 'navigation' | 'settings' | 'comment' | 'entry';
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
  /** Set on a post's or page's entry, so a filter can tell which it is. */
  postId?: number;
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

/** A request the site is about to answer, for `request:redirect`. */
export interface RequestInfo {
  readonly site: SiteInfo;
  readonly method: string;
  /** The request path, e.g. "/old-page/". */
  readonly path: string;
  /** The query string with its "?", or "". */
  readonly query: string;
}

/** Where `request:redirect` sends a request instead of answering it. */
export interface Redirect {
  /** A path on this site ("/new-page/") or an absolute http(s) URL. */
  readonly location: string;
  readonly status: 301 | 302 | 307 | 308;
}

/** What `page:meta` shapes: the page's <title> ({{meta_title}}) and its description. */
export interface PageMeta {
  readonly title: string;
  readonly description: string;
}

/** A field of a plugin's settings page in the admin; `key` is a property of the plugin's settings. */
export interface AdminSettingsField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'email' | 'url' | 'number' | 'boolean' | 'select' | 'color' | 'image';
  help?: string;
  options?: string[];
  placeholder?: string;
}

/**
 * One field of a form in the admin that a plugin describes as data: in its admin pages' forms and
 * in its editor panels. ("file" is a text file, such as a CSV, the admin reads and sends as text.)
 */
export interface FormField {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'textarea' | 'email' | 'url' | 'number' | 'checkbox' | 'select' | 'html' | 'image' | 'date' | 'file';
  readonly required?: boolean;
  readonly help?: string;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** For "file": the kinds of file offered, as in <input accept>, e.g. ".csv,text/csv". */
  readonly accept?: string;
}

/**
 * A panel in the post editor's settings where a plugin keeps values of its own for one post or
 * page (the SEO plugin's title and description for search results). The admin reads the values
 * with GET on the plugin's admin route `path` and saves them with POST there; ":post" in the path
 * stands for the post's id. GET answers an object by field name; POST answers the saved values,
 * or 422 with `{problems: [{field, message}]}`.
 */
export interface AdminEditorPanel {
  /** The plugin whose admin route keeps the values. */
  plugin: string;
  title: string;
  description?: string;
  /** The plugin's admin route for one post, e.g. "/overrides/:post". */
  path: string;
  fields: FormField[];
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
