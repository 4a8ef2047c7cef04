// Site settings, theme settings, plugin settings pages and navigation, as the admin changes them.
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

describeEachHost('settings in the Admin API', (engine) => {
  let drop: () => Promise<void>;
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let author: Client;
  let manifestFile: string;

  beforeAll(async () => {
    box = sandbox();
    manifestFile = box.site('alpha', { title: 'Alpha Bakery', plugins: [{ id: 'guild.seo', settings: { twitter: '@alpha' } }] });
    const prepared = await engine.prepare();
    drop = prepared.drop;
    host = await box.host(prepared.options);
    ({ owner, editor, author } = await team(host, 'alpha'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  const home = () => request(host.app).get('/').set('Host', 'alpha.localhost');

  it('changes the title, description, timezone and language in site.json, and the site shows them', async () => {
    const response = await editor.put('/admin/api/settings', { title: 'Alpha Bakery & Café', description: 'Bread by the sea.', timezone: 'Europe/Lisbon', language: 'pt' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ title: 'Alpha Bakery & Café', timezone: 'Europe/Lisbon', language: 'pt' });
    const saved = JSON.parse(readFileSync(manifestFile, 'utf8'));
    expect(saved).toMatchObject({ title: 'Alpha Bakery & Café', description: 'Bread by the sea.', locale: 'pt', timezone: 'Europe/Lisbon', builtBy: 'tester' });
    await eventually(async () => expect((await home()).text).toContain('<title>Alpha Bakery &amp; Café</title>'));
    expect((await home()).text).toContain('<html lang="pt">');
  });

  it('refuses invalid settings with every problem and leaves site.json as it was', async () => {
    const before = readFileSync(manifestFile, 'utf8');
    const response = await editor.put('/admin/api/settings', { title: '', timezone: 'Mars/Olympus', language: 'not a language' });
    expect(response.status).toBe(422);
    expect(response.body.error.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['language', 'timezone', 'title']);
    expect(readFileSync(manifestFile, 'utf8')).toBe(before);
  });

  it("changes the theme's custom settings, checked against the theme's package.json", async () => {
    const theme = await editor.get('/admin/api/theme');
    expect(theme.body.settings.find((setting: { key: string }) => setting.key === 'accent_color')).toMatchObject({ type: 'color', value: '#b4532a' });
    const bad = await editor.put('/admin/api/theme/settings', { values: { accent_color: 'red', header_style: 'Sideways', unknown_key: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['accent_color', 'header_style', 'unknown_key']);
    const good = await editor.put('/admin/api/theme/settings', { values: { accent_color: '#123456', footer_text: 'Open daily' } });
    expect(good.status).toBe(200);
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).theme.settings).toMatchObject({ accent_color: '#123456', footer_text: 'Open daily' });
    await eventually(async () => expect((await home()).text).toContain('--accent: #123456'));
  });

  it('shows plugin settings pages made from their schema, saved into site.json after checking', async () => {
    const pages = await owner.get('/admin/api/plugin-settings');
    const seo = pages.body.items.find((page: { plugin: string }) => page.plugin === 'guild.seo');
    expect(seo.fields.map((field: { key: string }) => field.key)).toEqual(['twitter', 'defaultImage', 'wordsPerMinute']);
    // The plugin shaped its page through admin:settings-pages: a new title, an image field, open to editors.
    expect(seo).toMatchObject({ title: 'SEO & sharing', role: 'editor' });
    expect(seo.fields[1]).toMatchObject({ key: 'defaultImage', type: 'image' });
    expect((await editor.get('/admin/api/plugin-settings')).body.items.map((page: { plugin: string }) => page.plugin)).toEqual(['guild.seo']);
    expect((await author.get('/admin/api/plugin-settings')).body.items).toEqual([]);
    expect(seo.values).toMatchObject({ twitter: '@alpha', wordsPerMinute: 265 });
    const bad = await owner.put('/admin/api/plugin-settings/guild.seo', { values: { twitter: 'not a handle!!', wordsPerMinute: 5 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((problem: { field: string }) => problem.field).sort()).toEqual(['twitter', 'wordsPerMinute']);
    const good = await owner.put('/admin/api/plugin-settings/guild.seo', { values: { twitter: '@alphabakery' } });
    expect(good.status).toBe(200);
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).plugins[0].settings.twitter).toBe('@alphabakery');
    await eventually(async () => expect((await home()).text).toContain('@alphabakery'));
  });

  it('keeps each kind of setting to the roles allowed to change it', async () => {
    expect((await author.put('/admin/api/settings', { title: 'Mine now' })).status).toBe(403);
    expect((await author.put('/admin/api/theme/settings', { values: {} })).status).toBe(403);
    expect((await author.put('/admin/api/navigation', { items: [] })).status).toBe(403);
    expect((await author.get('/admin/api/users')).status).toBe(403);
    expect((await editor.get('/admin/api/users')).status).toBe(403);
  });

  it('edits the navigation: order, labels, site paths and external links', async () => {
    const bad = await editor.put('/admin/api/navigation', { items: [{ label: '', url: '/x/' }, { label: 'Evil', url: 'javascript:alert(1)' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems.map((problem: { field: string }) => problem.field)).toEqual(['items.0.label', 'items.1.url']);
    const items = [
      { label: 'Shop', url: 'https://shop.example/' },
      { label: 'Home', url: '/' },
      { label: 'Bread', url: '/tag/bread/' },
    ];
    const good = await editor.put('/admin/api/navigation', { items });
    expect(good.body.items).toEqual(items);
    const page = (await home()).text;
    expect(page.indexOf('https://shop.example/')).toBeLessThan(page.indexOf('/tag/bread/'));
  });
});
