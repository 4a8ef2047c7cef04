/**
 * Issue 17: with GUILD_DATABASE_URL a host keeps every site's content in PostgreSQL (a schema per
 * site), serves it as it would from SQLite, hears other processes' writes, and drops or renames
 * a site's schema with the site. Runs when the tests have a PostgreSQL (GUILD_TEST_DATABASE_URL).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgContentStore, PgDatabase, siteSchema } from '../../core/content/index.ts';
import { changeSite, type Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { team } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, siteSchemas, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('sites on PostgreSQL (skipped without GUILD_TEST_DATABASE_URL)', () => {
  let box: Sandbox;
  let host: Host;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const get = (url: string) => request(host.app).get(url).set('Host', 'bakery.localhost');

  beforeEach(async () => {
    database = await freshDatabase();
    box = sandbox();
    box.write('themes/plain/package.json', { name: 'plain', version: '1.0.0' });
    box.write('themes/plain/default.hbs', '<html><body>{{{body}}}</body></html>');
    box.write('themes/plain/index.hbs', '{{!< default}}{{#foreach posts}}<h2>{{title}}</h2>{{/foreach}}');
    box.write('themes/plain/post.hbs', '{{!< default}}{{#post}}<h1>{{title}}</h1>{{content}}{{/post}}');
    box.site('bakery', { domains: ['bakery.localhost'], theme: { id: 'plain' } }, { posts: [{ title: 'Rye at dawn', slug: 'rye', html: '<p>Dark and dense.</p>' }] });
    host = await box.host({ databaseUrl: database.url });
  });

  afterEach(async () => {
    await box.remove();
    await database.drop();
  });

  it('seeds and serves a site from its schema, and makes no SQLite file for it', async () => {
    const page = await get('/rye/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Rye at dawn</h1>');
    expect(await siteSchemas(database.url)).toEqual(['site_bakery']);
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    expect(site.store).toBeInstanceOf(PgContentStore);
    // Nothing of the site is left in a SQLite file: it has none.
    expect(existsSync(contentDatabaseFile(path.join(box.sitesDir, 'bakery')))).toBe(false);
    release();
  });

  it('shows a post another process publishes, without a restart', async () => {
    expect((await get('/')).text).not.toContain('From the CLI');
    const other = new PgDatabase(database.url);
    const store = await PgContentStore.open(other, siteSchema('bakery'));
    await store.createPost({ title: 'From the CLI', status: 'published' });
    await store.close();
    await other.close();
    await eventually(async () => expect((await get('/')).text).toContain('From the CLI'), 2000);
  });

  it('never answers a page cached before a restart once another host wrote meanwhile, and caches it again while open', async () => {
    await get('/').expect(200);
    await host.close();
    // A restart with nothing written: the page is rendered and cached again by this opening.
    host = await box.host({ databaseUrl: database.url });
    const before = await get('/').expect(200);
    await host.close();
    // Another host shares the database: this one heard nothing while it was stopped.
    const other = new PgDatabase(database.url);
    const store = await PgContentStore.open(other, siteSchema('bakery'));
    await store.createPost({ title: 'Written while stopped', status: 'published' });
    await store.close();
    await other.close();
    host = await box.host({ databaseUrl: database.url });
    const after = await get('/').expect(200);
    expect(after.text).toContain('Written while stopped');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await get('/')).headers.etag).toBe(after.headers.etag);
  });

  it('keeps a post’s revisions in the site’s schema, where every host reads them', async () => {
    const { owner } = await team(host, 'bakery');
    const created = await owner.post('/admin/api/posts', { title: 'Spelt', html: '<p>Nutty.</p>', status: 'draft' });
    await owner.put(`/admin/api/posts/${created.body.id}`, { title: 'Spelt loaf', status: 'published' });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = (await client.query<{ title: string; reason: string }>('SELECT title, reason FROM site_bakery.post_revisions ORDER BY id')).rows;
      expect(rows).toEqual([{ title: 'Spelt', reason: 'created' }, { title: 'Spelt loaf', reason: 'published' }]);
    } finally {
      await client.end();
    }
    expect((await owner.get(`/admin/api/posts/${created.body.id}/revisions`)).body.items.map((item: { reason: string }) => item.reason)).toEqual(['published', 'created']);
  });

  it('keeps the media library’s records in the site’s schema, searched without regard to case', async () => {
    const { owner } = await team(host, 'bakery');
    const bytes = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c8643c' } }).png().toBuffer();
    const upload = (name: string) => owner.agent.post('/admin/api/media').set('Host', owner.host).set('X-CSRF-Token', owner.csrf).field('alt', 'Crust').attach('file', bytes, { filename: name, contentType: 'image/png' });
    expect((await upload('Rye-Loaf.png')).status).toBe(201);
    expect((await upload('oven.png')).status).toBe(201);
    expect((await owner.get('/admin/api/media?search=rye')).body.items.map((item: { filename: string }) => item.filename)).toEqual(['Rye-Loaf.png']);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      expect((await client.query('SELECT original_name FROM site_bakery.media ORDER BY id')).rows).toEqual([{ original_name: 'Rye-Loaf.png' }, { original_name: 'oven.png' }]);
    } finally {
      await client.end();
    }
  });

  it('drops the schema with the site, and renames it with the site', async () => {
    const context = { config: host.config, registry: host.registry, services: host.services, auth: host.auth };
    await get('/');
    await changeSite(context, 'bakery', { action: 'rename', to: 'bread' });
    expect(await siteSchemas(database.url)).toEqual(['site_bread']);
    expect((await request(host.app).get('/rye/').set('Host', 'bread.localhost')).text).toContain('Rye at dawn');
    await changeSite(context, 'bread', { action: 'remove', archive: false });
    expect(await siteSchemas(database.url)).toEqual([]);
    expect(existsSync(path.join(box.root, 'sites', 'bread'))).toBe(false);
  });
});
