/**
 * Issue 17: a site archive is the same whichever engine keeps the content. Exported from a host on
 * PostgreSQL it restores on a host on SQLite, and one exported from SQLite restores on PostgreSQL
 * (into the site's schema, leaving no stale copy in the SQLite file); a schema already holding a
 * site of that slug is refused and nothing changes. Runs when the tests have a PostgreSQL.
 */
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportSite, restoreSite } from '../../core/archive/index.ts';
import { PgContentStore, PgDatabase, siteSchema } from '../../core/content/index.ts';
import { changeSite, type Host } from '../../core/host/index.ts';
import { contentDatabaseFile, siteContentLocation } from '../../core/site/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, siteSchemas, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

const seed = {
  posts: [
    { title: 'Rye at dawn', slug: 'rye', html: '<p>Dark and dense.</p>', tags: ['Bread'] },
    { title: 'Crème brûlée', slug: 'creme', html: '<p>Burnt sugar.</p>' },
  ],
  pages: [{ title: 'About', slug: 'about', html: '<p>A bakery.</p>' }],
};

onPostgres('site archives across engines (skipped without GUILD_TEST_DATABASE_URL)', () => {
  let boxes: Sandbox[];
  let databases: Array<Awaited<ReturnType<typeof freshDatabase>>>;
  const get = (host: Host, slug: string, url: string) => request(host.app).get(url).set('Host', `${slug}.localhost`);
  const newBox = () => {
    const box = sandbox();
    boxes.push(box);
    return box;
  };
  const newDatabase = async () => {
    databases.push(await freshDatabase());
    return databases.at(-1)!.url;
  };
  /** Exports `slug` from `host` to a file beside its sites; returns the file. */
  const exportFrom = async (box: Sandbox, host: Host, slug: string) => {
    const entry = host.registry.get(slug)!;
    const file = path.join(box.root, `${slug}.tar.gz`);
    await exportSite({ slug, dir: entry.dir, manifest: entry.manifest!, content: siteContentLocation(entry.dir, slug, host.config.databaseUrl) }, createWriteStream(file));
    return file;
  };

  beforeEach(() => {
    boxes = [];
    databases = [];
  });
  afterEach(async () => {
    for (const box of boxes) await box.remove();
    for (const database of databases) await database.drop();
  });

  it('restores on SQLite what a host on PostgreSQL exported, with what was written there since seeding', async () => {
    const url = await newDatabase();
    const from = newBox();
    from.site('bakery', {}, seed);
    const source = await from.host({ databaseUrl: url, watch: false });
    expect((await get(source, 'bakery', '/rye/')).status).toBe(200);
    const other = new PgDatabase(url);
    const store = await PgContentStore.open(other, siteSchema('bakery'));
    await store.createPost({ title: 'Written on PostgreSQL', slug: 'written', html: '<p>Only in the schema.</p>', status: 'published' });
    await store.close();
    await other.close();
    const archive = await exportFrom(from, source, 'bakery');

    const to = newBox();
    await restoreSite(createReadStream(archive), { sitesDir: to.sitesDir, name: 'bakery.tar.gz', domainOwner: () => undefined });
    const target = await to.host({ watch: false });
    for (const pathname of ['/', '/rye/', '/about/', '/tag/bread/']) {
      const [a, b] = [await get(source, 'bakery', pathname), await get(target, 'bakery', pathname)];
      expect(b.status, pathname).toBe(200);
      expect(b.text, pathname).toBe(a.text);
    }
    expect((await get(target, 'bakery', '/written/')).text).toContain('Only in the schema.');
  });

  it('restores on PostgreSQL what a host on SQLite exported, into the schema and not the SQLite file', async () => {
    const from = newBox();
    from.site('bakery', {}, seed);
    const source = await from.host({ watch: false });
    expect((await get(source, 'bakery', '/rye/')).status).toBe(200);
    const archive = await exportFrom(from, source, 'bakery');

    const url = await newDatabase();
    const to = newBox();
    await restoreSite(createReadStream(archive), { sitesDir: to.sitesDir, name: 'bakery.tar.gz', domainOwner: () => undefined, databaseUrl: url });
    expect(await siteSchemas(url)).toEqual(['site_bakery']);
    // All of the site is in its schema: no stale SQLite copy lies beside it.
    expect(existsSync(contentDatabaseFile(path.join(to.sitesDir, 'bakery')))).toBe(false);
    const target = await to.host({ databaseUrl: url, watch: false });
    for (const pathname of ['/', '/rye/', '/creme/', '/about/', '/tag/bread/']) {
      const [a, b] = [await get(source, 'bakery', pathname), await get(target, 'bakery', pathname)];
      expect(b.status, pathname).toBe(200);
      expect(b.text, pathname).toBe(a.text);
    }
    // The copied rows keep their ids: what is written next is numbered after them.
    const { site, release } = await target.registry.acquire(target.registry.get('bakery')!);
    const next = await site.store.createPost({ title: 'After the move', status: 'published' });
    release();
    expect(next.id).toBe(4);
  });

  it('archives a site it removes on PostgreSQL, and the archive brings it back there', async () => {
    const url = await newDatabase();
    const box = newBox();
    box.site('bakery', {}, seed);
    const host = await box.host({ databaseUrl: url, watch: false });
    const before = (await get(host, 'bakery', '/rye/')).text;
    const context = { config: host.config, registry: host.registry, services: host.services, auth: host.auth };
    const { archive } = await changeSite(context, 'bakery', { action: 'remove', archive: true, out: path.join(box.root, 'removed.tar.gz') });
    expect(await siteSchemas(url)).toEqual([]);
    await restoreSite(createReadStream(archive!), { sitesDir: box.sitesDir, name: 'removed.tar.gz', domainOwner: () => undefined, databaseUrl: url });
    await host.registry.scan();
    expect(await siteSchemas(url)).toEqual(['site_bakery']);
    expect((await get(host, 'bakery', '/rye/')).text).toBe(before);
  });

  it('refuses to restore over a schema a site of that slug left behind, and changes nothing', async () => {
    const from = newBox();
    from.site('bakery', {}, seed);
    const source = await from.host({ watch: false });
    await get(source, 'bakery', '/');
    const archive = await exportFrom(from, source, 'bakery');

    const url = await newDatabase();
    const leftover = new PgDatabase(url);
    const store = await PgContentStore.open(leftover, siteSchema('bakery'));
    await store.createPost({ title: 'Left behind', status: 'published' });
    await store.close();
    await leftover.close();
    const to = newBox();
    await expect(restoreSite(createReadStream(archive), { sitesDir: to.sitesDir, name: 'bakery.tar.gz', domainOwner: () => undefined, databaseUrl: url })).rejects.toMatchObject({ code: 'GUILD_ERR_SCHEMA_TAKEN' });
    expect(readdirSync(to.sitesDir)).toEqual([]);
    const again = new PgDatabase(url);
    const kept = await PgContentStore.open(again, siteSchema('bakery'));
    expect((await kept.getPostBySlug('left-behind', 'any'))?.title).toBe('Left behind');
    await kept.close();
    await again.close();
    // Under another slug it goes in beside it.
    await restoreSite(createReadStream(archive), { sitesDir: to.sitesDir, name: 'bakery.tar.gz', as: 'bakery-copy', domainOwner: () => undefined, databaseUrl: url });
    expect(await siteSchemas(url)).toEqual(['site_bakery', 'site_bakery-copy']);
    expect(existsSync(path.join(to.sitesDir, 'bakery-copy', 'site.json'))).toBe(true);
  });
});
