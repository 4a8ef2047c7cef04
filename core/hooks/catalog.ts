/**
 * Every hook the core offers, in the order a site lives through them. This table is the
 * contract with plugins: a name not listed here cannot be tapped under a core namespace, and
 * docs/hooks.md is generated from it (`npm run docs`), so the two cannot drift.
 */
import type {
  AdminEditorPanel,
  AdminSettingsPage,
  ContentChange,
  FeedItem,
  HookCall,
  NavItem,
  PageInfo,
  PageMeta,
  PostView,
  Redirect,
  RequestInfo,
  ServedPage,
  SiteInfo,
  SitemapEntry,
  TemplateData,
} from './payloads.ts';
import { asyncAction, asyncFilter, syncAction, syncFilter } from './types.ts';

export const coreHooks = Object.freeze({
  // The site's life
  'site:ready': asyncAction<{ site: SiteInfo }>('The site has opened and every plugin is set up; runs once each time it opens.'),
  'site:closing': asyncAction<{ site: SiteInfo }>('The site is about to close (idle, reloaded or host shutdown); release what you hold.'),

  // Content
  'content:changed': syncAction<ContentChange>('Content was created, changed or deleted; anything cached from it is stale.'),
  'post:published': asyncAction<{ site: SiteInfo; post: PostView }>('A post or page became public, now or at its scheduled time.'),

  // Building a page, in request order
  'request:redirect': asyncFilter<Redirect | null, RequestInfo>('Whether a GET is sent elsewhere before the site answers it: return {location, status}, or null to answer it.'),
  'page:meta': syncFilter<PageMeta, PageInfo>("The page's title ({{meta_title}}) and description, before the head and the other filters see them."),
  'page:context': asyncFilter<TemplateData, PageInfo>('The data a template renders with, after the core has fetched it.'),
  'post:html': syncFilter<string, { site: SiteInfo; post: PostView }>('The HTML body of a post or page, before the theme shows it.'),
  'navigation:items': syncFilter<NavItem[], PageInfo>('The menu items {{navigation}} renders on this page.'),
  'theme:body-class': syncFilter<string[], PageInfo>('The classes {{body_class}} puts on <body>.'),
  'theme:head': asyncFilter<string, PageInfo>('HTML for the head outlet ({{guild_head}}): meta tags, links, styles.'),
  'theme:foot': asyncFilter<string, PageInfo>('HTML for the foot outlet ({{guild_foot}}): scripts and markup before </body>.'),
  'page:html': asyncFilter<string, PageInfo>('The whole rendered page, just before it is cached and sent.'),
  'page:served': syncAction<ServedPage>('A page was sent to a visitor, freshly rendered or from the page cache.'),

  // Feeds and crawlers
  'feed:items': asyncFilter<FeedItem[], { site: SiteInfo }>('The items of the RSS feed at /rss/.'),
  'sitemap:entries': asyncFilter<SitemapEntry[], { site: SiteInfo }>('The URLs listed in /sitemap.xml.'),
  'robots:txt': syncFilter<string, { site: SiteInfo }>('The text served at /robots.txt.'),

  // The admin
  'admin:settings-pages': asyncFilter<AdminSettingsPage[], { site: SiteInfo }>(
    "The plugin settings pages the admin shows, one per plugin made from its settings schema; relabel, reorder or describe your own page's fields, or open it to editors.",
  ),

  'admin:editor-panels': asyncFilter<AdminEditorPanel[], { site: SiteInfo; type: 'post' | 'page' }>(
    "Panels in the post editor's settings, each a form of the plugin's own values for the post, read and saved through the plugin's admin route; add yours.",
  ),

  // Debugging
  all: syncAction<HookCall>('Runs before every other hook with its name and arguments; for debugging and tracing.'),
});

export type CoreHooks = typeof coreHooks;
export type CoreHookName = keyof CoreHooks;

/** Namespaces the core keeps for itself; plugin hooks live under `<vendor>.<plugin>:`. */
export const coreNamespaces: ReadonlySet<string> = new Set(
  Object.keys(coreHooks).map((name) => name.split(':')[0]!),
);

export function isCoreHook(name: string): name is CoreHookName {
  return Object.hasOwn(coreHooks, name);
}
