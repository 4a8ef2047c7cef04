/**
 * Posts and pages, in two passes: the first finds or creates each one, so every new address is
 * known; the second converts the content (which links to those addresses) and writes what
 * changed. An item whose converted form is what the last import wrote is left alone, so a
 * repeat changes nothing and edits made here since survive a second export of unchanged posts.
 */
import { htmlToText, sanitizeContent, type PostInput } from '../../content/index.ts';
import { convertContent, type ConvertContext } from '../convert.ts';
import { resolveDate } from '../dates.ts';
import { decideMeta, decideStatus } from '../mapping.ts';
import { count, removed, skip } from '../report.ts';
import { OLD_URL_KIND } from '../html/links.ts';
import { digest, localSlug, type ImportRun, type LocalPost } from '../run.ts';
import type { WxrItem } from '../types.ts';
import { importComments } from './comments.ts';
import { TAG_TAXONOMIES, tagKey } from './tags.ts';

/** Item types handled elsewhere, or that are WordPress's machinery rather than content. */
const OTHER_TYPES: Readonly<Record<string, string | null>> = {
  attachment: null,
  nav_menu_item: null,
  wp_block: null,
  revision: 'earlier versions of posts; the latest version is imported',
  custom_css: "the theme's extra CSS belongs to the WordPress theme, not the content",
  customize_changeset: 'unsaved WordPress Customizer changes',
  oembed_cache: "WordPress's cache of embeds",
  user_request: 'privacy requests of WordPress users',
  wp_global_styles: 'block theme styles belong to the WordPress theme',
  wp_template: 'block theme templates belong to the WordPress theme',
  wp_template_part: 'block theme templates belong to the WordPress theme',
  wp_navigation: 'block theme navigation; menus are imported from nav_menu_item',
  wp_font_family: 'fonts of the WordPress theme',
  wp_font_face: 'fonts of the WordPress theme',
};

interface Planned {
  readonly item: WxrItem;
  readonly local: LocalPost;
}

export async function importPosts(run: ImportRun): Promise<void> {
  const planned: Planned[] = [];
  for (const item of run.doc.items) {
    if (item.type === 'post' || item.type === 'page') {
      const local = await findOrCreate(run, item);
      if (local) planned.push({ item, local });
      else run.step();
    } else {
      const reason = item.type in OTHER_TYPES ? OTHER_TYPES[item.type] : `Guild has posts and pages only; "${item.type}" is a custom post type of a WordPress plugin or theme`;
      if (reason) {
        skip(run.report, `${item.type} items`, reason, item.title);
        run.step();
      }
    }
  }
  await addLinkTargets(run);
  await recordOldUrls(run);
  const reusable = new Map(run.doc.items.filter((item) => item.type === 'wp_block').map((item) => [item.id, item.content]));
  for (const { item, local } of planned) {
    await writePost(run, item, local, reusable);
    await importComments(run, item, local);
    run.step();
  }
  for (const item of run.doc.items) if (item.type === 'wp_block') run.step();
}

async function findOrCreate(run: ImportRun, item: WxrItem): Promise<LocalPost | undefined> {
  const type = item.type as 'post' | 'page';
  const origin = await run.origin(type, item.id);
  const found = origin?.localId != null ? await run.store.getPost(origin.localId) : undefined;
  if (found) {
    const local = { id: found.id, slug: found.slug, type, created: false, origin };
    run.posts.set(item.id, local);
    return local;
  }
  const decision = decideStatus(item, undefined, run.now);
  if ('skip' in decision) {
    skip(run.report, `${type}s`, decision.skip, item.title || `#${item.id}`);
    return undefined;
  }
  const title = htmlToText(item.title);
  const wanted = localSlug(item.slug || title, `${type}-${item.id}`, type);
  const created = await run.store.createPost({ type, title, slug: wanted, status: 'draft' });
  if (created.slug !== wanted) run.report.notes.push(`"${title}" is at /${created.slug}/ because /${wanted}/ was taken.`);
  const local = { id: created.id, slug: created.slug, type, created: true, origin: undefined };
  run.posts.set(item.id, local);
  return local;
}

/** Every address the old site had for a post, page, tag or author, and where it lives now. */
async function addLinkTargets(run: ImportRun): Promise<void> {
  const base = run.links.basePath;
  for (const item of run.doc.items) {
    const target = run.pathOf(item.id);
    if (!target) continue;
    for (const url of [item.link, item.guid, `${base}/?p=${item.id}`, `${base}/?page_id=${item.id}`]) if (url) run.links.add(url, target);
  }
  // Posts of earlier imports of the same site, which this export may no longer hold.
  const inThisExport = new Set(run.doc.items.map((item) => item.id));
  for (const kind of ['post', 'page']) {
    for (const origin of await run.store.listOrigins({ source: run.source, kind })) {
      const post = origin.localId != null && !inThisExport.has(origin.originalId) ? await run.store.getPost(origin.localId) : undefined;
      if (post && typeof origin.data.link === 'string') run.links.add(origin.data.link, post.path);
    }
  }
  // Both archive forms: WordPress's own, and Guild's (/tag/<slug>/) in exports written by Guild.
  for (const [key, slug] of run.tagSlugs) {
    const [taxonomy, original] = key.split(':') as [string, string];
    run.links.add(`${base}/${taxonomy === 'category' ? 'category' : 'tag'}/${original}/`, `/tag/${slug}/`);
    run.links.add(`${base}/tag/${original}/`, `/tag/${slug}/`);
  }
  for (const [login, slug] of run.authorSlugs) run.links.add(`${base}/author/${login}/`, `/author/${slug}/`);
}

/**
 * The old site's addresses, kept as origins of kind "url" so the site answers them with a 301 to
 * where the content lives now (core/site/old-urls.ts); only new or changed ones are counted.
 */
async function recordOldUrls(run: ImportRun): Promise<void> {
  for (const [key, target] of run.links.oldPaths()) {
    if (!key || key === '/') continue;
    const known = await run.origin(OLD_URL_KIND, key);
    // One a person changed or removed in the admin stays as they left it.
    if (known && (known.data.target === target || known.data.changed || known.data.removed)) continue;
    await run.store.saveOrigin({ source: run.source, kind: OLD_URL_KIND, originalId: key, localId: null, data: { target } });
    run.report.oldUrls++;
  }
}

async function writePost(run: ImportRun, item: WxrItem, local: LocalPost, reusable: Map<string, string>): Promise<void> {
  const kind = local.type === 'post' ? 'posts' : 'pages';
  const date = resolveDate(item.date, item.dateGmt, run.options.timezone);
  const decision = decideStatus(item, date?.iso, run.now);
  const status = 'status' in decision ? decision.status : 'draft';
  // Imported HTML is untrusted: it passes the editor's sanitizer, and the report says what it took out.
  const sanitized = sanitizeContent(convertContent(item.content, contextFor(run, item, reusable)));
  removed(run.report, htmlToText(item.title) || `#${item.id}`, sanitized.rejected);
  const input: PostInput = {
    title: htmlToText(item.title),
    html: sanitized.html,
    customExcerpt: htmlToText(item.excerpt) || null,
    featureImage: featureImage(run, item),
    featured: item.sticky,
    status,
    publishedAt: status === 'draft' ? null : (date?.iso ?? new Date(run.now).toISOString()),
    authors: authorOf(run, item.creator),
    tags: tagsOf(run, item),
    parentId: run.posts.get(item.parent)?.id ?? null,
    menuOrder: item.menuOrder,
    password: item.password || null,
  };
  const meta = keptMeta(run, item);
  const hash = digest({ input, meta });
  if (!local.created && local.origin?.data.hash === hash) return count(run.report, kind, 'unchanged');

  if ('note' in decision && decision.note) run.report.notes.push(`"${input.title}": ${decision.note}.`);
  if (date?.fromZone && status !== 'draft') run.report.notes.push(`"${input.title}": the export gives only local time; read in ${run.options.timezone}.`);
  await run.store.updatePost(local.id, input);
  const previousKeys = Array.isArray(local.origin?.data.metaKeys) ? (local.origin.data.metaKeys as string[]) : [];
  await run.store.setPostMeta(local.id, { ...Object.fromEntries(previousKeys.map((key) => [key, null])), ...meta });
  await run.remember(local.type, item.id, local.id, {
    link: item.link,
    guid: item.guid,
    slug: item.slug,
    status: item.status,
    commentStatus: item.commentStatus,
    metaKeys: Object.keys(meta),
    hash,
  });
  count(run.report, kind, local.created ? 'created' : 'updated');
}

function contextFor(run: ImportRun, item: WxrItem, reusable: Map<string, string>): ConvertContext {
  return {
    postId: item.id,
    links: run.links,
    files: run.files,
    linkRewritten: () => run.report.linksRewritten++,
    attachment: (id) => {
      const attachment = run.attachments.get(id);
      return attachment && { ...attachment, url: attachment.localUrl ?? attachment.url };
    },
    attachmentsOf: (postId) =>
      [...run.attachments.values()]
        .filter((attachment) => attachment.parent === postId)
        .sort((a, b) => a.menuOrder - b.menuOrder || Number(a.id) - Number(b.id))
        .map((attachment) => ({ ...attachment, url: attachment.localUrl ?? attachment.url })),
    kept: (name) => (run.report.shortcodesKept[name] = (run.report.shortcodesKept[name] ?? 0) + 1),
    dropped: (name) => skip(run.report, `dynamic block "${name}"`, 'WordPress builds it with PHP on every view; it holds no content of its own', item.title),
    reusable: (id) => reusable.get(id),
  };
}

function featureImage(run: ImportRun, item: WxrItem): string | null {
  const id = item.meta.find((entry) => entry.key === '_thumbnail_id')?.value;
  return (id && run.attachmentUrl(id)) || null;
}

/** Categories first (so the main category is the primary tag), then tags. */
function tagsOf(run: ImportRun, item: WxrItem): string[] {
  const ordered = [...item.terms].sort((a, b) => Number(b.taxonomy === 'category') - Number(a.taxonomy === 'category'));
  const slugs = ordered.flatMap((term) => (TAG_TAXONOMIES.has(term.taxonomy) ? (run.tagSlugs.get(tagKey(term.taxonomy, term.slug)) ?? []) : []));
  return [...new Set(slugs)];
}

function keptMeta(run: ImportRun, item: WxrItem): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const { key, value } of item.meta) {
    const decision = decideMeta(key);
    if (decision === 'keep') meta[key] = value;
    else if (decision === 'bookkeeping') skip(run.report, 'custom fields', "WordPress's and its plugins' own bookkeeping (edit locks, caches, sharing state)", key);
  }
  for (const term of item.terms) {
    if (term.taxonomy === 'post_format') meta.post_format = term.slug.replace(/^post-format-/, '');
    else if (!TAG_TAXONOMIES.has(term.taxonomy) && term.taxonomy !== 'nav_menu') {
      // Guild has one taxonomy; terms of a plugin's own are kept on the post rather than lost.
      const key = `taxonomy:${term.taxonomy}`;
      meta[key] = meta[key] ? `${meta[key]}, ${term.name}` : term.name;
    }
  }
  return meta;
}

/** The post's author here: its creator's, or the closest listed author's when the creator is a stray. */
function authorOf(run: ImportRun, creator: string): string[] {
  const slug = run.authorSlugs.get(run.creators.get(creator) ?? creator);
  return slug ? [slug] : [];
}
