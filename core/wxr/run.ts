/**
 * What the steps of one import share: the store (inside the import's transaction), the export,
 * the report, and the maps from WordPress ids to what they became here.
 */
import { createHash } from 'node:crypto';
import { slugify, slugWords, type ContentStore, type Origin } from '../content/index.ts';
import { FileUrls } from './html/files.ts';
import { LinkMap } from './html/links.ts';
import type { Attachment } from './html/shortcodes.ts';
import type { ImportReport } from './report.ts';
import type { WxrDocument } from './types.ts';

export interface ImportOptions {
  /** The time zone of dates the export gives only in local time (drafts); the site's own. */
  readonly timezone: string;
  /** The slug of the WordPress menu that becomes the site's primary navigation. */
  readonly primaryMenu?: string;
  /** Now, for deciding what is scheduled; tests may pin it. */
  readonly now?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly phase: 'reading' | 'importing';
  readonly done: number;
  readonly total: number | undefined;
}

export interface LocalPost {
  readonly id: number;
  readonly slug: string;
  readonly type: 'post' | 'page';
  /** Created by this run (so always written), rather than found from an earlier one. */
  readonly created: boolean;
  readonly origin: Origin | undefined;
}

export interface ImportedAttachment extends Attachment {
  /** Where the file is served from here once fetched; the original URL until then. */
  readonly localUrl: string | null;
}

export class ImportRun {
  readonly authorSlugs = new Map<string, string>();
  /** A post's dc:creator that names no listed author → the login of the closest one. */
  readonly creators = new Map<string, string>();
  /** "category:news" or "post_tag:news" → the local tag slug. */
  readonly tagSlugs = new Map<string, string>();
  readonly attachments = new Map<string, ImportedAttachment>();
  readonly posts = new Map<string, LocalPost>();
  readonly links: LinkMap;
  /** The old site's files already fetched here (guild import media), for images in post bodies. */
  readonly files = new FileUrls();
  readonly now: number;
  #done = 0;
  readonly #total: number;
  readonly #parents: ReadonlyMap<string, string>;

  constructor(
    readonly store: ContentStore,
    readonly doc: WxrDocument,
    readonly options: ImportOptions,
    readonly report: ImportReport,
  ) {
    this.links = new LinkMap([doc.blogUrl, doc.link, doc.siteUrl].filter(Boolean));
    this.now = options.now ?? Date.now();
    this.#total = doc.authors.length + doc.terms.length + doc.items.length;
    this.#parents = new Map(doc.items.map((item) => [item.id, item.parent]));
  }

  /** Where an item found or created by this run lives here: a child page under its parents' slugs (`/level-1/level-2/`), as the site serves it. */
  pathOf(itemId: string): string | undefined {
    const local = this.posts.get(itemId);
    if (!local) return undefined;
    const slugs = [local.slug];
    const seen = new Set([itemId]);
    for (let id = this.#parents.get(itemId); local.type === 'page' && id && !seen.has(id); id = this.#parents.get(id)) {
      const parent = this.posts.get(id);
      if (parent?.type !== 'page') break;
      slugs.unshift(parent.slug);
      seen.add(id);
    }
    return `/${slugs.join('/')}/`;
  }

  get source(): string {
    return this.report.source;
  }

  /** The URL an attachment is shown with: the fetched copy if there is one. */
  attachmentUrl(id: string): string | undefined {
    const attachment = this.attachments.get(id);
    return attachment ? (attachment.localUrl ?? attachment.url) : undefined;
  }

  origin(kind: string, originalId: string): Promise<Origin | undefined> {
    return this.store.getOrigin(this.source, kind, originalId);
  }

  async remember(kind: string, originalId: string, localId: number | null, data: Record<string, unknown>): Promise<void> {
    await this.store.saveOrigin({ source: this.source, kind, originalId, localId, data });
  }

  step(): void {
    this.#done++;
    this.options.onProgress?.({ phase: 'importing', done: Math.min(this.#done, this.#total), total: this.#total });
  }
}

/** Which WordPress site an export came from: its address without the scheme. */
export function sourceOf(doc: WxrDocument): string {
  const url = doc.blogUrl || doc.link;
  return `wordpress:${url.replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase() || 'unknown'}`;
}

/** A fingerprint of what an import would write, to tell a repeat from a change. */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/**
 * A WordPress slug as Guild would write it; percent-encoded UTF-8 is decoded first, then
 * transliterated ("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2" → "epipedo-2"). With a `noun`, a
 * bare number becomes "<noun>-<number>".
 */
export function localSlug(slug: string, fallback: string, noun?: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // Not percent-encoded after all.
  }
  return slugWords(decoded) ? slugify(decoded, noun) : fallback;
}
