/** Issue 14 item 6: comments under posts, threaded, and a visitor's form with spam protection. */
import { cpSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentStore } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;

beforeEach(async () => {
  box = sandbox();
  box.site('journal', { theme: { id: 'journal' } });
  box.site('atelier', { theme: { id: 'atelier' } });
  cpSync(path.join(REPO, 'test', 'fixtures', 'themes', 'ghost-conventions'), path.join(box.themesDir, 'ghost-conventions'), { recursive: true });
  box.site('ghosty', { theme: { id: 'ghost-conventions' } });
  host = await box.host({ trustProxy: ['loopback'] });
});

afterEach(() => box.remove());

async function storeOf(slug: string): Promise<ContentStore> {
  const { site, release } = await host.registry.acquire(host.registry.get(slug)!);
  release();
  return site.store;
}

async function postWithThread(slug: string) {
  const store = await storeOf(slug);
  const post = await store.createPost({ title: 'Rye week', html: '<p>Bread.</p>', status: 'published' });
  const first = await store.saveComment({ postId: post.id, authorName: 'Ada', html: '<p>Lovely crumb.</p>', status: 'approved', createdAt: '2024-03-05T10:00:00.000Z' });
  await store.saveComment({ postId: post.id, parentId: first.id, authorName: 'Ben', html: '<p>Agreed!</p><script>alert(1)</script>', status: 'approved', createdAt: '2024-03-06T10:00:00.000Z' });
  await store.saveComment({ postId: post.id, authorName: 'Spammer', html: '<p>Buy now</p>', status: 'spam' });
  return { store, post };
}

const send = (fields: Record<string, string>, ip = '10.0.0.1', site = 'journal') =>
  request(host.app).post('/rye-week/comments/').set('Host', `${site}.localhost`).set('X-Forwarded-For', ip).type('form').send(fields);

describe('comments under a post', () => {
  for (const theme of ['journal', 'atelier']) {
    it(`shows approved comments threaded, with name and date, in ${theme}`, async () => {
      await postWithThread(theme);
      const page = await request(host.app).get('/rye-week/').set('Host', `${theme}.localhost`).expect(200);
      expect(page.text).toMatch(/<ol class="comment-list"><li class="comment" id="comment-1">.*Ada.*5 March 2024.*Lovely crumb\..*<ol class="children"><li class="comment" id="comment-2">.*Ben.*Agreed!/s);
      expect(page.text).not.toContain('Buy now');
      expect(page.text).not.toContain('alert(1)');
      expect(page.text).toContain('2 comments');
      expect(page.text).toContain('<form class="comment-form"');
    });
  }

  it("dates a comment in its site's time zone, each site in its own", async () => {
    box.site('auckland', { theme: { id: 'journal' }, timezone: 'Pacific/Auckland' });
    box.site('honolulu', { theme: { id: 'journal' }, timezone: 'Pacific/Honolulu' });
    await host.registry.scan();
    // 12:30 UTC on 5 March is already 6 March in Auckland and still 5 March in Honolulu.
    for (const slug of ['auckland', 'honolulu']) {
      const store = await storeOf(slug);
      const post = await store.createPost({ title: 'Rye week', html: '<p>Bread.</p>', status: 'published' });
      await store.saveComment({ postId: post.id, authorName: 'Ada', html: '<p>Hi.</p>', status: 'approved', createdAt: '2024-03-05T12:30:00.000Z' });
    }
    const dated = async (slug: string) => {
      const page = await request(host.app).get('/rye-week/').set('Host', `${slug}.localhost`).expect(200);
      return /<time class="comment-date"[^>]*>([^<]*)<\/time>/.exec(page.text)?.[1];
    };
    expect(await dated('auckland')).toBe('6 March 2024');
    expect(await dated('honolulu')).toBe('5 March 2024');
  });

  it('shows them where a Ghost theme asks with {{#if comments}}{{comments}}{{/if}}', async () => {
    await postWithThread('ghosty');
    const page = await request(host.app).get('/rye-week/').set('Host', 'ghosty.localhost').expect(200);
    expect(page.text).toContain('Lovely crumb.');
    expect(page.text).toContain('<form class="comment-form"');
  });

  it('holds a first-time commenter for approval, then lets them comment at once', async () => {
    const { store, post } = await postWithThread('journal');
    const held = await send({ name: 'Cleo', email: 'cleo@example.com', text: 'My first comment' }).expect(202);
    expect(held.text).toContain('waiting for approval');
    const [pending] = await store.listComments(post.id, 'pending');
    expect(pending).toMatchObject({ authorName: 'Cleo', authorEmail: 'cleo@example.com', html: '<p>My first comment</p>' });
    await store.saveComment({ ...pending!, status: 'approved' });
    const again = await send({ name: 'Cleo', email: 'cleo@example.com', text: 'Back again\n\n<b>bold?</b>' }).expect(303);
    expect(again.headers.location).toMatch(/^\/rye-week\/#comment-\d+$/);
    const page = await request(host.app).get('/rye-week/').set('Host', 'journal.localhost');
    expect(page.text).toContain('<p>Back again</p><p>&lt;b&gt;bold?&lt;/b&gt;</p>');
  });

  it('holds comments with links, drops honeypot ones, and refuses bad input with a reason', async () => {
    const { store, post } = await postWithThread('journal');
    await send({ name: 'Ada', text: 'See https://spam.example' }).expect(202);
    expect((await store.listComments(post.id, 'pending')).map((c) => c.authorName)).toEqual(['Ada']);
    await send({ name: 'Bot', text: 'hello', website: 'https://bot.example' }).expect(202);
    expect((await store.listComments(post.id)).some((c) => c.authorName === 'Bot')).toBe(false);
    const bad = await send({ name: '', email: 'nope', text: '' }, '10.0.0.2').expect(400);
    expect(bad.text).toContain('Your name is needed');
    expect(bad.text).toContain('email address does not look right');
  });

  it('limits comments per address', async () => {
    await postWithThread('journal');
    for (let i = 0; i < 5; i++) await send({ name: `N${i}`, text: `hello ${i}` });
    expect((await send({ name: 'N6', text: 'one more' }).expect(429)).text).toContain('Too many comments');
    await send({ name: 'Other', text: 'from elsewhere' }, '10.0.0.9').expect(202);
  });

  it('shows neither comments nor form, and takes none, when the site turns comments off', async () => {
    const { store } = await postWithThread('journal');
    await store.setSetting('comments.enabled', false);
    const page = await request(host.app).get('/rye-week/').set('Host', 'journal.localhost').expect(200);
    expect(page.text).not.toContain('Lovely crumb');
    expect(page.text).not.toContain('comment-form');
    await send({ name: 'Ada', text: 'hi' }).expect(404);
  });
});
