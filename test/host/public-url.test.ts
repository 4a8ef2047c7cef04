// Issue 13 item 4 (addresses): GUILD_PUBLIC_URL sets the network's public base for production.
// Sites without a domain answer at <slug>.<its host>, the admin at <slug>.admin.<its host>, and
// every absolute address the host writes (mail, feeds, sitemap, canonical, WXR export) uses it.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressesOf, resolveConfig, siteUrls, type Host } from '../../core/host/index.ts';
import { adminHostOf, mailbox, member, PASSWORD } from '../support/admin.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('addresses from configuration', () => {
  it('computes a site\'s public and admin address from the configuration and the port, for the CLI', () => {
    const local = resolveConfig({}, {});
    expect(local.adminHost).toBe('admin.localhost');
    expect(siteUrls(local, 3401, { slug: 'harbour' })).toEqual({ publicUrl: 'http://harbour.localhost:3401', adminUrl: 'http://harbour.admin.localhost:3401' });
    expect(siteUrls(local, 3401, { slug: 'harbour', domains: ['harbour.example'] }).publicUrl).toBe('http://harbour.example:3401');
    expect(siteUrls(local, 80, { slug: 'harbour' }).publicUrl).toBe('http://harbour.localhost');
    // The admin links a site on a local host to the name that reaches this host, whatever its domains.
    expect(addressesOf(local, 3401).viewUrl({ slug: 'harbour', domains: ['harbour.example'] })).toBe('http://harbour.localhost:3401');

    const production = resolveConfig({}, { GUILD_PUBLIC_URL: 'https://guild.example.com/' });
    expect(production.adminHost).toBe('admin.guild.example.com');
    // Behind the proxy, the listening port is nobody's business.
    expect(siteUrls(production, 3000, { slug: 'harbour' })).toEqual({ publicUrl: 'https://harbour.guild.example.com', adminUrl: 'https://harbour.admin.guild.example.com' });
    expect(siteUrls(production, 3000, { slug: 'harbour', domains: ['harbour.example'] }).publicUrl).toBe('https://harbour.example');
    expect(addressesOf(production, 3000).viewUrl({ slug: 'harbour', domains: ['harbour.example'] })).toBe('https://harbour.example');
    expect(siteUrls(resolveConfig({}, { GUILD_PUBLIC_URL: 'http://guild.test:8080', GUILD_ADMIN_HOST: 'Manage.Guild.Test' }), 3000, { slug: 'a' }).adminUrl).toBe('http://a.manage.guild.test:8080');
  });

  it('refuses a GUILD_PUBLIC_URL that is not a base address, saying what to give', () => {
    for (const bad of ['guild.example.com', 'ftp://guild.example.com', 'https://guild.example.com/sites', 'https://u:p@guild.example.com']) {
      expect(() => resolveConfig({}, { GUILD_PUBLIC_URL: bad })).toThrow(/GUILD_PUBLIC_URL .*e\.g\. https:\/\/guild\.example\.com/);
    }
  });
});

describe('a host with GUILD_PUBLIC_URL=https://guild.example.com', () => {
  let box: Sandbox;
  let host: Host;
  const mail = mailbox();

  beforeAll(async () => {
    box = sandbox();
    box.site('alpha', { title: 'Alpha' }, { posts: [{ title: 'Hello', html: '<p>Hi.</p>' }] });
    box.site('beta', { title: 'Beta', domains: ['beta.example'] }, { posts: [{ title: 'Hello', html: '<p>Hi.</p>' }] });
    host = await box.host({ mail, publicUrl: 'https://guild.example.com' });
    await host.listen();
    await member(host, 'alpha', 'owner@alpha.test', 'owner');
  });
  afterAll(() => box.remove());

  const get = (hostname: string, path: string) => request(host.app).get(path).set('Host', hostname);

  it('serves a site without a domain at <slug>.guild.example.com and writes https addresses there', async () => {
    const home = await get('alpha.guild.example.com', '/hello/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('<link rel="canonical" href="https://alpha.guild.example.com/hello/">');
    expect((await get('alpha.guild.example.com', '/sitemap.xml')).text).toContain('<loc>https://alpha.guild.example.com/hello/</loc>');
    expect((await get('alpha.guild.example.com', '/rss/')).text).toContain('https://alpha.guild.example.com/hello/');
  });

  it("writes a site's own domain for the site that has one", async () => {
    expect((await get('beta.example', '/sitemap.xml')).text).toContain('<loc>https://beta.example/hello/</loc>');
  });

  it('serves the admin at <slug>.admin.guild.example.com with Secure cookies and mails links there', async () => {
    const login = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.guild.example.com').send({ email: 'owner@alpha.test', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.site.url).toBe('https://alpha.guild.example.com');
    // __Host-: Secure, Path=/, no Domain, so no sibling name under guild.example.com can shadow it.
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    expect(cookies.find((cookie) => cookie.startsWith('__Host-guild_session='))).toMatch(/^__Host-guild_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    await request(host.app).post('/admin/api/password-reset').set('Host', 'alpha.admin.guild.example.com').send({ email: 'owner@alpha.test' }).expect(202);
    expect(mail.link('owner@alpha.test')).toMatch(/^\/admin\/reset\//);
    expect(mail.sent.at(-1)!.text).toMatch(/https:\/\/alpha\.admin\.guild\.example\.com\/admin\/reset\/[\w-]+/);
    const redirect = await get('alpha.guild.example.com', '/admin/');
    expect(redirect.headers.location).toBe('https://alpha.admin.guild.example.com/admin/');
    expect((await get('admin.guild.example.com', '/')).text).toContain('https://alpha.admin.guild.example.com/admin/');
  });

  it("writes the site's real address into a WordPress export (not port 3000)", async () => {
    expect(adminHostOf(host, 'alpha.guild.example.com')).toBe('alpha.admin.guild.example.com');
    const login = await request(host.app).post('/admin/api/session').set('Host', 'alpha.admin.guild.example.com').send({ email: 'owner@alpha.test', password: PASSWORD });
    // The cookie is Secure, so the test's plain-http agent would not send it: it is sent by hand.
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((line) => line.startsWith('__Host-guild_session='))!.split(';')[0]!;
    const wxr = await request(host.app).get('/admin/api/export/wxr').set('Host', 'alpha.admin.guild.example.com').set('Cookie', cookie).buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => done(null, text));
    });
    expect(wxr.status).toBe(200);
    expect(String(wxr.body)).toContain('<link>https://alpha.guild.example.com</link>');
  });
});
