// Issue 14 item 2: child pages live at their nested paths (/level-1/level-2/), as WordPress serves
// them; the flat path answers with a 301 to the nested one, and links, the sitemap, the password
// form and the comment form all use it.
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('child pages at nested paths', () => {
  let box: Sandbox;
  let host: Host;
  const get = (pathname: string) => request(host.app).get(pathname).set('Host', 'nest.localhost');
  const post = (pathname: string, form: Record<string, string>) => request(host.app).post(pathname).set('Host', 'nest.localhost').type('form').send(form);

  beforeAll(async () => {
    box = sandbox();
    box.site('nest', { title: 'Nest', theme: { id: 'journal' } });
    const store = new SqliteContentStore(contentDatabaseFile(path.join(box.sitesDir, 'nest')));
    const published = { status: 'published' as const, publishedAt: '2024-01-01T00:00:00.000Z' };
    const one = await store.createPost({ type: 'page', title: 'Level 1', slug: 'level-1', html: '<p>One</p>', ...published });
    const two = await store.createPost({ type: 'page', title: 'Level 2', slug: 'level-2', html: '<p>Two</p>', parentId: one.id, ...published });
    await store.createPost({ type: 'page', title: 'Level 3', slug: 'level-3', html: '<p>Three</p>', parentId: two.id, ...published });
    await store.createPost({ type: 'page', title: 'Vault', slug: 'vault', html: '<p>Gold bars</p>', parentId: one.id, password: 'oak', ...published });
    await store.createPost({ type: 'post', title: 'Hello', slug: 'hello', html: '<p>Hi</p>', ...published });
    await store.close();
    host = await box.host();
  });
  afterAll(() => box.remove());

  it('serves a child page at its parents’ path, with that path as its canonical address', async () => {
    const page = await get('/level-1/level-2/level-3/').expect(200);
    expect(page.text).toContain('Three');
    expect(page.text).toContain('<link rel="canonical" href="http://nest.localhost/level-1/level-2/level-3/"');
    expect((await get('/level-1/level-2/').expect(200)).text).toContain('Two');
    expect((await get('/level-1/').expect(200)).text).toContain('One');
  });

  it('sends the flat path, and a wrong parent, to the nested path with a 301', async () => {
    expect((await get('/level-3/').expect(301)).headers.location).toBe('/level-1/level-2/level-3/');
    expect((await get('/level-2/level-3/').expect(301)).headers.location).toBe('/level-1/level-2/level-3/');
    expect((await get('/level-1/level-2').expect(301)).headers.location).toBe('/level-1/level-2/');
  });

  it('keeps posts at /<slug>/ only', async () => {
    expect((await get('/hello/').expect(200)).text).toContain('Hi');
    await get('/level-1/hello/').expect(404);
  });

  it('lists the nested path in the sitemap and the search results', async () => {
    const map = (await get('/sitemap.xml').expect(200)).text;
    expect(map).toContain('<loc>http://nest.localhost/level-1/level-2/level-3/</loc>');
    expect(map).not.toContain('<loc>http://nest.localhost/level-3/</loc>');
    const found = await get('/search.json?q=Three').expect(200);
    expect(found.body.results.map((result: { url: string }) => result.url)).toContain('/level-1/level-2/level-3/');
  });

  it('takes a protected child page’s password at its nested path and sends the visitor back there', async () => {
    const locked = await get('/level-1/vault/').expect(200);
    expect(locked.text).not.toContain('Gold bars');
    await post('/level-1/vault/', { password: 'maple' }).expect(401);
    const right = await post('/level-1/vault/', { password: 'oak' }).expect(303);
    expect(right.headers.location).toBe('/level-1/vault/');
    const cookie = [right.headers['set-cookie']].flat().map(String).find((line) => line.startsWith('guild-post-'))!.split(';')[0]!;
    expect((await get('/level-1/vault/').set('Cookie', cookie).expect(200)).text).toContain('Gold bars');
  });

  it('takes a comment on a child page at its nested path', async () => {
    const answer = await post('/level-1/level-2/comments/', { name: 'Ada', text: 'Nice page' }).expect(202);
    expect(answer.text).toContain('href="/level-1/level-2/"');
  });
});
