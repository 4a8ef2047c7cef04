// Logging in to a site's admin: the API contract, rate limits, CSRF, and sessions bound to one site.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { adminHostOf, logIn, mailbox, member, PASSWORD } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('admin sessions', () => {
  let box: Sandbox;
  let host: Host;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    box.site('beta');
    host = await box.host({ mail, loginLimits: { perIp: 12, perAccount: 4 }, trustProxy: ['loopback'] });
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    await member(host, 'beta', 'owner@alpha.test', 'owner');
    await member(host, 'alpha', 'limited@alpha.test', 'editor');
    await member(host, 'alpha', 'reset@alpha.test', 'author');
  });
  afterAll(() => box.remove());

  // The API of the site at `hostname`, on its admin origin.
  const api = (hostname: string) => ({
    post: (path: string) => request(host.app).post(path).set('Host', adminHostOf(host, hostname)),
    get: (path: string) => request(host.app).get(path).set('Host', adminHostOf(host, hostname)),
  });

  it('logs in with {email, password}: 2xx, an HttpOnly SameSite cookie and a csrfToken', async () => {
    const response = await api('alpha.localhost').post('/admin/api/session').send({ email: 'Owner@Alpha.test', password: PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(response.body.user).toMatchObject({ email: 'owner@alpha.test', role: 'owner' });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/guild_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers a wrong password and an unknown email alike: 401, no hint which part was wrong', async () => {
    const wrongPassword = await api('alpha.localhost').post('/admin/api/session').send({ email: 'owner@alpha.test', password: 'not the password' });
    const unknownEmail = await api('alpha.localhost').post('/admin/api/session').send({ email: 'nobody@alpha.test', password: PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an account on a site it is not a member of', async () => {
    const response = await api('beta.localhost').post('/admin/api/session').send({ email: 'reset@alpha.test', password: PASSWORD });
    expect(response.status).toBe(401);
  });

  it('refuses a session of one site on every other site', async () => {
    const alpha = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    expect((await alpha.get('/admin/api/session')).status).toBe(200);
    // The same account owns beta, but this cookie was opened on alpha.
    const onBeta = await alpha.agent.get('/admin/api/posts').set('Host', 'beta.admin.localhost');
    expect(onBeta.status).toBe(401);
    const writeOnBeta = await alpha.agent.post('/admin/api/posts').set('Host', 'beta.admin.localhost').set('X-CSRF-Token', alpha.csrf).send({ title: 'x', html: '<p>x</p>', status: 'draft' });
    expect(writeOnBeta.status).toBe(401);
  });

  it('needs the X-CSRF-Token header for every state-changing request (403 without)', async () => {
    const client = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    const without = await client.agent.post('/admin/api/posts').set('Host', 'alpha.admin.localhost').send({ title: 'No token', html: '<p>x</p>', status: 'draft' });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('GUILD_ERR_CSRF');
    const wrong = await client.agent.put('/admin/api/navigation').set('Host', 'alpha.admin.localhost').set('X-CSRF-Token', 'guess').send({ items: [] });
    expect(wrong.status).toBe(403);
    const logout = await client.agent.delete('/admin/api/session').set('Host', 'alpha.admin.localhost');
    expect(logout.status).toBe(403);
    const withToken = await client.post('/admin/api/posts', { title: 'With token', html: '<p>x</p>', status: 'draft' });
    expect(withToken.status).toBe(201);
  });

  it('refuses a state-changing request from another origin even with the token', async () => {
    const client = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    const response = await client.post('/admin/api/posts', { title: 'x', html: '', status: 'draft' }).set('Origin', 'http://evil.example');
    expect(response.status).toBe(403);
  });

  it('answers 401 without a session, and ends a session on logout', async () => {
    expect((await api('alpha.localhost').get('/admin/api/posts')).status).toBe(401);
    const client = await logIn(host, 'alpha.localhost', 'owner@alpha.test');
    expect((await client.delete('/admin/api/session')).status).toBe(204);
    expect((await client.get('/admin/api/posts')).status).toBe(401);
  });

  // This host trusts a loopback proxy (GUILD_TRUST_PROXY=loopback), which lets a test speak from several addresses.
  it('rate-limits failed logins per account, from whichever address they come', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await api('alpha.localhost').post('/admin/api/session').set('X-Forwarded-For', `203.0.113.${attempt + 1}`).send({ email: 'limited@alpha.test', password: `wrong ${attempt}` });
      expect(response.status).toBe(401);
    }
    const limited = await api('alpha.localhost').post('/admin/api/session').set('X-Forwarded-For', '203.0.113.50').send({ email: 'limited@alpha.test', password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('GUILD_ERR_LOGIN_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address still gets in.
    expect((await api('alpha.localhost').post('/admin/api/session').send({ email: 'owner@alpha.test', password: PASSWORD })).status).toBe(200);
  });

  it('rate-limits failed logins per IP address across accounts', async () => {
    let status = 0;
    for (let attempt = 0; attempt < 14 && status !== 429; attempt++) {
      status = (await api('beta.localhost').post('/admin/api/session').set('X-Forwarded-For', '198.51.100.7').send({ email: `guess${attempt}@beta.test`, password: 'wrong' })).status;
    }
    expect(status).toBe(429);
    // Other addresses are not held back by that one.
    expect((await api('beta.localhost').post('/admin/api/session').send({ email: 'owner@alpha.test', password: PASSWORD })).status).toBe(200);
  });

  it('resets a password by a one-time link that works once, and ends the old sessions', async () => {
    const old = await logIn(host, 'alpha.localhost', 'reset@alpha.test');
    const asked = await api('alpha.localhost').post('/admin/api/password-reset').send({ email: 'reset@alpha.test' });
    expect(asked.status).toBe(202);
    const unknown = await api('alpha.localhost').post('/admin/api/password-reset').send({ email: 'nobody@alpha.test' });
    expect(unknown.status).toBe(202);
    expect(mail.sent.filter((message) => message.to === 'nobody@alpha.test')).toHaveLength(0);

    const link = mail.link('reset@alpha.test');
    expect(link).toMatch(/^\/admin\/reset\/[\w-]+$/);
    const token = link.split('/').at(-1);
    const tooShort = await api('alpha.localhost').post(`/admin/api/password-reset/${token}`).send({ password: 'short' });
    expect(tooShort.status).toBe(422);
    const done = await api('alpha.localhost').post(`/admin/api/password-reset/${token}`).send({ password: 'a brand new password' });
    expect(done.status).toBe(200);
    expect((await old.get('/admin/api/session')).status).toBe(401);
    const again = await api('alpha.localhost').post(`/admin/api/password-reset/${token}`).send({ password: 'another new password' });
    expect(again.status).toBe(410);
    expect((await api('alpha.localhost').post('/admin/api/session').send({ email: 'reset@alpha.test', password: 'a brand new password' })).status).toBe(200);
  });

  it('answers malformed JSON with a 400 that says so', async () => {
    const response = await api('alpha.localhost').post('/admin/api/session').set('Content-Type', 'application/json').send('{"email":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('GUILD_ERR_BAD_JSON');
  });
});
