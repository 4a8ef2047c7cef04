/** Issue 14 item 7: a password-protected post asks for its password, remembers it, and leaks nowhere. */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn, team } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

let box: Sandbox;
let host: Host;
const SECRET = 'The treasure is under the old oak';

beforeEach(async () => {
  box = sandbox();
  box.site('journal', { theme: { id: 'journal' } });
  box.site('plain', { theme: { id: 'atelier' } });
  host = await box.host({ trustProxy: ['loopback'] });
});

afterEach(() => box.remove());

const get = (path: string, cookie?: string, site = 'journal') => {
  const call = request(host.app).get(path).set('Host', `${site}.localhost`);
  return cookie ? call.set('Cookie', cookie) : call;
};
const answer = (password: string, ip = '10.0.0.1') =>
  request(host.app).post('/hidden-treasure/').set('Host', 'journal.localhost').set('X-Forwarded-For', ip).type('form').send({ password });

async function protectedPost(): Promise<number> {
  const { owner } = await team(host, 'journal');
  const created = await owner.post('/admin/api/posts', { title: 'Hidden treasure', html: `<p>${SECRET}</p>`, status: 'published', password: 'oak' }).expect(201);
  expect(created.body.password).toBe('oak');
  return created.body.id as number;
}

describe('a password-protected post', () => {
  it('shows the theme’s password form, not its text, and opens for the right password', async () => {
    await protectedPost();
    const locked = await get('/hidden-treasure/').expect(200);
    expect(locked.text).toContain('This post is password protected');
    expect(locked.text).toContain('type="password" name="password"');
    expect(locked.text).not.toContain(SECRET);

    const wrong = await answer('maple').expect(401);
    expect(wrong.text).toContain('That password is not right.');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await answer('oak').expect(303);
    expect(right.headers.location).toBe('/hidden-treasure/');
    const cookie = [right.headers['set-cookie']].flat().map(String).find((line) => line.startsWith('guild-post-'))!;
    expect(cookie).toMatch(/^guild-post-\d+=[\w-]+; Path=\/; Max-Age=864000; HttpOnly; SameSite=Lax$/);
    const open = await get('/hidden-treasure/', cookie.split(';')[0]).expect(200);
    expect(open.text).toContain(SECRET);
    expect(open.headers['cache-control']).toBe('private, no-store');
    // The page cache still holds the form for everyone else.
    expect((await get('/hidden-treasure/').expect(200)).text).not.toContain(SECRET);
  });

  it('never shows its text in listings, the feed, the sitemap or search', async () => {
    await protectedPost();
    expect((await get('/search/?q=treasure')).text).toContain('Hidden treasure');
    for (const path of ['/', '/rss/', '/sitemap.xml', '/author/owner/', '/search/?q=oak', '/search/?q=treasure']) {
      const page = await get(path);
      expect(page.text, path).not.toContain('treasure is under');
    }
    expect((await get('/rss/')).text).toContain('Hidden treasure');
  });

  it('asks through atelier’s private.hbs too', async () => {
    const { owner } = await team(host, 'plain');
    await owner.post('/admin/api/posts', { title: 'Hidden treasure', html: `<p>${SECRET}</p>`, status: 'published', password: 'oak' }).expect(201);
    const locked = await get('/hidden-treasure/', undefined, 'plain').expect(200);
    expect(locked.text).toContain('password protected');
    expect(locked.text).not.toContain(SECRET);
  });

  it('stops guessing after ten wrong passwords from one address', async () => {
    await protectedPost();
    for (let i = 0; i < 10; i++) await answer(`guess-${i}`).expect(401);
    const held = await answer('oak').expect(429);
    expect(held.text).toContain('Too many wrong passwords');
    await answer('oak', '10.0.0.2').expect(303);
  });

  it('asks again after the owner changes the password, and opens to all once it is removed', async () => {
    const id = await protectedPost();
    const cookie = String([(await answer('oak').expect(303)).headers['set-cookie']].flat().find((line) => String(line).startsWith('guild-post-'))).split(';')[0]!;
    const client = await logIn(host, 'journal.localhost', 'owner@journal.test');
    expect((await client.put(`/admin/api/posts/${id}`, { password: 'elm' }).expect(200)).body.password).toBe('elm');
    expect((await get('/hidden-treasure/', cookie).expect(200)).text).not.toContain(SECRET);
    expect((await client.put(`/admin/api/posts/${id}`, { password: null }).expect(200)).body.password).toBeNull();
    expect((await get('/hidden-treasure/').expect(200)).text).toContain(SECRET);
    expect((await get('/rss/')).text).toContain(SECRET);
  });
});
