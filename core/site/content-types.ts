/**
 * Pages for the content types plugins define: /<path>/ lists a type's published entries and
 * /<path>/<slug>/ shows one. A theme shows them with its own "<path>.hbs" and "<type>.hbs" (or
 * "<type>-<slug>.hbs"); without those, the plugin's own templates inside the theme's layout;
 * without those, the theme's page template with the fields laid out as a page.
 */
import { humanize, isSafeLink, sanitizeContent, slugify, type Entry, type EntryInput, type RejectedPart } from '../content/index.ts';
import type { EntryView, FormField, PaginationView, SiteInfo } from '../hooks/index.ts';
import { escapeHtml } from '../sdk/text.ts';
import { compilePartial, type TemplateContext, type ThemeTemplate } from '../themes/index.ts';
import type { PageModel } from './page-models.ts';
import type { ContentType } from './plugin-contributions.ts';
import type { Site } from './site.ts';
import { paginationOf, virtualPage } from './views.ts';

export function entryView(type: ContentType, entry: Entry): EntryView {
  return {
    ...entry.fields,
    id: entry.id,
    type: type.name,
    title: entry.title,
    slug: entry.slug,
    url: `/${type.path}/${entry.slug}/`,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  };
}

/** A content type as the admin draws it: its names, its address and its fields as form fields, in order. */
export interface AdminContentType {
  readonly name: string;
  readonly label: string;
  readonly plural: string;
  readonly path: string;
  readonly plugin: string;
  readonly fields: FormField[];
}

export function adminContentType(type: ContentType): AdminContentType {
  const fields = Object.entries(type.fields).map(([name, spec]): FormField => ({
    name,
    label: spec.label ?? humanize(name),
    type: spec.type,
    ...(spec.required ? { required: true } : {}),
    ...(spec.help ? { help: spec.help } : {}),
    ...(spec.options ? { options: [...spec.options] } : {}),
  }));
  return { name: type.name, label: type.label, plural: type.plural, path: type.path, plugin: type.plugin, fields };
}

/**
 * An entry for the admin: as themes see it, with its status, and its own fields apart too, since
 * a field may share a name with what the view adds (a project's "type" or "status").
 */
export function adminEntry(type: ContentType, entry: Entry): EntryView & { status: Entry['status']; fields: Entry['fields'] } {
  return { ...entryView(type, entry), status: entry.status, fields: entry.fields };
}

/** A page of a type's published entries at /<path>/ (page 1) or /<path>/page/<n>/; undefined past the last. */
export function entriesModel(site: Site, type: ContentType, info: SiteInfo, page = 1): PageModel | undefined {
  const result = site.entries.list(type.name, { page });
  if (page > result.pages) return undefined;
  const entries = result.items.map((entry) => entryView(type, entry));
  const pagination = paginationOf(result);
  const path = `/${type.path}/`;
  const html = entries.length
    ? `<ul class="entries entries-${escapeHtml(type.name)}">${entries.map((entry) => `<li><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title)}</a></li>`).join('')}</ul>${pagerHtml(path, pagination)}`
    : `<p>No ${escapeHtml(type.plural.toLowerCase())} yet.</p>`;
  return {
    kind: 'entries',
    template: { kind: 'entries', path: type.path },
    fallback: fallback(site, type, 'list'),
    contexts: ['entries', type.path, ...(page > 1 ? ['paged'] : [])],
    context: withPage({ entries, [type.path]: entries, content_type: describe(type), pagination }, type.plural, html, path),
    listingPath: path,
    title: `${type.plural} - ${info.title}${page > 1 ? ` (page ${page})` : ''}`,
    description: info.description,
    bodyClass: ['entries-template', `entries-${type.name}`, ...(page > 1 ? ['paged'] : [])],
    pagination,
  };
}

/** Newer and older links under the list, for themes that show it through their page template. */
function pagerHtml(path: string, pagination: PaginationView): string {
  if (pagination.pages <= 1) return '';
  const at = (page: number) => (page <= 1 ? path : `${path}page/${page}/`);
  const newer = pagination.prev ? `<a class="newer-posts" href="${at(pagination.prev)}">Newer</a>` : '';
  const older = pagination.next ? `<a class="older-posts" href="${at(pagination.next)}">Older</a>` : '';
  return `<nav class="pagination" role="navigation">${newer}<span class="page-number">Page ${pagination.page} of ${pagination.pages}</span>${older}</nav>`;
}

export function entryModel(site: Site, type: ContentType, slug: string): PageModel | undefined {
  const stored = site.entries.get(type.name, slug);
  if (!stored) return undefined;
  const entry = entryView(type, stored);
  const fields = Object.entries(type.fields)
    .filter(([name]) => entry[name] !== undefined && entry[name] !== '' && entry[name] !== null)
    .map(([name, spec]) => `<dt>${escapeHtml(spec.label ?? humanize(name))}</dt><dd>${fieldHtml(spec.type, entry[name])}</dd>`)
    .join('');
  return {
    kind: 'entry',
    template: { kind: 'entry', type: type.name, slug: entry.slug },
    fallback: fallback(site, type, 'entry'),
    contexts: ['entry', type.name],
    context: withPage({ entry, [type.name]: entry, content_type: describe(type) }, entry.title, `<dl class="entry-fields">${fields}</dl>`, entry.url),
    listingPath: `/${type.path}/`,
    title: entry.title,
    description: typeof entry.summary === 'string' ? entry.summary : '',
    bodyClass: ['entry-template', `entry-${type.name}`, `entry-${type.name}-${entry.slug}`],
    entry,
  };
}

/**
 * What is wrong with an entry for this type, by field; nothing when it may be saved. A change
 * (not `creating`) may leave fields out, but may not empty a required one. `slugTaken` says
 * whether another entry of the type has a slug.
 */
export function entryProblems(type: ContentType, input: Partial<EntryInput>, creating: boolean, slugTaken: (slug: string) => boolean): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (creating || input.title !== undefined) {
    if (typeof input.title !== 'string' || !input.title.trim()) problems.push({ field: 'title', message: 'is required' });
  }
  if (input.slug !== undefined && input.slug !== '') {
    if (typeof input.slug !== 'string') problems.push({ field: 'slug', message: 'must be text' });
    else if (slugTaken(slugify(input.slug))) problems.push({ field: 'slug', message: `"${slugify(input.slug)}" is taken by another ${type.label.toLowerCase()}; pick another` });
  }
  if (input.status !== undefined && input.status !== 'draft' && input.status !== 'published') problems.push({ field: 'status', message: 'must be "draft" or "published"' });
  const fields = (input.fields ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(fields)) if (!Object.hasOwn(type.fields, name)) problems.push({ field: name, message: `is not a field of ${type.label}; its fields: ${Object.keys(type.fields).join(', ')}` });
  for (const [name, spec] of Object.entries(type.fields)) {
    const value = fields[name];
    if (value === undefined || value === '' || value === null) {
      if (spec.required && (creating || name in fields)) problems.push({ field: name, message: 'is required' });
      continue;
    }
    const message = fieldMessage(spec.type, value, spec.options);
    if (message) problems.push({ field: name, message });
  }
  return problems;
}

/**
 * The entry with its rich-text fields cleaned against the same allow-list as posts (themes print
 * them as HTML), and every part the cleaning removed, by field, to tell the writer.
 */
export function cleanEntryHtml<Input extends Partial<EntryInput>>(type: ContentType, input: Input): { input: Input; rejected: Array<RejectedPart & { field: string }> } {
  if (!input.fields) return { input, rejected: [] };
  const fields = { ...input.fields };
  const rejected: Array<RejectedPart & { field: string }> = [];
  for (const [name, value] of Object.entries(fields)) {
    if (type.fields[name]?.type !== 'html' || typeof value !== 'string') continue;
    const clean = sanitizeContent(value);
    fields[name] = clean.html;
    rejected.push(...clean.rejected.map((part) => ({ ...part, field: name })));
  }
  return { input: { ...input, fields }, rejected };
}

function fieldMessage(kind: string, value: unknown, options: readonly string[] | undefined): string | undefined {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'url':
    case 'image':
      return typeof value === 'string' && isSafeLink(value) && !/^(#|mailto:|tel:)/i.test(value) ? undefined : 'must be a URL or a path on this site';
    case 'email':
      return typeof value === 'string' && /^[^\s@]+@[^\s@]+$/.test(value) ? undefined : 'must be an email address';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date like 2025-05-01';
    case 'select':
      return options?.includes(String(value)) ? undefined : `must be one of: ${options?.join(', ')}`;
    default:
      return typeof value === 'string' ? undefined : 'must be text';
  }
}

function fieldHtml(kind: string, value: unknown): string {
  if (kind === 'html') return String(value);
  if (kind === 'image') return `<img src="${escapeHtml(value)}" alt="">`;
  if (kind === 'url') return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
  if (kind === 'checkbox') return value ? 'Yes' : 'No';
  return escapeHtml(value);
}

function describe(type: ContentType): Record<string, string> {
  return { name: type.name, label: type.label, plural: type.plural, path: type.path };
}

/** The context with a stand-in `post`/`page`, for themes that show it through their page template. */
function withPage(context: TemplateContext, title: string, html: string, path: string): TemplateContext {
  const page = virtualPage(title, html, path);
  return { ...context, post: page, page };
}

/** The plugin's own template inside the theme's layout, else the theme's page template. */
function fallback(site: Site, type: ContentType, which: 'entry' | 'list'): ThemeTemplate | undefined {
  const source = type.templates?.[which];
  if (source) {
    return { name: `${type.plugin}:${type.name}-${which}`, file: `${type.plugin} (content type ${type.name}, ${which} template)`, layout: site.theme.has('default') ? 'default' : null, render: compilePartial(source) };
  }
  return site.theme.pick(['page', 'post']);
}
