/**
 * Issue 17: with GUILD_DATABASE_URL a host keeps every site's content in PostgreSQL (a schema per
 * site), serves it as it would from SQLite, hears other processes' writes, and drops or renames
 * a site's schema with the site. Runs when the tests have a PostgreSQL (GUILD_TEST_DATABASE_URL).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgContentStore, PgDatabase, siteSchema } from '../../core/content/index.ts';
import { changeSite, type Host } from '../../core/host/index.ts';
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

  it('seeds and serves a site from its schema, never from a SQLite content table', async () => {
    const page = await get('/rye/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Rye at dawn</h1>');
    expect(await siteSchemas(database.url)).toEqual(['site_bakery']);
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    expect(site.store).toBeInstanceOf(PgContentStore);
    expect(site.database.prepare("SELECT name FROM sqlite_master WHERE name = 'posts'").get()).toBeUndefined();
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
