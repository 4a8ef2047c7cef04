/** Media on local disk, in each site's own folder (`data/content/images/`): the default, as before. */
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkedKey, checkedSlug } from './keys.ts';
import { resolveRange, type ByteRange, type MediaStorage, type SiteMedia, type SiteRef, type StoredFile } from './store.ts';

/** Where a site keeps its uploads: inside its own folder, so the site stays self-contained. */
export function imagesDirIn(siteDir: string): string {
  return path.join(siteDir, 'data', 'content', 'images');
}

export function localStorage(): MediaStorage {
  return {
    where: "each site's folder",
    inSiteFolder: true,
    check: async () => undefined,
    forSite: (site) => new LocalMedia(imagesDirIn(site.dir), checkedSlug(site.slug)),
    // The files moved with the folder.
    rename: async (_from: SiteRef, _to: SiteRef) => undefined,
  };
}

class LocalMedia implements SiteMedia {
  /** The slug is checked as a bucket's would be, so a name one store refuses the other does too. */
  constructor(
    private readonly root: string,
    readonly slug: string,
  ) {}

  #file(key: string): string {
    return path.join(this.root, ...checkedKey(key).split('/'));
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    const file = this.#file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
  }

  async read(key: string, range?: ByteRange): Promise<StoredFile | undefined> {
    const file = this.#file(key);
    const stats = await stat(file).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    const part = range && resolveRange(range, stats.size);
    return {
      body: createReadStream(file, part ?? {}),
      size: stats.size,
      ...(part ? { range: part } : {}),
      // As express.static wrote it: size and modification time.
      etag: `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}"`,
      lastModified: stats.mtime,
    };
  }

  async remove(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.#file(key), { force: true })));
  }

  async *keys(): AsyncIterable<string> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      yield key;
    }
  }

  async removeAll(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
