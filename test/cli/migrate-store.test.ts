/**
 * Issue 17: `guild migrate-store` moves a network from SQLite into PostgreSQL: every site's
 * tables checked (rows and digest), the same pages served afterwards from PostgreSQL, the host's
 * people (accounts, memberships, sessions) carried into guild_host so they log in as before, and
 * a failure (a schema or guild_host holding other data, a host still serving, no database named)
 * loses nothing: every site still reads from SQLite, and running it again carries on. Runs when
 * the tests have a PostgreSQL.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, PgContentStore, PgDatabase, siteSchema } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { SharedManifests } from '../../core/host/shared-manifests.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { logIn, member, PASSWORD } from '../support/admin.ts';
import { guildWith } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, siteSchemas, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;
const PAGES = ['/', '/rye/', '/about/', '/tag/bread/'];

onPostgres('guild migrate-store (skipped without GUILD_TEST_DATABASE_URL)', () => {
  let box: Sandbox;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let before: Record<string, string>;
  /** The cookie of a session opened on alpha's admin while the network ran on SQLite. */
  let sqliteSession: string;
  const get = (host: Host, slug: string, url: string) => request(host.app).get(url).set('Host', `${slug}.localhost`);
  const migrate = (...args: string[]) => guildWith(box, { GUILD_DATABASE_URL: database.url }, 'migrate-store', ...args);
  /** How many posts the site's SQLite file holds; undefined when it has none (or no file at all). */
  const inSqlite = (slug: string) => {
    const file = contentDatabaseFile(path.join(box.sitesDir, slug));
    if (!existsSync(file)) return undefined;
    const db = openDatabase(file);
    try {
      return (db.prepare("SELECT name FROM sqlite_master WHERE name = 'posts'").get() ? (db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n : undefined);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    database = await freshDatabase();
    box = sandbox();
    for (const slug of ['alpha', 'beta']) {
      box.site(slug, {}, {
        posts: [{ title: `Rye at ${slug}`, slug: 'rye', html: '<p>Dark and dense.</p>', tags: ['Bread'] }],
        pages: [{ title: 'About', slug: 'about', html: `<p>About ${slug}.</p>` }],
      });
    }
    box.site('gamma');
    // A network on SQLite that has served alpha and beta (gamma was never opened), then stopped.
    const host = await box.host({ watch: false });
    before = {};
    for (const slug of ['alpha', 'beta']) for (const url of PAGES) before[`${slug}${url}`] = (await get(host, slug, url).expect(200)).text;
    // Its people: an owner of alpha who edits beta, an author of beta, and a session of the owner's.
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    await member(host, 'beta', 'owner@alpha.test', 'editor');
    await member(host, 'beta', 'writer@beta.test', 'author', 'another long passphrase');
    const login = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost').send({ email: 'owner@alpha.test', password: PASSWORD }).expect(200);
    sqliteSession = ([login.headers['set-cookie']].flat() as string[]).find((cookie) => cookie.startsWith('guild_session='))!.split(';')[0]!;
    await host.close();
  });

  afterEach(async () => {
    await box.remove();
    await database.drop();
  });

  it('moves every site, prints each table checked, and the network serves the same pages from PostgreSQL', async () => {
    const result = await migrate();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[1\/3\] alpha: moved/);
    expect(result.stdout).toMatch(/posts\s+2\s+[0-9a-f]{16}\s+same/);
    expect(result.stdout).toMatch(/\[3\/3\] gamma: no content in SQLite/);
    expect(result.stdout).toContain('2 of 3 sites moved to PostgreSQL and checked');
    expect(await siteSchemas(database.url)).toEqual(['site_alpha', 'site_beta']);
    expect(inSqlite('alpha')).toBeUndefined();
    // The manifests need no step of their own: a folder made before PostgreSQL joins the network's
    // (guild_host.site_manifests) as soon as anything opens the sites folder with the database.
    const pg = new PgDatabase(database.url);
    const manifests = await pg.withConnection('guild_host', (runner) => runner.query<{ slug: string }>('SELECT slug FROM site_manifests ORDER BY slug'));
    await pg.close();
    expect(manifests.map((row) => row.slug)).toEqual(['alpha', 'beta', 'gamma']);

    const host = await box.host({ databaseUrl: database.url, watch: false });
    for (const slug of ['alpha', 'beta']) for (const url of PAGES) expect((await get(host, slug, url)).text, `${slug}${url}`).toBe(before[`${slug}${url}`]);
    expect((await get(host, 'gamma', '/')).status).toBe(200);
  });

  it("carries the host's people into guild_host: the same passwords, roles and sessions; a rerun changes nothing, and people added there since stop it unless --replace", async () => {
    const result = await migrate();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/host data \(host\.db\): moved/);
    expect(result.stdout).toMatch(/accounts\s+2\s+[0-9a-f]{16}\s+same/);
    expect(result.stdout).toMatch(/memberships\s+3\s+[0-9a-f]{16}\s+same/);
    expect(result.stdout).toMatch(/sessions\s+1\s+[0-9a-f]{16}\s+same/);
    expect(result.stdout).toContain('is kept as it was, but no longer read once GUILD_DATABASE_URL is set');
    expect(existsSync(path.join(box.root, '.guild', 'data', 'host.db'))).toBe(true);
    const again = await migrate();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/host data \(host\.db\): already in PostgreSQL/);

    const host = await box.host({ databaseUrl: database.url, watch: false });
    const owner = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    expect((await owner.get('/admin/api/session')).body.user).toMatchObject({ email: 'owner@alpha.test', role: 'owner' });
    await logIn(host, 'beta.localhost', 'writer@beta.test', 'another long passphrase');
    const roles = async (on: Host, site: string) => (await on.auth.accounts.members(site)).map((m) => [m.email, m.role]).sort();
    expect(await roles(host, 'alpha')).toEqual([['owner@alpha.test', 'owner']]);
    expect(await roles(host, 'beta')).toEqual([['owner@alpha.test', 'editor'], ['writer@beta.test', 'author']]);
    // Opened on SQLite, still open: nobody is logged out by the move.
    const kept = await request(host.app).get('/admin/api/session').set('Host', 'alpha.admin.localhost').set('Cookie', sqliteSession);
    expect(kept.status).toBe(200);
    // A new account takes the id after the copied ones (PostgreSQL's sequence was moved past them).
    expect(await member(host, 'gamma', 'new@gamma.test', 'owner')).toBe(3);
    await host.close();

    const refused = await migrate();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("guild_host already holds other accounts or site memberships than");
    expect(refused.stderr).toContain('--replace');
    const replaced = await migrate('--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/host data \(host\.db\): moved/);
    const after = await box.host({ databaseUrl: database.url, watch: false });
    expect(await roles(after, 'gamma')).toEqual([]);
    await logIn(after, 'alpha.localhost', 'owner@alpha.test');
  });

  it('stops at a schema holding other content, keeping every SQLite file whole, and --replace finishes the move', async () => {
    const other = new PgDatabase(database.url);
    const store = await PgContentStore.open(other, siteSchema('beta'));
    await store.createPost({ title: 'Written there first', status: 'published' });
    await store.close();
    await other.close();

    const failed = await migrate();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/\[1\/3\] alpha: moved/);
    expect(failed.stderr).toContain('"beta" already has different content in PostgreSQL (schema site_beta)');
    expect(failed.stderr).toContain('--replace');
    expect(inSqlite('alpha')).toBe(2);
    expect(inSqlite('beta')).toBe(2);

    const again = await migrate('--replace');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\[1\/3\] alpha: already in PostgreSQL/);
    expect(again.stdout).toMatch(/\[2\/3\] beta: moved/);
    expect(inSqlite('beta')).toBeUndefined();
    const host = await box.host({ databaseUrl: database.url, watch: false });
    expect((await get(host, 'beta', '/')).text).toBe(before['beta/']);
  });

  it("stops at a site the network already holds with another manifest, leaving this folder's site.json as it is, and --replace makes it the network's", async () => {
    // A host on this database from another sites folder saved its own "beta".
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'guild-elsewhere-'));
    mkdirSync(path.join(elsewhere, 'beta'));
    writeFileSync(path.join(elsewhere, 'beta', 'site.json'), JSON.stringify({ guild: 1, id: 'beta', title: 'Beta elsewhere', theme: { id: 'journal' }, builtBy: 'someone' }));
    const pg = new PgDatabase(database.url);
    await new SharedManifests(pg, elsewhere).pullAll();
    const stored = () => pg.withConnection('guild_host', (runner) => runner.query<{ manifest: string }>("SELECT manifest FROM site_manifests WHERE slug = 'beta'"));
    const local = path.join(box.sitesDir, 'beta', 'site.json');
    const ours = readFileSync(local, 'utf8');
    try {
      const failed = await migrate();
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('GUILD_ERR_MIGRATE_STORE_MANIFEST_CONFLICT');
      expect(failed.stderr).toContain('beta');
      expect(readFileSync(local, 'utf8')).toBe(ours);
      expect(inSqlite('beta')).toBe(2);

      const replaced = await migrate('--replace');
      expect(replaced.code).toBe(0);
      expect(readFileSync(local, 'utf8')).toBe(ours);
      expect((await stored())[0]!.manifest).toBe(ours);
    } finally {
      await pg.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses while a host serves the sites, and without a database to move to, changing nothing', async () => {
    const host = await box.host({ watch: false });
    await host.listen();
    const busy = await migrate();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`A Guild host (pid ${process.pid}) is serving these sites`);
    await host.close();

    const nowhere = await guildWith(box, { GUILD_DATABASE_URL: '' }, 'migrate-store');
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('GUILD_DATABASE_URL, which is unset');
    expect(await siteSchemas(database.url)).toEqual([]);
    expect(inSqlite('alpha')).toBe(2);
  });
});
