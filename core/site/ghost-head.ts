/**
 * What {{ghost_head}} and {{ghost_foot}} print before plugins add theirs, as Ghost 5 prints it for
 * a site without members: description, icon, canonical, prev/next on listings, Open Graph and
 * Twitter cards, schema.org structured data, generator, RSS, the site's search script, the
 * stylesheet for WordPress's markup (for themes that ask for it), the accent colour
 * as `--ghost-accent-color` (Casper's header is white on white without it), and the owner's code
 * injection last, so it can override the rest.
 */
import { escapeHtml } from '../content/index.ts';
import type { AuthorView, PageInfo, PostView } from '../hooks/index.ts';
import { withFields } from '../objects.ts';
import { jsonForScript } from '../themes/index.ts';
import { GUILD_VERSION } from '../version.ts';
import { SEARCH_SCRIPT_PATH } from './search.ts';
import type { Site } from './site.ts';
import { wantsWordPressAssets, wordPressStylesheet } from './wordpress-assets.ts';

/** Ghost's accent colour for a site that has not chosen one. */
export const DEFAULT_ACCENT_COLOR = '#FF1A75';

/** The site's own head HTML for a page; the `theme:head` filter receives it. */
export function coreHead(site: Site, page: PageInfo): string {
  const absolute = (url: string | null | undefined) => (!url ? null : /^https?:\/\//.test(url) ? url : `${page.site.url}${url.startsWith('/') ? '' : '/'}${url}`);
  const icon = absolute(page.site.icon);
  const pagination = page.pagination;
  const listing = page.kind === 'home' || page.kind === 'index' || page.kind === 'tag' || page.kind === 'author';
  const base = page.path.replace(/page\/\d+\/$/, '');
  const pageUrl = (n: number) => `${page.site.url}${base}${n > 1 ? `page/${n}/` : ''}`;
  const lines = [
    ...(page.description ? [`<meta name="description" content="${escapeHtml(page.description)}">`] : []),
    ...(icon ? [`<link rel="icon" href="${escapeHtml(icon)}">`] : []),
    `<link rel="canonical" href="${escapeHtml(page.url)}">`,
    '<meta name="referrer" content="no-referrer-when-downgrade">',
    ...(listing && pagination?.prev ? [`<link rel="prev" href="${escapeHtml(pageUrl(pagination.prev))}">`] : []),
    ...(listing && pagination?.next ? [`<link rel="next" href="${escapeHtml(pageUrl(pagination.next))}">`] : []),
    // guild.seo writes the link-preview tags itself, with the editor's overrides.
    ...(usesSeoPlugin(site) ? [] : socialTags(site, page, absolute)),
    `<script type="application/ld+json">\n${jsonForScript(structuredData(site, page, absolute), 4)}\n</script>`,
    `<meta name="generator" content="Guild ${GUILD_VERSION}">`,
    `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(page.site.title)}" href="${escapeHtml(page.site.url)}/rss/">`,
    `<script defer src="${SEARCH_SCRIPT_PATH}"></script>`,
    ...(wantsWordPressAssets(site.theme) ? [wordPressStylesheet()] : []),
    `<style>:root {--ghost-accent-color: ${site.manifest.accentColor ?? DEFAULT_ACCENT_COLOR};}</style>`,
    ...(site.manifest.codeInjection?.head ? [site.manifest.codeInjection.head] : []),
  ];
  return lines.join('\n    ');
}

/** The site's own foot HTML: the owner's code injection. */
export function coreFoot(site: Site): string {
  return site.manifest.codeInjection?.foot ?? '';
}

function usesSeoPlugin(site: Site): boolean {
  return (site.manifest.plugins ?? []).some((plugin) => plugin.id === 'guild.seo' && plugin.active !== false);
}

type Absolute = (url: string | null | undefined) => string | null;

function socialTags(site: Site, page: PageInfo, absolute: Absolute): string[] {
  const post = page.post;
  const article = page.kind === 'post';
  const title = post?.title ?? page.tag?.name ?? page.author?.name ?? page.title;
  const image = absolute(post?.feature_image ?? site.manifest.coverImage);
  const tag = (attribute: 'name' | 'property', key: string, value: string | null | undefined) =>
    value ? [`<meta ${attribute}="${key}" content="${escapeHtml(value)}">`] : [];
  const twitter = site.manifest.social?.twitter ?? site.manifest.social?.x;
  const facebook = site.manifest.social?.facebook;
  return [
    ...tag('property', 'og:site_name', page.site.title),
    ...tag('property', 'og:type', article ? 'article' : page.kind === 'author' ? 'profile' : 'website'),
    ...tag('property', 'og:title', title),
    ...tag('property', 'og:description', page.description),
    ...tag('property', 'og:url', page.url),
    ...tag('property', 'og:image', image),
    ...(article && post ? [...tag('property', 'article:published_time', post.published_at), ...tag('property', 'article:modified_time', post.updated_at)] : []),
    ...(article && post ? post.tags.filter((t) => t.visibility === 'public').flatMap((t) => tag('property', 'article:tag', t.name)) : []),
    ...tag('property', 'article:publisher', facebook ? profileUrl('https://www.facebook.com/', facebook) : null),
    ...tag('name', 'twitter:card', image ? 'summary_large_image' : 'summary'),
    ...tag('name', 'twitter:title', title),
    ...tag('name', 'twitter:description', page.description),
    ...tag('name', 'twitter:url', page.url),
    ...tag('name', 'twitter:image', image),
    ...(article && post?.primary_author ? [...tag('name', 'twitter:label1', 'Written by'), ...tag('name', 'twitter:data1', post.primary_author.name)] : []),
    ...(article && post?.primary_tag ? [...tag('name', 'twitter:label2', 'Filed under'), ...tag('name', 'twitter:data2', post.tags.filter((t) => t.visibility === 'public').map((t) => t.name).join(', '))] : []),
    ...tag('name', 'twitter:site', twitter ? `@${twitter.replace(/^@|^https?:\/\/(www\.)?(twitter|x)\.com\//g, '')}` : null),
  ];
}

function profileUrl(prefix: string, handle: string): string {
  return /^https?:\/\//.test(handle) ? handle : `${prefix}${handle.replace(/^@/, '')}`;
}

/** schema.org data as Ghost writes it: WebSite on listings, Article on posts and pages, Series on tags, Person on authors. */
function structuredData(site: Site, page: PageInfo, absolute: Absolute): Record<string, unknown> {
  const logo = absolute(page.site.logo ?? page.site.icon);
  const publisher = { '@type': 'Organization', name: page.site.title, url: `${page.site.url}/`, ...(logo ? { logo: { '@type': 'ImageObject', url: logo } } : {}) };
  const common = { '@context': 'https://schema.org', publisher, url: page.url, mainEntityOfPage: page.url, ...(page.description ? { description: page.description } : {}) };
  const image = (url: string | null | undefined) => (absolute(url) ? { image: { '@type': 'ImageObject', url: absolute(url) } } : {});
  if (page.post) return withFields(common, { '@type': 'Article', ...articleOf(page.post, page.site.url), ...image(page.post.feature_image) });
  if (page.tag) return withFields(common, { '@type': 'Series', name: page.tag.name, ...image(site.manifest.coverImage) });
  if (page.author) return withFields(common, { '@type': 'Person', name: page.author.name, ...sameAs(page.author), ...image(page.author.profile_image) });
  return withFields(common, { '@type': 'WebSite', name: page.site.title, ...image(site.manifest.coverImage) });
}

function articleOf(post: PostView, siteUrl: string): Record<string, unknown> {
  const author = post.primary_author;
  return {
    headline: post.title,
    ...(author ? { author: { '@type': 'Person', name: author.name, url: `${siteUrl}${author.url}`, ...sameAs(author) } } : {}),
    ...(post.published_at ? { datePublished: post.published_at } : {}),
    dateModified: post.updated_at,
    ...(post.tags.some((tag) => tag.visibility === 'public') ? { keywords: post.tags.filter((tag) => tag.visibility === 'public').map((tag) => tag.name).join(', ') } : {}),
  };
}

function sameAs(author: AuthorView): Record<string, unknown> {
  return author.website ? { sameAs: [author.website] } : {};
}
