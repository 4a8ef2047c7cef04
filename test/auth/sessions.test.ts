// Logging in to a site's admin: the API contract, rate limits, CSRF, and sessions bound to one
// site; with the host's data in host.db and in PostgreSQL (issue 17).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { adminHostOf, logIn, mailbox, member, PASSWORD } from '../support/admin.ts';
import { hostStore, type HostStore } from '../support/host-stores.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachStore, freshDatabase, TEST_DATABASE_URL } from '../support/stores.ts';

describeEachStore('admin sessions', (engine) => {
  let box: Sandbox;
  let store: HostStore;
  let host: Host;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha');
    box.site('beta');
    store = await hostStore(engine);
    host = await box.host({ mail, loginLimits: { perIp: 12, perAccount: 4 }, trustProxy: ['loopback'], ...store.hostOptions });
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
    await member(host, 'beta', 'owner@alpha.test', 'owner');
    await member(host, 'alpha', 'limited@alpha.test', 'editor');
    await member(host, 'alpha', 'reset@alpha.test', 'author');
  });
  afterAll(async () => {
    await box.remove();
    await store.remove();
  });

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
    // A write through the content store that every engine takes (the admin's posts on PostgreSQL are the content suites' to prove).
    const withToken = await client.put('/admin/api/navigation', { items: [{ label: 'Home', url: '/' }] });
    expect(withToken.status).toBe(200);
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

// Two machines (a sites folder and a host.db each) with one GUILD_DATABASE_URL, behind a balancer.
(TEST_DATABASE_URL ? describe : describe.skip)('admin sessions across the hosts of one network (postgres; skipped without GUILD_TEST_DATABASE_URL)', () => {
  const boxes: Sandbox[] = [];
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let first: Host;
  let second: Host;
  const mail = mailbox();

  beforeAll(async () => {
    database = await freshDatabase();
    [first, second] = await Promise.all([0, 1].map(async () => {
      const box = sandbox();
      boxes.push(box);
      box.site('alpha');
      return box.host({ mail, databaseUrl: database.url });
    })) as [Host, Host];
    await member(first, 'alpha', 'owner@alpha.test', 'owner');
  });
  afterAll(async () => {
    for (const box of boxes) await box.remove();
    await database.drop();
  });

  it('accepts on the second host a session opened on the first, its CSRF token too, and ends it on both at logout', async () => {
    const admin = adminHostOf(first, 'alpha.localhost');
    const login = await request(first.app).post('/admin/api/session').set('Host', admin).send({ email: 'owner@alpha.test', password: PASSWORD });
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
    const on = (host: Host, method: 'get' | 'put' | 'delete', url: string) =>
      request(host.app)[method](url).set('Host', admin).set('Cookie', cookies).set('X-CSRF-Token', login.body.csrfToken);

    expect((await on(second, 'get', '/admin/api/session')).body.user).toMatchObject({ email: 'owner@alpha.test', role: 'owner' });
    expect((await on(second, 'put', '/admin/api/navigation').send({ items: [{ label: 'Home', url: '/' }] })).status).toBe(200);
    expect((await on(second, 'delete', '/admin/api/session')).status).toBe(204);
    expect((await on(first, 'get', '/admin/api/session')).status).toBe(401);
  });

  it('redeems on one host the password reset link the other mailed', async () => {
    expect((await request(first.app).post('/admin/api/password-reset').set('Host', adminHostOf(first, 'alpha.localhost')).send({ email: 'owner@alpha.test' })).status).toBe(202);
    const link = mail.link('owner@alpha.test');
    const done = await request(second.app).post(`/admin/api/password-reset/${link.split('/').at(-1)}`).set('Host', adminHostOf(second, 'alpha.localhost')).send({ password: 'set on the other host' });
    expect(done.status).toBe(200);
    await logIn(first, 'alpha.localhost', 'owner@alpha.test', 'set on the other host');
  });
});
