/**
 * A site's media library: uploaded images in the site's media store (`YYYY/MM/<name>-<random>.<ext>`,
 * in its folder or a bucket: storage/), served at `/content/images/...`, with their resized
 * variants, sizes, alt text and who uploaded them in the site's content database, either engine
 * (the table comes with the content's migrations, namespace "media").
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { containsPattern, slugify, type PageOf, type SyncSql } from '../content/index.ts';
import { ALLOWED_TYPES, sniffType } from './sniff.ts';
import type { SiteMedia } from './storage/index.ts';
import { imageInfo, writeVariants, type ImageSizes } from './variants.ts';

/** Where a site's uploads are served from. */
const MEDIA_URL_PREFIX = '/content/images/';
/** A search in file names and alt text, ignoring case on both engines (PostgreSQL's LIKE minds it). */
const MATCHES = "CAST(@search AS TEXT) IS NULL OR lower(original_name) LIKE lower(@search) ESCAPE '\\' OR lower(alt) LIKE lower(@search) ESCAPE '\\'";

export interface MediaItem {
  readonly id: number;
  /** The site path it is served at, e.g. /content/images/2026/05/croissant-3fa9c1.jpg */
  readonly url: string;
  readonly filename: string;
  readonly mime: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
  /** Size name (from the theme) → URL of the resized copy. */
  readonly variants: Readonly<Record<string, string>>;
  readonly uploadedBy: string | null;
  readonly createdAt: string;
}

interface MediaRow {
  id: number;
  path: string;
  original_name: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  alt: string;
  variants: string;
  uploaded_by: string | null;
  created_at: string;
}

export class MediaLibrary {
  readonly #media: SiteMedia;
  readonly #sizes: ImageSizes;
  readonly #sql: SyncSql;

  constructor(sql: SyncSql, media: SiteMedia, sizes: ImageSizes = {}) {
    this.#sql = sql;
    this.#media = media;
    this.#sizes = sizes;
  }

  /** Stores an upload after checking what its bytes are; throws 415 for anything but an allowed image. */
  async add(input: { bytes: Buffer; originalName: string; alt?: string; uploadedBy?: string }): Promise<MediaItem> {
    const type = sniffType(input.bytes);
    if (!type) throw new GuildError('GUILD_ERR_UPLOAD_TYPE', ALLOWED_TYPES);
    const info = await imageInfo(input.bytes).catch(() => {
      throw new GuildError('GUILD_ERR_UPLOAD_TYPE', `${ALLOWED_TYPES} that can be opened (this one starts like ${type.mime} but is damaged)`);
    });
    const now = new Date();
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const base = slugify(path.parse(input.originalName).name).slice(0, 60);
    const relative = `${month}/${base}-${randomBytes(3).toString('hex')}.${type.extension}`;
    await this.#media.write(relative, input.bytes);
    let variants: Record<string, string>;
    try {
      variants = await writeVariants(this.#media, relative, input.bytes, info, this.#sizes);
    } catch (error) {
      await this.#media.remove([relative]).catch(() => undefined);
      throw error;
    }
    const [inserted] = this.#sql.all<{ id: number }>(
      `INSERT INTO media (path, original_name, mime, size, width, height, alt, variants, uploaded_by, created_at)
        VALUES (@path, @original_name, @mime, @size, @width, @height, @alt, @variants, @uploaded_by, @created_at) RETURNING id`,
      {
        path: relative,
        original_name: input.originalName.slice(0, 255),
        mime: type.mime,
        size: input.bytes.length,
        width: info.width,
        height: info.height,
        alt: (input.alt ?? '').trim(),
        variants: JSON.stringify(variants),
        uploaded_by: input.uploadedBy ?? null,
        created_at: now.toISOString(),
      },
    );
    return this.get(inserted!.id)!;
  }

  get(id: number): MediaItem | undefined {
    const row = this.#row(id);
    return row && toItem(row);
  }

  list(query: { search?: string; page?: number; limit?: number } = {}): PageOf<MediaItem> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 40), 1), 100);
    const page = Math.max(Math.trunc(query.page ?? 1), 1);
    const search = containsPattern(query.search);
    const [{ n: total }] = this.#sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM media WHERE ${MATCHES}`, { search }) as [{ n: number }];
    const rows = this.#sql.all<MediaRow>(`SELECT * FROM media WHERE ${MATCHES} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`, { search, limit, offset: (page - 1) * limit });
    return { items: rows.map(toItem), total, page, limit, pages: Math.max(Math.ceil(total / limit), 1) };
  }

  setAlt(id: number, alt: string): MediaItem {
    if (!this.get(id)) throw new GuildError('GUILD_ERR_NOT_FOUND', `File ${id}`);
    this.#sql.run('UPDATE media SET alt = @alt WHERE id = @id', { alt: alt.trim(), id });
    return this.get(id)!;
  }

  /** Deletes the file, its variants and its record. */
  async remove(id: number): Promise<void> {
    const row = this.#row(id);
    if (!row) throw new GuildError('GUILD_ERR_NOT_FOUND', `File ${id}`);
    this.#sql.run('DELETE FROM media WHERE id = @id', { id });
    await this.#media.remove([row.path, ...Object.values(JSON.parse(row.variants) as Record<string, string>)]);
  }

  #row(id: number): MediaRow | undefined {
    return this.#sql.all<MediaRow>('SELECT * FROM media WHERE id = @id', { id })[0];
  }
}

function toItem(row: MediaRow): MediaItem {
  const variants = JSON.parse(row.variants) as Record<string, string>;
  return {
    id: row.id,
    url: `${MEDIA_URL_PREFIX}${row.path}`,
    filename: row.original_name,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    alt: row.alt,
    variants: Object.fromEntries(Object.entries(variants).map(([name, relative]) => [name, `${MEDIA_URL_PREFIX}${relative}`])),
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}
