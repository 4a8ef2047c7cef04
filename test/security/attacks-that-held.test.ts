// Issue 12, "keep it closed": the attacks that held in the audit (sessions, CSRF, roles, output
// escaping, uploads, static paths, XML entities, tar slips, signatures), one test each, so a later
// change that opens one again fails here by name.
import { createReadStream, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSite } from '../../core/archive/index.ts';
import type { Host } from '../../core/host/index.ts';
import { checkLicence, generateKeyPair, signLicence } from '../../core/signing/index.ts';
import { importWordPress } from '../../core/wxr/index.ts';
import { SqliteContentStore } from '../../core/content/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { member, PASSWORD, team, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('attacks that held', () => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let author: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    box.site('beta');
    host = await box.host();
    ({ owner, author } = await team(host, 'alpha'));
    await member(host, 'beta', 'stranger@beta.test', 'owner');
  });
  afterAll(() => box.remove());

  it('sessions: a session of one site opens nothing on another, and none survives logout', async () => {
    const login = await request(host.app).post('/admin/api/session').set('Host', 'beta.admin.localhost').send({ email: 'stranger@beta.test', password: PASSWORD });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((line) => line.startsWith('guild_session='))!.split(';')[0]!;
    expect((await request(host.app).get('/admin/api/posts').set('Host', 'beta.admin.localhost').set('Cookie', cookie)).status).toBe(200);
    expect((await request(host.app).get('/admin/api/posts').set('Host', 'alpha.admin.localhost').set('Cookie', cookie)).status).toBe(401);
    expect((await request(host.app).delete('/admin/api/session').set('Host', 'beta.admin.localhost').set('Cookie', cookie).set('X-CSRF-Token', login.body.csrfToken)).status).toBe(204);
    expect((await request(host.app).get('/admin/api/posts').set('Host', 'beta.admin.localhost').set('Cookie', cookie)).status).toBe(401);
  });

  it('CSRF: a state-changing request without the token, or from another origin with it, is refused', async () => {
    expect((await owner.agent.post('/admin/api/posts').set('Host', 'alpha.admin.localhost').send({ title: 'x' })).status).toBe(403);
    expect((await owner.post('/admin/api/posts', { title: 'x' }).set('Origin', 'https://evil.example')).status).toBe(403);
  });

  it('roles: an author cannot manage people, settings or plugins', async () => {
    expect((await author.get('/admin/api/users')).status).toBe(403);
    expect((await author.put('/admin/api/settings', { title: 'Mine' })).status).toBe(403);
    expect((await author.put('/admin/api/navigation', { items: [] })).status).toBe(403);
  });

  it('output escaping: a title with markup is shown as text on the public page', async () => {
    const created = await owner.post('/admin/api/posts', { title: '<script>alert(1)</script><img src=x onerror=alert(2)>', html: '<p>Hi</p>', status: 'published' });
    expect(created.status).toBeLessThan(300);
    const page = await request(host.app).get(`/${created.body.slug}/`).set('Host', 'alpha.localhost');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toContain('<img src=x onerror');
    expect(page.text).toContain('&lt;script&gt;');
  });

  it('uploads: HTML or SVG named as an image is refused by its bytes', async () => {
    for (const [name, bytes] of [['x.png', '<html><script>alert(1)</script></html>'], ['x.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']] as const) {
      const response = await owner.agent.post('/admin/api/media').set('Host', 'alpha.admin.localhost').set('X-CSRF-Token', owner.csrf).attach('file', Buffer.from(bytes), { filename: name, contentType: 'image/png' });
      expect(response.status, name).toBe(415);
    }
  });

  it("static paths: no spelling of ../ reaches a site's files from its assets or media", async () => {
    for (const target of ['/assets/../site.json', '/assets/..%2f..%2fsite.json', '/assets/%2e%2e/%2e%2e/site.json', '/content/images/..%2f..%2fsite.json', '/content/images/%2e%2e%2f%2e%2e%2fdata%2fcontent.db', '/assets/..\\..\\site.json']) {
      const response = await request(host.app).get(target).set('Host', 'alpha.localhost');
      expect(response.text, target).not.toContain('"builtBy"');
      expect(response.text, target).not.toContain('SQLite format');
    }
  });

  it('XML entities: a WordPress export cannot read files or expand entities', async () => {
    const secret = path.join(box.root, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${secret}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>x</title><link>https://x.example</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&xxe;&b;</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded><wp:post_id>1</wp:post_id><wp:post_name>x</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>`;
    const store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'beta')));
    try {
      await importWordPress(store, { data: Buffer.from(xml), name: 'xxe.xml' }, { timezone: 'UTC' }).catch(() => undefined);
      const posts = await store.listPosts({ type: 'post', status: 'any', limit: 50, page: 1 });
      for (const post of posts.items) {
        expect(post.title).not.toContain('TOP-SECRET');
        expect(post.title).not.toContain('aaaaaaaaaaaaaaaaaaaa');
      }
    } finally {
      await store.close();
    }
  });

  it('tar slips: a site archive with ../ or absolute entries restores nothing', async () => {
    const work = path.join(box.root, 'slip', 'inner');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(box.root, 'slip', 'escape.txt'), 'outside');
    const file = path.join(box.root, 'slip.tar.gz');
    await create({ gzip: true, cwd: work, file, preservePaths: true }, ['../escape.txt']);
    const before = readdirSync(box.sitesDir).sort();
    await expect(restoreSite(createReadStream(file), { sitesDir: box.sitesDir, name: 'slip.tar.gz', as: 'slip', domainOwner: () => undefined })).rejects.toThrow(/reaches outside the archive/);
    expect(readdirSync(box.sitesDir).sort()).toEqual(before);
  });

  it('signatures: a licence changed after signing, or signed by another key, is refused', () => {
    const directory = generateKeyPair();
    const claims = { id: 'l1', package: 'acme.shop', buyer: 'ada', sites: ['a.example'], seats: 1, issued: '2026-01-01T00:00:00.000Z', expires: null };
    const expected = { package: 'acme.shop', domains: ['a.example'], trustedKeys: [directory.publicKey], now: new Date('2026-06-01T00:00:00Z') };
    const [prefix, , signature] = signLicence(claims, directory.privateKeyPem).split('.');
    const widened = Buffer.from(JSON.stringify({ ...claims, seats: 99 })).toString('base64url');
    expect(checkLicence(`${prefix}.${widened}.${signature}`, expected).ok).toBe(false);
    expect(checkLicence(signLicence(claims, generateKeyPair().privateKeyPem), expected).ok).toBe(false);
    expect(checkLicence(signLicence(claims, directory.privateKeyPem), expected).ok).toBe(true);
  });
});
