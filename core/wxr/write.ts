/**
 * Writes a site's content as a WordPress export (WXR 1.2), so a client can take it to any
 * WordPress: authors, categories (the tags that were categories when imported) and tags, posts
 * and pages with their status, dates, hierarchy, custom fields and comments, attachments by
 * their URL, and the navigation as menus. Guild ids serve as WordPress ids; the WordPress
 * importer gives everything new ids and keeps the links between them.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { ContentStore, Origin, Post } from '../content/index.ts';
import { escapeHtml } from '../content/index.ts';
import { wordpressDates } from './dates.ts';
import { wordpressApproved, wordpressStatus } from './mapping.ts';

export interface SiteForExport {
  readonly title: string;
  readonly description: string;
  /** The site's public address, e.g. https://acme.example. */
  readonly url: string;
  readonly language: string;
  readonly timezone: string;
}

const PAGE = 100;

export async function writeWxr(store: ContentStore, site: SiteForExport, out: Writable): Promise<{ posts: number; pages: number }> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const origins = await store.listOrigins();
  const originOf = (kind: string, localId: number) => origins.find((origin) => origin.kind === kind && origin.localId === localId);
  const categoryIds = new Set(origins.filter((origin) => origin.kind === 'category' && origin.localId !== null).map((origin) => origin.localId));
  const tags = await store.listTags();
  const posts = [...(await all(store, 'post')), ...(await all(store, 'page'))];
  const attachments = origins.filter((origin) => origin.kind === 'attachment' && typeof origin.data.url === 'string');
  let nextId = Math.max(0, ...posts.map((post) => post.id)) + 1;
  const attachmentIds = new Map(attachments.map((attachment) => [attachment, nextId++]));
  const attachmentByUrl = new Map(attachments.map((attachment) => [String(attachment.data.localUrl ?? attachment.data.url), attachmentIds.get(attachment)!]));

  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS file written by Guild. Import it in WordPress with Tools → Import → WordPress. -->
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>${escapeHtml(site.title)}</title>
\t<link>${escapeHtml(site.url)}</link>
\t<description>${escapeHtml(site.description)}</description>
\t<pubDate>${new Date().toUTCString()}</pubDate>
\t<language>${escapeHtml(site.language)}</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${escapeHtml(site.url)}</wp:base_site_url>
\t<wp:base_blog_url>${escapeHtml(site.url)}</wp:base_blog_url>
`);
  for (const author of await store.listAuthors()) {
    const email = originOf('author', author.id)?.data.email;
    await write(`\t<wp:author><wp:author_id>${author.id}</wp:author_id><wp:author_login>${cdata(author.slug)}</wp:author_login><wp:author_email>${cdata(typeof email === 'string' ? email : '')}</wp:author_email><wp:author_display_name>${cdata(author.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`);
  }
  for (const tag of tags) {
    await write(
      categoryIds.has(tag.id)
        ? `\t<wp:category><wp:term_id>${tag.id}</wp:term_id><wp:category_nicename>${cdata(tag.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(tag.name)}</wp:cat_name><wp:category_description>${cdata(tag.description)}</wp:category_description></wp:category>\n`
        : `\t<wp:tag><wp:term_id>${tag.id}</wp:term_id><wp:tag_slug>${cdata(tag.slug)}</wp:tag_slug><wp:tag_name>${cdata(tag.name)}</wp:tag_name><wp:tag_description>${cdata(tag.description)}</wp:tag_description></wp:tag>\n`,
    );
  }
  const menus = ['primary', ...new Set(origins.filter((origin) => origin.kind === 'menu' && origin.originalId !== 'primary').map((origin) => origin.originalId))];
  for (const [index, menu] of menus.entries()) {
    await write(`\t<wp:term><wp:term_id>${1_000_000 + index}</wp:term_id><wp:term_taxonomy>nav_menu</wp:term_taxonomy><wp:term_slug>${cdata(menu)}</wp:term_slug><wp:term_name>${cdata(menu)}</wp:term_name></wp:term>\n`);
  }

  for (const post of posts) {
    const origin = originOf(post.type, post.id);
    const meta = await store.getPostMeta(post.id);
    const thumbnail = post.featureImage ? attachmentByUrl.get(post.featureImage) : undefined;
    if (thumbnail) meta._thumbnail_id = String(thumbnail);
    const comments = await store.listComments(post.id);
    await write(
      item({
        id: post.id,
        title: post.title,
        link: `${site.url}${post.path}`,
        creator: post.authors[0]?.slug ?? '',
        // One classic block: WordPress then shows the HTML as it is, without adding paragraphs again.
        content: post.html ? `<!-- wp:freeform -->\n${post.html}\n<!-- /wp:freeform -->` : '',
        excerpt: post.customExcerpt ?? '',
        date: post.publishedAt ?? post.createdAt,
        keepGmt: post.status !== 'draft',
        slug: post.slug,
        status: wordpressStatus(post.status, typeof origin?.data.status === 'string' ? origin.data.status : undefined),
        parent: post.parentId ?? 0,
        menuOrder: post.menuOrder,
        type: post.type,
        password: post.password ?? '',
        sticky: post.featured,
        extra: [
          ...post.tags.map((tag) => `\t\t<category domain="${categoryIds.has(tag.id) ? 'category' : 'post_tag'}" nicename="${escapeHtml(tag.slug)}">${cdata(tag.name)}</category>\n`),
          ...Object.entries(meta).map(([key, value]) => postmeta(key, value)),
          ...comments.map(
            (comment) =>
              `\t\t<wp:comment><wp:comment_id>${comment.id}</wp:comment_id><wp:comment_author>${cdata(comment.authorName)}</wp:comment_author><wp:comment_author_email>${cdata(comment.authorEmail ?? '')}</wp:comment_author_email><wp:comment_author_url>${cdata(comment.authorUrl ?? '')}</wp:comment_author_url><wp:comment_date>${cdata(wordpressDates(comment.createdAt, site.timezone).local)}</wp:comment_date><wp:comment_date_gmt>${cdata(wordpressDates(comment.createdAt, site.timezone).gmt)}</wp:comment_date_gmt><wp:comment_content>${cdata(comment.html)}</wp:comment_content><wp:comment_approved>${cdata(wordpressApproved(comment.status))}</wp:comment_approved><wp:comment_type>${cdata('comment')}</wp:comment_type><wp:comment_parent>${comment.parentId ?? 0}</wp:comment_parent></wp:comment>\n`,
          ),
        ].join(''),
      }, site.timezone),
    );
  }
  for (const attachment of attachments) {
    // The parent was a WordPress id; the post it became has a Guild id.
    const parent = origins.find((origin) => origin.source === attachment.source && (origin.kind === 'post' || origin.kind === 'page') && origin.originalId === attachment.data.parent);
    await write(attachmentItem(attachment, attachmentIds.get(attachment)!, parent?.localId ?? 0, site.timezone));
  }
  let menuItemId = nextId;
  for (const menu of menus) {
    for (const [order, entry] of (await store.getNavigation(menu)).entries()) {
      await write(
        item(
          {
            id: menuItemId++,
            title: entry.label,
            link: `${site.url}/?p=${menuItemId}`,
            creator: '',
            content: '',
            excerpt: '',
            date: new Date().toISOString(),
            keepGmt: true,
            slug: String(menuItemId),
            status: 'publish',
            parent: 0,
            menuOrder: order + 1,
            type: 'nav_menu_item',
            password: '',
            sticky: false,
            extra: [
              `\t\t<category domain="nav_menu" nicename="${escapeHtml(menu)}">${cdata(menu)}</category>\n`,
              postmeta('_menu_item_type', 'custom'),
              postmeta('_menu_item_menu_item_parent', '0'),
              postmeta('_menu_item_object', 'custom'),
              postmeta('_menu_item_url', entry.url.startsWith('/') ? `${site.url}${entry.url}` : entry.url),
            ].join(''),
          },
          site.timezone,
        ),
      );
    }
  }
  await write('</channel>\n</rss>\n');
  return { posts: posts.filter((post) => post.type === 'post').length, pages: posts.filter((post) => post.type === 'page').length };
}

async function all(store: ContentStore, type: 'post' | 'page'): Promise<Post[]> {
  const posts: Post[] = [];
  for (let page = 1; ; page++) {
    const result = await store.listPosts({ type, status: 'any', limit: PAGE, page });
    posts.push(...result.items);
    if (page >= result.pages) return posts.sort((a, b) => a.id - b.id);
  }
}

interface ItemFields {
  readonly id: number;
  readonly title: string;
  readonly link: string;
  readonly creator: string;
  readonly content: string;
  readonly excerpt: string;
  readonly date: string;
  /** Drafts have no UTC date in WordPress. */
  readonly keepGmt: boolean;
  readonly slug: string;
  readonly status: string;
  readonly parent: number;
  readonly menuOrder: number;
  readonly type: string;
  readonly password: string;
  readonly sticky: boolean;
  readonly extra: string;
}

function item(fields: ItemFields, timezone: string): string {
  const dates = wordpressDates(fields.date, timezone);
  return `\t<item>
\t\t<title>${escapeHtml(fields.title)}</title>
\t\t<link>${escapeHtml(fields.link)}</link>
\t\t<pubDate>${new Date(fields.date).toUTCString()}</pubDate>
\t\t<dc:creator>${cdata(fields.creator)}</dc:creator>
\t\t<guid isPermaLink="false">${escapeHtml(fields.link)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(fields.content)}</content:encoded>
\t\t<excerpt:encoded>${cdata(fields.excerpt)}</excerpt:encoded>
\t\t<wp:post_id>${fields.id}</wp:post_id>
\t\t<wp:post_date>${cdata(dates.local)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(fields.keepGmt ? dates.gmt : '0000-00-00 00:00:00')}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata('open')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('closed')}</wp:ping_status>
\t\t<wp:post_name>${cdata(fields.slug)}</wp:post_name>
\t\t<wp:status>${cdata(fields.status)}</wp:status>
\t\t<wp:post_parent>${fields.parent}</wp:post_parent>
\t\t<wp:menu_order>${fields.menuOrder}</wp:menu_order>
\t\t<wp:post_type>${cdata(fields.type)}</wp:post_type>
\t\t<wp:post_password>${cdata(fields.password)}</wp:post_password>
\t\t<wp:is_sticky>${fields.sticky ? 1 : 0}</wp:is_sticky>
${fields.extra}\t</item>
`;
}

function attachmentItem(origin: Origin, id: number, parent: number, timezone: string): string {
  const data = origin.data;
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const url = text('localUrl') || text('url');
  return item(
    {
      id,
      title: text('title'),
      link: url,
      creator: '',
      content: text('description'),
      excerpt: text('caption'),
      date: text('date') || new Date().toISOString(),
      keepGmt: true,
      slug: url.split('/').pop()?.replace(/\.[^.]+$/, '') ?? String(id),
      status: 'inherit',
      parent,
      menuOrder: Number(data.menuOrder) || 0,
      type: 'attachment',
      password: '',
      sticky: false,
      extra: `\t\t<wp:attachment_url>${cdata(url)}</wp:attachment_url>\n${text('alt') ? postmeta('_wp_attachment_image_alt', text('alt')) : ''}`,
    },
    timezone,
  );
}

function postmeta(key: string, value: string): string {
  return `\t\t<wp:postmeta><wp:meta_key>${cdata(key)}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>\n`;
}

/** CDATA cannot hold "]]>", so it is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
