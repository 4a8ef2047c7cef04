/**
 * Issue 17, several hosts, one network: two hosts with sites folders of their own (as on two
 * machines) on one PostgreSQL database serve the same sites. A site created (by the CLI, from a
 * third folder), changed or removed anywhere is served, reloaded or dropped by both within a
 * second; a post published through one is on the other's pages within a second, cached or not;
 * a scheduled post is published once, by the host holding the leader lock, and by the other once
 * the leader stops. Runs when the tests have a PostgreSQL (GUILD_TEST_DATABASE_URL).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeSite, type Host } from '../../core/host/index.ts';
import { captureLog, eventually, REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;
/** Issue 17's bound for a change to reach every host. */
const WITHIN_A_SECOND = 1000;

onPostgres('several hosts on one database (skipped without GUILD_TEST_DATABASE_URL)', () => {
  let one: Sandbox;
  let two: Sandbox;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const get = (host: Host, url: string, name = 'bakery.localhost') => request(host.app).get(url).set('Host', name);
  const context = (host: Host) => ({ config: host.config, registry: host.registry, services: host.services, auth: host.auth });
  const withTheme = (box: Sandbox) => {
    box.write('themes/plain/package.json', { name: 'plain', version: '1.0.0' });
    box.write('themes/plain/default.hbs', '<html><body>{{{body}}}</body></html>');
    box.write('themes/plain/index.hbs', '{{!< default}}<h1>{{@site.title}}</h1>{{#foreach posts}}<h2>{{title}}</h2>{{/foreach}}');
    box.write('themes/plain/post.hbs', '{{!< default}}{{#post}}<h1>{{title}}</h1>{{content}}{{/post}}');
    return box;
  };
  const bakery = (box: Sandbox) => box.site('bakery', { theme: { id: 'plain' } }, { posts: [{ title: 'Rye at dawn', slug: 'rye', html: '<p>Dark and dense.</p>' }] });
  const publishThrough = async (host: Host, post: { title: string; status: 'published' | 'scheduled'; publishedAt?: string }) => {
    const { site, release } = await host.registry.acquire(host.registry.get('bakery')!);
    try {
      return await site.store.createPost(post);
    } finally {
      release();
    }
  };

  beforeEach(async () => {
    database = await freshDatabase();
    one = withTheme(sandbox());
    two = withTheme(sandbox());
  });

  afterEach(async () => {
    await one.remove();
    await two.remove();
    await database.drop();
  });

  it('serves a site the CLI created on every host, reloads it everywhere when it changes, and drops it everywhere when it is removed', async () => {
    const hostA = await one.host({ databaseUrl: database.url });
    const hostB = await two.host({ databaseUrl: database.url });
    expect((await get(hostB, '/', 'bakery.example')).status).toBe(404);
    // The CLI, as on a third machine: a sites folder of its own, the same database.
    const cliSites = mkdtempSync(path.join(os.tmpdir(), 'guild-cli-'));
    try {
      execFileSync(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), 'site', 'new', 'bakery', '--title', 'Harbour Bakery', '--built-by', 'tester', '--theme', 'plain', '--domain', 'bakery.example'], {
        env: { ...process.env, GUILD_SITES: path.join(cliSites, 'sites'), GUILD_THEMES: one.themesDir, GUILD_CACHE: path.join(cliSites, 'cache'), GUILD_DATABASE_URL: database.url },
        encoding: 'utf8',
      });
    } finally {
      rmSync(cliSites, { recursive: true, force: true });
    }
    for (const host of [hostA, hostB]) await eventually(async () => expect((await get(host, '/', 'bakery.example')).text).toContain('<h1>Harbour Bakery</h1>'), WITHIN_A_SECOND);

    await changeSite(context(hostA), 'bakery', { action: 'domain-add', domain: 'bread.example' });
    await eventually(async () => expect((await get(hostB, '/', 'bread.example')).status).toBe(200), WITHIN_A_SECOND);
    await changeSite(context(hostB), 'bakery', { action: 'disable', message: 'Back soon' });
    await eventually(async () => expect((await get(hostA, '/', 'bakery.example')).status).toBe(503), WITHIN_A_SECOND);
    await changeSite(context(hostA), 'bakery', { action: 'enable' });
    await eventually(async () => expect((await get(hostB, '/', 'bakery.example')).status).toBe(200), WITHIN_A_SECOND);

    await changeSite(context(hostA), 'bakery', { action: 'remove', archive: false });
    await eventually(async () => expect((await get(hostB, '/', 'bakery.example')).status).toBe(404), WITHIN_A_SECOND);
    expect(existsSync(path.join(two.sitesDir, 'bakery'))).toBe(false);
  });

  it('reloads a site on the other host when its site.json is edited by hand on one, and keeps serving the last valid version there when the edit breaks it', async () => {
    bakery(one);
    const hostA = await one.host({ databaseUrl: database.url });
    const hostB = await two.host({ databaseUrl: database.url });
    expect((await get(hostB, '/')).text).toContain('<h1>Site bakery</h1>');
    one.site('bakery', { theme: { id: 'plain' }, title: 'Edited by hand' });
    await eventually(async () => expect((await get(hostB, '/')).text).toContain('<h1>Edited by hand</h1>'), 2000);
    one.write('sites/bakery/site.json', '{ "guild": 1, "id": "bakery", ');
    await eventually(() => expect(hostA.registry.get('bakery')!.editProblems.length).toBeGreaterThan(0), 2000);
    expect((await get(hostB, '/')).text).toContain('<h1>Edited by hand</h1>');
  });

  it('shows a post published through one host on the other within a second, whether its page was cached, its site closed, or the database connection dropped', async () => {
    bakery(one);
    const hostA = await one.host({ databaseUrl: database.url });
    const hostB = await two.host({ databaseUrl: database.url });
    await get(hostB, '/').expect(200);
    const cached = await get(hostB, '/').expect(200);
    expect((await get(hostB, '/')).headers.etag).toBe(cached.headers.etag);

    await publishThrough(hostA, { title: 'Fresh loaves', status: 'published' });
    await eventually(async () => expect((await get(hostB, '/')).text).toContain('Fresh loaves'), WITHIN_A_SECOND);

    // Closed on B: a page cached before is not answered until B knows the site's version again.
    await get(hostB, '/').expect(200);
    await hostB.registry.closeIdle(-1);
    await publishThrough(hostA, { title: 'Seeded rolls', status: 'published' });
    expect((await get(hostB, '/')).text).toContain('Seeded rolls');

    // Every process's LISTEN connection is cut (a server restart, a network failure): they come back by themselves.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
    } finally {
      await admin.end();
    }
    await get(hostB, '/').expect(200);
    await publishThrough(hostA, { title: 'Spelt buns', status: 'published' });
    await eventually(async () => expect((await get(hostB, '/')).text).toContain('Spelt buns'), 3000);
  });

  it('publishes a scheduled post once, by the host that leads, although both know of it', async () => {
    bakery(one);
    const logA = captureLog();
    const logB = captureLog();
    const hostA = await one.host({ databaseUrl: database.url, log: logA.log });
    await eventually(() => expect(hostA.leading()).toBe(true), 3000);
    const hostB = await two.host({ databaseUrl: database.url, log: logB.log });
    const post = await publishThrough(hostA, { title: 'Hot cross buns', status: 'scheduled', publishedAt: new Date(Date.now() + 1500).toISOString() });
    // B opens the site after the post was scheduled: its schedule knows the post too.
    await get(hostB, '/').expect(200);
    expect(hostB.leading()).toBe(false);
    await eventually(async () => expect((await get(hostB, `/${post.slug}/`)).status).toBe(200), 6000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const published = [...logA.lines(), ...logB.lines()].filter((line) => String(line.msg).includes('as scheduled'));
    expect(published).toHaveLength(1);
  });

  it('hands the schedule to the other host when the leader stops, which publishes what is due', async () => {
    bakery(one);
    const logB = captureLog();
    const hostA = await one.host({ databaseUrl: database.url });
    await eventually(() => expect(hostA.leading()).toBe(true), 3000);
    const hostB = await two.host({ databaseUrl: database.url, log: logB.log });
    // Due far enough ahead that the leader is closed before it: on a loaded machine (CI's full run)
    // opening the site on B and closing A can take longer than the two seconds this once allowed,
    // and A then publishes it itself.
    const post = await publishThrough(hostA, { title: 'Hot cross buns', status: 'scheduled', publishedAt: new Date(Date.now() + 5000).toISOString() });
    await get(hostB, '/').expect(200);
    await hostA.close();
    await eventually(() => expect(hostB.leading()).toBe(true), 3000);
    await eventually(async () => expect((await get(hostB, `/${post.slug}/`)).status).toBe(200), 9000);
    expect(logB.lines().filter((line) => String(line.msg).includes('as scheduled'))).toHaveLength(1);
  });
});
