/**
 * Issue 15: the settings Ghost themes need, changed in the admin: accent colour, cover image and
 * social accounts (editors and owners), the secondary menu, and for owners alone the code added
 * to every page and the Content API key (made, shown, rotated).
 */
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost, keptManifest } from '../support/stores.ts';

describeEachHost('Ghost theme settings in the Admin API', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let siteJson: () => Promise<any>;

  beforeAll(async () => {
    box = sandbox();
    box.write('themes/ghosty/package.json', { name: 'ghosty', version: '1.0.0' });
    box.write('themes/ghosty/default.hbs', '<html><head>{{ghost_head}}</head><body>{{{body}}}{{navigation type="secondary"}}{{#social_accounts @site}}<a href="{{href}}">{{name}}</a>{{/social_accounts}}[{{@site.cover_image}}]{{ghost_foot}}</body></html>');
    box.write('themes/ghosty/index.hbs', '{{!< default}}home');
    box.write('themes/ghosty/post.hbs', '{{!< default}}post');
    const manifestFile = box.site('alpha', { theme: { id: 'ghosty' } });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    siteJson = () => keptManifest(prepared.options, manifestFile);
    host = await box.host(prepared.options);
    ({ owner, editor } = await team(host, 'alpha'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  const home = async () => (await request(host.app).get('/').set('Host', 'alpha.localhost')).text;

  it('saves the accent colour, cover image and social accounts into site.json, and the theme shows them', async () => {
    const response = await editor.put('/admin/api/settings', { accent_color: '#123abc', cover_image: '/content/images/cover.jpg', social: { instagram: 'alpha', twitter: '' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accent_color: '#123abc', cover_image: '/content/images/cover.jpg', social: { instagram: 'alpha', twitter: '' } });
    expect(await siteJson()).toMatchObject({ accentColor: '#123abc', coverImage: '/content/images/cover.jpg', social: { instagram: 'alpha' } });
    await eventually(async () => expect(await home()).toContain('--ghost-accent-color: #123abc;'));
    expect(await home()).toContain('<a href="https://www.instagram.com/alpha">Instagram</a>[/content/images/cover.jpg]');
  });

  it('refuses a colour that is not hex and a network it does not know, naming each', async () => {
    const response = await editor.put('/admin/api/settings', { accent_color: 'pink', social: { myspace: 'alpha' } });
    expect(response.status).toBe(422);
    expect(response.body.error.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['accent_color', 'social.myspace']);
  });

  it('edits the secondary menu apart from the main one', async () => {
    expect((await editor.put('/admin/api/navigation?menu=secondary', { items: [{ label: 'Imprint', url: '/imprint/' }] })).status).toBe(200);
    expect((await editor.get('/admin/api/navigation?menu=secondary')).body.items).toEqual([{ label: 'Imprint', url: '/imprint/' }]);
    expect((await editor.get('/admin/api/navigation')).body.items).not.toContainEqual({ label: 'Imprint', url: '/imprint/' });
    await eventually(async () => expect(await home()).toContain('Imprint'));
  });

  it('lets owners alone add code to every page', async () => {
    expect((await editor.put('/admin/api/settings/code-injection', { head: '<meta name="x">' })).status).toBe(403);
    const saved = await owner.put('/admin/api/settings/code-injection', { head: '<meta name="owner-code" content="1">', foot: '<script>window.ownerFoot = 1</script>' });
    expect(saved.status).toBe(200);
    await eventually(async () => expect(await home()).toContain('<meta name="owner-code" content="1">'));
    expect(await home()).toContain('<script>window.ownerFoot = 1</script></body>');
  });

  it('lets owners make and rotate the Content API key, which then opens the Content API', async () => {
    expect((await editor.get('/admin/api/settings/content-api')).status).toBe(403);
    expect((await owner.get('/admin/api/settings/content-api')).body.key).toBeNull();
    const made = (await owner.post('/admin/api/settings/content-api/key', {})).body.key as string;
    expect(made).toMatch(/^[0-9a-f]{26}$/);
    const api = (key: string) => request(host.app).get(`/ghost/api/content/settings/?key=${key}`).set('Host', 'alpha.localhost');
    expect((await api(made)).status).toBe(200);
    const rotated = (await owner.post('/admin/api/settings/content-api/key', {})).body.key as string;
    expect(rotated).not.toBe(made);
    expect((await api(made)).status).toBe(401);
    expect((await api(rotated)).body.settings.accent_color).toBe('#123abc');
  });
});
