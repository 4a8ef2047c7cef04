/**
 * What a theme render receives. The root context holds the page's content (`post`, `posts`,
 * `tag` ...); the data frame holds the globals (`@site`, `@custom`, `@config`) and `@guild`, the
 * outlets the site filled through its hooks before rendering. The engine itself fetches nothing.
 */
import type { SiteInfo } from '../hooks/index.ts';

export interface NavigationEntry {
  label: string;
  url: string;
  slug: string;
  current: boolean;
}

export interface SiteGlobals extends SiteInfo {
  navigation: NavigationEntry[];
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
  /** The request path, for marking the current menu item. */
  path: string;
}

export interface RenderData {
  site: SiteGlobals;
  custom: Record<string, unknown>;
  config: ThemeConfigGlobals;
  guild: GuildOutlets;
}

export type TemplateContext = Record<string, unknown>;
