// Issue 11 item 5, over HTTP: the admin answers only on its own origin (<slug>.admin.localhost),
// a public name hands out no session, no API and no CORS, and what the admin's origin serves from
// untrusted sources (the preview, uploaded files) runs sandboxed.
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { logIn, member, PASSWORD, type Client } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('the admin on an origin of its own', () => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha' });
    box.site('beta', { title: 'Beta' });
    host = await box.host();
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    owner = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
  });
  afterAll(() => box.remove());

  const on = (hostname: string) => request(host.app).get('/').set('Host', hostname);

  it("serves a site's Admin API at <slug>.admin.localhost with the routes, bodies and statuses of before", async () => {
    expect(owner.host).toBe('alpha.admin.localhost');
    const session = await owner.get('/admin/api/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { email: 'owner@alpha.test', role: 'owner' }, site: { id: 'alpha', url: 'http://alpha.localhost' } });
    expect((await request(host.app).get('/admin/api/session').set('Host', 'alpha.admin.localhost')).status).toBe(401);
    expect((await request(host.app).get('/admin/').set('Host', 'alpha.admin.localhost')).text).toContain('/admin/assets/admin.js');
  });

  it('answers the Admin API on a public name with 404 and where the admin is, and never logs anyone in there', async () => {
    for (const [method, path] of [['get', '/admin/api/session'], ['post', '/admin/api/session'], ['get', '/admin/api/posts'], ['post', '/admin/api/invitations']] as const) {
      const response = await request(host.app)[method](path).set('Host', 'alpha.localhost').set('Origin', 'http://alpha.localhost').send({ email: 'owner@alpha.test', password: PASSWORD });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('GUILD_ERR_ADMIN_ELSEWHERE');
      expect(response.body.error.message).toContain('http://alpha.admin.localhost/admin/');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it("redirects a public name's /admin pages (old bookmarks, old mail) to the admin's origin", async () => {
    for (const path of ['/admin', '/admin/', '/admin/posts/3?tab=seo', '/admin/invite/abc']) {
      const response = await request(host.app).get(path).set('Host', 'alpha.localhost');
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`http://alpha.admin.localhost${path}`);
    }
  });

  it("sets a host-only, SameSite=Strict session cookie on the admin's origin, and sends no CORS headers to a public origin", async () => {
    const login = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.localhost').send({ email: 'owner@alpha.test', password: PASSWORD });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/i);
    const fromPublic = await owner.get('/admin/api/session').set('Origin', 'http://alpha.localhost');
    expect(fromPublic.headers['access-control-allow-origin']).toBeUndefined();
    expect(fromPublic.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await request(host.app).options('/admin/api/invitations').set('Host', 'alpha.admin.localhost').set('Origin', 'http://alpha.localhost').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a state-changing request from a public origin or a sandboxed page, even with the token', async () => {
    for (const origin of ['http://alpha.localhost', 'null']) {
      const response = await owner.agent.post('/admin/api/invitations').set('Host', owner.host).set('X-CSRF-Token', owner.csrf).set('Origin', origin).send({ email: 'mallory@evil.test', role: 'owner' });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('GUILD_ERR_CSRF');
    }
    expect((await owner.get('/admin/api/users')).body.invitations).toEqual([]);
  });

  it("does not serve a site's public pages on its admin origin, nor another site's admin", async () => {
    expect((await request(host.app).get('/rss/').set('Host', 'alpha.admin.localhost')).status).toBe(404);
    expect((await on('alpha.admin.localhost')).status).toBe(302);
    expect((await on('nosuch.admin.localhost')).status).toBe(404);
    // A session of alpha is nothing on beta's admin.
    expect((await owner.agent.get('/admin/api/session').set('Host', 'beta.admin.localhost')).status).toBe(401);
  });

  it('runs the preview and uploaded files in a sandbox of their own origin (CSP sandbox)', async () => {
    const draft = await owner.post('/admin/api/posts', { title: 'Draft', html: '<p>x</p>', status: 'draft' });
    const preview = await owner.get(draft.body.previewUrl);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-security-policy']).toMatch(/^sandbox /);
    expect(preview.headers['content-security-policy']).not.toContain('allow-same-origin');
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#c8793a' } }).png().toBuffer();
    const uploaded = await owner.agent.post('/admin/api/media').set('Host', owner.host).set('X-CSRF-Token', owner.csrf).attach('file', png, { filename: 'dot.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    const path = new URL(uploaded.body.url, 'http://x').pathname;
    for (const hostname of ['alpha.localhost', 'alpha.admin.localhost']) {
      const file = await request(host.app).get(path).set('Host', hostname);
      expect(file.status).toBe(200);
      expect(file.headers['content-security-policy']).toMatch(/^sandbox/);
    }
  });

  it('answers the network admin at admin.localhost, listing each site\'s admin', async () => {
    const page = await on('admin.localhost');
    expect(page.status).toBe(200);
    expect(page.text).toContain('http://alpha.admin.localhost/admin/');
    expect(page.text).toContain('http://beta.admin.localhost/admin/');
    const api = await request(host.app).get('/admin/api/session').set('Host', 'admin.localhost');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('GUILD_ERR_NOT_FOUND');
  });
});
