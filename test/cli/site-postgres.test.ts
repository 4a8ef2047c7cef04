/**
 * Issue 17, item 1: with GUILD_DATABASE_URL the site manifests live in PostgreSQL and `guild site …`
 * reads and writes them there. The CLI runs from folders of its own (as on an operator's laptop or
 * a third machine, no host running beside it) while two hosts serve the network: what it creates,
 * lists, changes, renames and removes is what every host serves, and what it refuses (a slug or a
 * domain another site has, by the same checks as on files) changes nothing anywhere.
 * Runs when the tests have a PostgreSQL (GUILD_TEST_DATABASE_URL).
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { guildWith } from '../support/cli.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { freshDatabase, TEST_DATABASE_URL } from '../support/stores.ts';

const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;
/** Issue 17's bound for a change to reach every host. */
const WITHIN_A_SECOND = 1000;

onPostgres('guild site on PostgreSQL (skipped without GUILD_TEST_DATABASE_URL)', { timeout: 120_000 }, () => {
  let boxes: Sandbox[];
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let hosts: Host[];
  /** The CLI in a folder of its own, on the network's database. */
  const cli = (box: Sandbox, ...args: string[]) => guildWith(box, { GUILD_DATABASE_URL: database.url }, ...args);
  const status = async (host: Host, name: string) => (await request(host.app).get('/').set('Host', name)).status;
  const onEveryHost = (name: string, expected: number) =>
    Promise.all(hosts.map((host) => eventually(async () => expect(await status(host, name)).toBe(expected), WITHIN_A_SECOND)));
  const listed = async (box: Sandbox) => JSON.parse((await cli(box, 'site', 'list', '--json')).stdout) as Array<{ slug: string; title: string; state: string; domains: string[] }>;

  beforeEach(async () => {
    database = await freshDatabase();
    boxes = [sandbox(), sandbox(), sandbox(), sandbox()];
    hosts = [await boxes[0]!.host({ databaseUrl: database.url }), await boxes[1]!.host({ databaseUrl: database.url })];
  });

  afterEach(async () => {
    for (const box of boxes) await box.remove();
    await database.drop();
  });

  it('creates, lists, changes, renames and removes sites from any folder, and every host follows', async () => {
    const [, , laptop, other] = boxes as [Sandbox, Sandbox, Sandbox, Sandbox];
    const created = await cli(laptop, 'site', 'new', 'bakery', '--title', 'Harbour Bakery', '--built-by', 'ada', '--domain', 'bakery.example');
    expect(created.code, created.stderr).toBe(0);
    await onEveryHost('bakery.example', 200);

    // Another folder, never told of the site, lists it from the database, served by the network's hosts.
    expect(await listed(other)).toEqual([expect.objectContaining({ slug: 'bakery', title: 'Harbour Bakery', state: 'serving', domains: ['bakery.example', 'bakery.localhost'] })]);
    expect((await cli(other, 'site', 'list')).stdout).toContain("the network's hosts on GUILD_DATABASE_URL serve these sites");
    expect((await cli(other, 'site', 'new', 'florist', '--title', 'Florist', '--built-by', 'ada', '--domain', 'florist.example')).code).toBe(0);
    await onEveryHost('florist.example', 200);

    await cli(other, 'site', 'domain', 'add', 'bakery', 'bread.example');
    await onEveryHost('bread.example', 200);
    await cli(laptop, 'site', 'disable', 'bakery', '--message', 'Back soon');
    await onEveryHost('bakery.example', 503);
    await cli(other, 'site', 'enable', 'bakery');
    await onEveryHost('bakery.example', 200);

    await cli(laptop, 'site', 'rename', 'bakery', 'bread-shop');
    await onEveryHost('bread-shop.localhost', 200);
    await onEveryHost('bakery.localhost', 404);
    await onEveryHost('bread.example', 200);
    expect((await listed(other)).map((site) => site.slug)).toEqual(['bread-shop', 'florist']);

    const removed = await cli(other, 'site', 'remove', 'bread-shop', '--no-archive', '--yes');
    expect(removed.code, removed.stderr).toBe(0);
    await onEveryHost('bread.example', 404);
    await onEveryHost('bread-shop.localhost', 404);
    expect((await listed(laptop)).map((site) => site.slug)).toEqual(['florist']);
  });

  it('refuses a slug or a domain another folder gave out, and changes nothing on any host', async () => {
    const [, , laptop, other] = boxes as [Sandbox, Sandbox, Sandbox, Sandbox];
    await cli(laptop, 'site', 'new', 'bakery', '--title', 'Harbour Bakery', '--built-by', 'ada', '--domain', 'bakery.example');
    await cli(laptop, 'site', 'new', 'florist', '--title', 'Florist', '--built-by', 'ada');

    const again = await cli(other, 'site', 'new', 'bakery', '--title', 'Another Bakery', '--built-by', 'bob');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('GUILD_ERR_SITE_EXISTS');
    const taken = await cli(other, 'site', 'domain', 'add', 'florist', 'bakery.example');
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('bakery.example');

    await onEveryHost('bakery.example', 200);
    for (const host of hosts) {
      expect((await request(host.app).get('/').set('Host', 'bakery.example')).text).toContain('Harbour Bakery');
      expect(host.registry.get('florist')?.manifest?.domains ?? []).toEqual([]);
    }
  });
});
