/**
 * What a site tells machines: the RSS feed, the sitemap and robots.txt, each shaped by its filter
 * (`feed:items`, `sitemap:entries`, `robots:txt`) before it is written out.
 */
import type { FeedItem, SiteInfo, SitemapEntry } from '../hooks/index.ts';
import type { Site } from './site.ts';
import { postView } from './views.ts';

const FEED_SIZE = 20;
const SITEMAP_PAGE = 100;

export async function rssFeed(site: Site, info: SiteInfo): Promise<string> {
  const posts = await site.store.listPosts({ limit: FEED_SIZE });
  const items: FeedItem[] = posts.items.map((post) => {
    const view = postView(post);
    return {
      title: view.title,
      url: `${info.url}${view.url}`,
      guid: `${info.id}:${view.id}`,
      published_at: view.published_at ?? view.created_at,
      description: view.excerpt,
      html: site.hooks.run('post:html', view.html, { site: info, post: view }),
      categories: view.tags.map((tag) => tag.name),
      author: view.primary_author?.name ?? null,
    };
  });
  const filtered = await site.hooks.run('feed:items', items, { site: info });
  const xmlItems = filtered.map(
    (item) => `    <item>
      <title>${xml(item.title)}</title>
      <link>${xml(item.url)}</link>
      <guid isPermaLink="false">${xml(item.guid)}</guid>
      <pubDate>${new Date(item.published_at).toUTCString()}</pubDate>
${item.author ? `      <dc:creator>${xml(item.author)}</dc:creator>\n` : ''}${item.categories.map((name) => `      <category>${xml(name)}</category>\n`).join('')}      <description>${xml(item.description)}</description>
      <content:encoded>${cdata(item.html)}</content:encoded>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(info.title)}</title>
    <link>${xml(info.url)}/</link>
    <description>${xml(info.description)}</description>
    <language>${xml(info.locale)}</language>
    <atom:link href="${xml(info.url)}/rss/" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${new Date().toUTCString()}</lastBuildDate>
${xmlItems.join('\n')}
  </channel>
</rss>
`;
}

export async function sitemap(site: Site, info: SiteInfo): Promise<string> {
  const entries: SitemapEntry[] = [{ url: `${info.url}/` }];
  for (const type of ['post', 'page'] as const) {
    for (let page = 1, pages = 1; page <= pages; page++) {
      const result = await site.store.listPosts({ type, page, limit: SITEMAP_PAGE });
      pages = result.pages;
      for (const post of result.items) entries.push({ url: `${info.url}${post.path}`, lastmod: post.updatedAt, postId: post.id });
    }
  }
  for (const tag of await site.store.listTags()) if (tag.count > 0) entries.push({ url: `${info.url}/tag/${tag.slug}/` });
  for (const author of await site.store.listAuthors()) entries.push({ url: `${info.url}/author/${author.slug}/` });
  for (const type of site.contributions.contentTypes()) {
    entries.push({ url: `${info.url}/${type.path}/` });
    for (const entry of site.entries.list(type.name, { limit: null }).items) entries.push({ url: `${info.url}/${type.path}/${entry.slug}/`, lastmod: entry.updatedAt });
  }
  const filtered = await site.hooks.run('sitemap:entries', entries, { site: info });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${filtered.map((entry) => `  <url><loc>${xml(entry.url)}</loc>${entry.lastmod ? `<lastmod>${xml(entry.lastmod)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

export function robotsTxt(site: Site, info: SiteInfo): string {
  const text = `User-agent: *\nDisallow: /admin/\n\nSitemap: ${info.url}/sitemap.xml\n`;
  return site.hooks.run('robots:txt', text, { site: info });
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
