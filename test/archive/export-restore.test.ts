// A site moves as one archive: exported while it serves, restored under a new slug it answers
// the same pages; a damaged or unsafe archive is refused and changes nothing.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { create, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite, restoreSite, type RestoreOptions } from '../../core/archive/index.ts';
import { openDatabase } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const seed = {
  authors: [{ slug: 'ada', name: 'Ada' }],
  posts: Array.from({ length: 4 }, (_, i) => ({ title: `Alpha post ${i + 1}`, slug: `alpha-post-${i + 1}`, html: `<p>Body ${i + 1}.</p>`, tags: ['News'] })),
  pages: [{ title: 'About', slug: 'about', html: '<p>About alpha.</p>' }],
  navigation: [{ label: 'About', url: '/about/' }],
};

describe('exporting and restoring a site', () => {
  let box: Sandbox;
  let host: Host;
  let archive: string;
  const get = (hostname: string, pathname: string) => request(host.app).get(pathname).set('Host', hostname);
  const options = (extra: Partial<RestoreOptions> = {}): RestoreOptions => ({
    sitesDir: box.sitesDir,
    name: 'alpha.tar.gz',
    domainOwner: (domain) => host.registry.find(domain)?.slug,
    ...extra,
  });
  const sites = () => readdirSync(box.sitesDir).sort();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha', domains: ['alpha.example'] }, seed);
    host = await box.host({ watch: false });
    expect((await get('alpha.localhost', '/')).status).toBe(200);
    box.write('sites/alpha/data/uploads/2024/05/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    archive = path.join(box.root, 'alpha.tar.gz');
    const entry = host.registry.get('alpha')!;
    await exportSite({ slug: 'alpha', dir: entry.dir, manifest: entry.manifest! }, createWriteStream(archive));
  });
  afterAll(() => box.remove());

  it('restores under a new slug, and the same pages answer with the same content', async () => {
    const restored = await restoreSite(createReadStream(archive), options({ as: 'alpha-copy' }));
    expect(restored.droppedDomains).toEqual(['alpha.example']);
    expect(readFileSync(path.join(box.sitesDir, 'alpha-copy', 'data', 'uploads', '2024', '05', 'logo.svg'), 'utf8')).toContain('<svg');
    await host.registry.scan();
    for (const pathname of ['/', '/alpha-post-1/', '/about/', '/tag/news/', '/sitemap.xml']) {
      const original = await get('alpha.localhost', pathname);
      const copy = await get('alpha-copy.localhost', pathname);
      expect(copy.status, pathname).toBe(200);
      expect(copy.text.replaceAll('alpha-copy.localhost', 'alpha.localhost'), pathname).toBe(original.text);
    }
  });

  it('restores on another host with a domain of its own', async () => {
    const other = sandbox();
    try {
      const restored = await restoreSite(createReadStream(archive), { sitesDir: other.sitesDir, name: 'alpha.tar.gz', domains: ['alpha.test'], domainOwner: () => undefined });
      expect(restored.manifest.domains).toEqual(['alpha.test']);
      const otherHost = await other.host({ watch: false });
      const page = await request(otherHost.app).get('/alpha-post-2/').set('Host', 'alpha.test');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Body 2.');
    } finally {
      await other.remove();
    }
  });

  it('refuses to take a domain another site serves, or a slug that exists, changing nothing', async () => {
    const before = sites();
    await expect(restoreSite(createReadStream(archive), options())).rejects.toMatchObject({ code: 'GUILD_ERR_SITE_EXISTS' });
    await expect(restoreSite(createReadStream(archive), options({ as: 'beta', domains: ['alpha.example'] }))).rejects.toMatchObject({ code: 'GUILD_ERR_DOMAIN_TAKEN' });
    expect(sites()).toEqual(before);
  });

  it('refuses a corrupted archive and changes nothing', async () => {
    const before = sites();
    const bytes = readFileSync(archive);
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    await expect(restoreSite(Readable.from([damaged]), options({ as: 'damaged' }))).rejects.toMatchObject({ code: 'GUILD_ERR_ARCHIVE_INVALID' });
    await expect(restoreSite(Readable.from([bytes.subarray(0, bytes.length - 200)]), options({ as: 'cut' }))).rejects.toMatchObject({ code: 'GUILD_ERR_ARCHIVE_INVALID' });
    expect(sites()).toEqual(before);
  });

  it('refuses an archive whose file does not match its checksum', async () => {
    const unpacked = path.join(box.root, 'tampered');
    mkdirSync(unpacked);
    await extract({ file: archive, cwd: unpacked });
    writeFileSync(path.join(unpacked, 'site', 'data', 'uploads', '2024', '05', 'logo.svg'), '<svg onload="alert(1)"/>');
    const tampered = path.join(box.root, 'tampered.tar.gz');
    await create({ gzip: true, cwd: unpacked, file: tampered }, readdirSync(unpacked));
    const before = sites();
    await expect(restoreSite(createReadStream(tampered), options({ as: 'tampered' }))).rejects.toThrow(/site\/data\/uploads\/2024\/05\/logo\.svg does not match its checksum: the archive is damaged\. Nothing was changed/);
    expect(sites()).toEqual(before);
  });

  it('refuses entries that reach outside the archive, absolute paths and links', async () => {
    const work = path.join(box.root, 'evil', 'inner');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(box.root, 'evil', 'escape.txt'), 'outside');
    symlinkSync('/etc/passwd', path.join(work, 'link'));
    const cases: Array<[string, string[], RegExp]> = [
      ['dotdot.tar.gz', ['../escape.txt'], /reaches outside the archive/],
      ['absolute.tar.gz', [path.join(box.root, 'evil', 'escape.txt')], /is an absolute path/],
      ['link.tar.gz', ['link'], /is a SymbolicLink; an archive holds only files and folders/],
    ];
    for (const [name, entries, reason] of cases) {
      const file = path.join(box.root, name);
      await create({ gzip: true, cwd: work, file, preservePaths: true }, entries);
      const before = sites();
      await expect(restoreSite(createReadStream(file), options({ as: 'evil' }))).rejects.toThrow(reason);
      expect(sites()).toEqual(before);
      expect(existsSync(path.join(box.sitesDir, '..', 'escape.txt.restored'))).toBe(false);
    }
    expect(readdirSync(box.sitesDir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('takes a consistent snapshot while writes go on', async () => {
    const acquired = await host.registry.acquire(host.registry.get('alpha')!);
    const store = acquired.site.store;
    const before = (await store.listPosts({ limit: 1 })).total;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await store.createPost({ title: `Busy ${written}`, status: 'published', tags: ['Busy'] });
        written++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const busy = path.join(box.root, 'busy.tar.gz');
    const entry = host.registry.get('alpha')!;
    await exportSite({ slug: 'alpha', dir: entry.dir, manifest: entry.manifest! }, createWriteStream(busy));
    writing = false;
    await writer;
    acquired.release();
    expect(written).toBeGreaterThan(0);

    const restored = await restoreSite(createReadStream(busy), options({ as: 'alpha-busy' }));
    const db = openDatabase(path.join(restored.dir, 'data', 'content.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const posts = db.prepare("SELECT COUNT(*) FROM posts WHERE type = 'post'").pluck().get() as number;
      expect(posts).toBeGreaterThanOrEqual(before);
      expect(posts).toBeLessThanOrEqual(before + written);
      // Every post in the snapshot has the tag it was written with: no half-written post.
      const untagged = db.prepare("SELECT COUNT(*) FROM posts p WHERE p.title LIKE 'Busy %' AND NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.post_id = p.id)").pluck().get();
      expect(untagged).toBe(0);
    } finally {
      db.close();
    }
  });
});
