/** The head tags for a page: what search engines and link previews read. */
import type { PageInfo } from '@guild/sdk';

export type MetaTag = { readonly name: string; readonly content: string } | { readonly property: string; readonly content: string };

interface TagSettings {
  readonly twitter?: string;
  readonly defaultImage?: string;
}

/** What an editor set for one post, over what the post itself says. */
interface PostOverride {
  readonly title: string | null;
  readonly image: string | null;
  readonly noindex: boolean;
}

export function metaTags(page: PageInfo, settings: TagSettings, minutes: number | undefined, override?: PostOverride): MetaTag[] {
  const image = absolute(override?.image ?? page.post?.feature_image ?? settings.defaultImage ?? page.site.logo ?? null, page.site.url);
  const isArticle = page.kind === 'post';
  const title = override?.title ?? page.post?.title ?? page.title;
  const tags: MetaTag[] = [
    ...(override?.noindex ? [{ name: 'robots', content: 'noindex' }] : []),
    { property: 'og:site_name', content: page.site.title },
    { property: 'og:type', content: isArticle ? 'article' : 'website' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: page.description },
    { property: 'og:url', content: page.url },
    { property: 'og:locale', content: page.site.locale.replace('-', '_') },
    { name: 'twitter:card', content: image ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: page.description },
  ];
  if (image) tags.push({ property: 'og:image', content: image }, { name: 'twitter:image', content: image });
  if (settings.twitter) tags.push({ name: 'twitter:site', content: settings.twitter.startsWith('@') ? settings.twitter : `@${settings.twitter}` });
  if (isArticle && page.post?.published_at) tags.push({ property: 'article:published_time', content: page.post.published_at });
  if (isArticle && page.post) tags.push(...page.post.tags.map((tag) => ({ property: 'article:tag', content: tag.name })));
  if (minutes !== undefined) tags.push({ name: 'twitter:label1', content: 'Reading time' }, { name: 'twitter:data1', content: `${minutes} min read` });
  return tags.filter((tag) => tag.content !== '');
}

export function renderHead(tags: readonly MetaTag[], page: PageInfo): string {
  const lines = tags.map((tag) =>
    'name' in tag ? `<meta name="${attr(tag.name)}" content="${attr(tag.content)}">` : `<meta property="${attr(tag.property)}" content="${attr(tag.content)}">`,
  );
  lines.push(`<script type="application/ld+json">${jsonLd(page)}</script>`);
  return lines.join('\n    ');
}

function jsonLd(page: PageInfo): string {
  const publisher = { '@type': 'Organization', name: page.site.title, url: `${page.site.url}/` };
  const data = page.post
    ? {
        '@context': 'https://schema.org',
        '@type': page.kind === 'post' ? 'BlogPosting' : 'WebPage',
        headline: page.post.title,
        url: page.url,
        description: page.description,
        ...(page.post.published_at ? { datePublished: page.post.published_at } : {}),
        dateModified: page.post.updated_at,
        ...(page.post.feature_image ? { image: absolute(page.post.feature_image, page.site.url) } : {}),
        ...(page.post.primary_author ? { author: { '@type': 'Person', name: page.post.primary_author.name, url: `${page.site.url}${page.post.primary_author.url}` } } : {}),
        publisher,
      }
    : { '@context': 'https://schema.org', '@type': 'WebSite', name: page.site.title, url: `${page.site.url}/`, description: page.description, publisher };
  // "</" must not appear inside a script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function absolute(url: string | null, base: string): string | null {
  if (!url) return null;
  return /^https?:\/\//.test(url) ? url : `${base}${url.startsWith('/') ? '' : '/'}${url}`;
}

function attr(value: string): string {
  return value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
