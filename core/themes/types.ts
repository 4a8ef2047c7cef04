/**
 * What a theme render receives. The root context holds the page's content (`post`, `posts`,
 * `tag` ...); the data frame holds the globals (`@site`, `@custom`, `@config`) and `@guild`, the
 * outlets the site filled through its hooks before rendering. The engine itself fetches nothing:
 * what `{{#get}}` and `{{#next_post}}` need, it asks of the `content` source the site hands in.
 */
import type { PaginationView, PostView, SiteInfo } from '../hooks/index.ts';

export interface NavigationEntry {
  label: string;
  url: string;
  slug: string;
  current: boolean;
}

export interface SiteGlobals extends SiteInfo {
  navigation: NavigationEntry[];
  secondary_navigation: NavigationEntry[];
  /** Profiles for {{social_url}} and {{twitter_url}}: a handle or a full URL per network. */
  social: Readonly<Record<string, string>>;
  /** Ghost's @site.twitter ("@handle") and @site.facebook ("page"), from site.json "social". */
  twitter: string | null;
  facebook: string | null;
  /** The brand colour (site.json accentColor, else Ghost's default), also --ghost-accent-color. */
  accent_color: string;
  cover_image: string | null;
  /** Ghost's flags for features Guild does not have, false so themes hide their UI. */
  members_enabled: false;
  members_invite_only: false;
  paid_members_enabled: false;
  /** True when the site takes comments ({{comments}} shows them on post pages). */
  comments_enabled: boolean;
  recommendations_enabled: false;
}

/** Ghost's @page: what the page being rendered asks of the theme. */
export interface PageGlobals {
  /** False when an editor hid the title and feature image of a page (Guild always shows them). */
  show_title_and_feature_image: boolean;
}

export interface ThemeConfigGlobals {
  posts_per_page: number;
  image_sizes: Readonly<Record<string, { readonly width?: number; readonly height?: number }>>;
}

/** Guild's own part of a render: filled by the site through hooks, read by the helpers. */
export interface GuildOutlets {
  /** The page's title for <title>, from {{meta_title}}. */
  title: string;
  /** The page's description, from {{meta_description}}. */
  description: string;
  /** HTML for {{guild_head}} / {{ghost_head}}. */
  head: string;
  /** HTML for {{guild_foot}} / {{ghost_foot}}. */
  foot: string;
  /** The classes for {{body_class}}. */
  bodyClass: string;
  /** Which contexts {{#is}} answers true to, e.g. ["home", "index"]. */
  contexts: string[];
  /** The path of page 1 of the current listing, e.g. "/" or "/tag/news/"; {{page_url}} builds on it. */
  listingPath: string;
  /** A post page's comments and comment form, for {{comments}}; absent elsewhere or with comments off. */
  comments?: string;
  /** How many comments a post page shows, for {{comment_count}}. */
  commentCount?: number;
  /** The request path, for marking the current menu item. */
  path: string;
}

export interface RenderData {
  site: SiteGlobals;
  page: PageGlobals;
  custom: Record<string, unknown>;
  config: ThemeConfigGlobals;
  guild: GuildOutlets;
  /** Where {{#get}}, {{#next_post}} and {{#prev_post}} read the site's content. */
  content: ThemeContentSource;
}

export type BrowseResource = 'posts' | 'pages' | 'tags' | 'authors';

/** What one {{#get}} asks for, with its arguments already read from the template. */
export interface BrowseRequest {
  readonly resource: BrowseResource;
  readonly filter: string | null;
  readonly limit: number | 'all';
  readonly page: number;
  readonly order: string | null;
}

export interface BrowseResult {
  /** Post, page, tag or author views, as themes see them elsewhere. */
  readonly items: readonly object[];
  readonly pagination: PaginationView;
}

export interface AdjacentRequest {
  readonly post: { readonly id: number; readonly publishedAt: string };
  /** `next` is the newer post, `prev` the older one, as in Ghost. */
  readonly direction: 'next' | 'prev';
  /** Only among posts sharing the post's primary tag (or author), given by slug. */
  readonly within: { readonly field: 'primary_tag' | 'primary_author'; readonly slug: string } | null;
}

/**
 * The site's content as a render may read it. Answers are awaited between render passes (see
 * README: "Data in synchronous templates"), so a source may be as slow as a network database.
 * A request the source cannot answer (a bad filter, say) should resolve to an empty result.
 */
export interface ThemeContentSource {
  browse(request: BrowseRequest): Promise<BrowseResult>;
  adjacent(request: AdjacentRequest): Promise<PostView | null>;
  /**
   * An answer the source already holds for the current content (`key` is the request as JSON),
   * so the render uses it in the same pass instead of rendering again after a fetch.
   */
  known?(key: string): { readonly value: unknown } | undefined;
}

export type TemplateContext = Record<string, unknown>;
