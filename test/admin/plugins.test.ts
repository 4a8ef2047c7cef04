// Plugins in the Admin API: the first-party plugins' settings pages made from their real schemas,
// saved and taking effect on the site; and the panels plugins add to the post editor.
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { pluginManifest } from '../support/plugins.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost, keptManifest } from '../support/stores.ts';

describeEachHost('plugins in the Admin API', (engine) => {
  let box: Sandbox;
  let drop: () => Promise<void>;
  let host: Host;
  let owner: Client;
  let editor: Client;
  let siteJson: () => Promise<any>;

  beforeAll(async () => {
    box = sandbox();
    // A plugin that adds one panel that works and several that cannot: they are left out.
    box.write('plugins/panels/plugin.json', pluginManifest('test.panels', ['hooks', 'admin']));
    box.write(
      'plugins/panels/index.ts',
      `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks, admin }) {
  admin.route('GET', '/notes/:post', (request) => ({ json: { note: 'note of ' + request.params.post } }));
  admin.route('POST', '/broken', () => { throw new Error('broken on purpose'); });
  admin.page('broken', { title: 'Broken', render: () => { throw new Error('broken on purpose'); } });
  hooks.addFilter('admin:editor-panels', (panels, { type }) => [
    ...panels,
    { plugin: 'test.panels', title: type === 'page' ? 'Page notes' : 'Notes', path: '/notes/:post', fields: [{ name: 'note', label: 'Note', type: 'textarea' }, { name: 'odd', label: 'Odd', type: 'hologram' as 'text' }] },
    { plugin: 'test.panels', title: 'No post in its path', path: '/notes', fields: [] },
    { plugin: 'guild.analytics', title: 'For a plugin not on this site', path: '/x/:post', fields: [] },
  ]);
} });`,
    );
    const manifestFile = box.site(
      'bakery',
      {
        title: 'Harbour Bakery',
        plugins: [{ id: 'guild.seo' }, { id: 'guild.contact-form', settings: { notify: 'orders@bakery.example' } }, { id: 'guild.redirects' }, { id: 'test.panels' }],
      },
      { pages: [{ title: 'Contact', slug: 'contact', html: '<p>[contact-form]</p>' }] },
    );
    box.site('plain', {});
    const prepared = await engine.prepare();
    drop = prepared.drop;
    siteJson = () => keptManifest(prepared.options, manifestFile);
    host = await box.host(prepared.options);
    ({ owner, editor } = await team(host, 'bakery'));
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  const settingsOf = async (client: Client, plugin: string) => (await client.get('/admin/api/plugin-settings')).body.items.find((page: { plugin: string }) => page.plugin === plugin);

  it('makes the contact form’s settings page from its schema: an email field, a text area for the thanks, defaults filled in', async () => {
    const page = await settingsOf(owner, 'guild.contact-form');
    expect(page).toMatchObject({ title: 'Contact form', role: 'owner' });
    expect(page.fields).toEqual([
      expect.objectContaining({ key: 'notify', type: 'email', help: expect.stringContaining('Who is told') }),
      expect.objectContaining({ key: 'subject', type: 'text' }),
      expect.objectContaining({ key: 'thanks', type: 'textarea' }),
      expect.objectContaining({ key: 'perHour', label: 'Per hour', type: 'number' }),
    ]);
    expect(page.values).toEqual({ notify: 'orders@bakery.example', subject: 'New message from your website', thanks: expect.stringContaining('Thank you!'), perHour: 5 });
    // Redirects has no settings; the contact form's page is the owner's only.
    expect(await settingsOf(owner, 'guild.redirects')).toBeUndefined();
    expect(await settingsOf(editor, 'guild.contact-form')).toBeUndefined();
  });

  it('refuses contact form settings its schema refuses, in the schema’s own words, and changes nothing', async () => {
    const before = await siteJson();
    const bad = await owner.put('/admin/api/plugin-settings/guild.contact-form', { values: { notify: 'not an address', perHour: 0, thanks: 'x'.repeat(301) } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.problems).toEqual(
      expect.arrayContaining([
        { field: 'notify', message: 'must be an email address' },
        { field: 'perHour', message: 'must be a whole number from 1 to 100' },
        { field: 'thanks', message: 'must be a sentence of at most 300 characters' },
      ]),
    );
    expect(await siteJson()).toEqual(before);
  });

  it('saves contact form settings into site.json, and a visitor who sends a message reads the new thanks', async () => {
    const saved = await owner.put('/admin/api/plugin-settings/guild.contact-form', { values: { notify: null, thanks: 'Takk! We answer within a day.', perHour: 3 } });
    expect(saved.status).toBe(200);
    expect(saved.body.values).toEqual({ subject: 'New message from your website', thanks: 'Takk! We answer within a day.', perHour: 3 });
    const entry = (await siteJson()).plugins[1];
    expect(entry).toEqual({ id: 'guild.contact-form', settings: { thanks: 'Takk! We answer within a day.', perHour: 3 } });
    await eventually(async () => {
      const sent = await request(host.app).post('/p/guild.contact-form/submit').set('Host', 'bakery.localhost').type('form').send({ name: 'Ana', email: 'ana@example.com', message: 'Bolo de laranja?', return: '/contact/' });
      expect(sent.text).toContain('Takk! We answer within a day.');
    });
  });

  it('offers the SEO panel and a plugin’s working panel to the editor, and leaves out panels that cannot work', async () => {
    const panels = await editor.get('/admin/api/plugins/editor-panels?type=post');
    expect(panels.status).toBe(200);
    expect(panels.body.items).toEqual([
      expect.objectContaining({ plugin: 'guild.seo', title: 'Search and sharing', path: '/overrides/:post', fields: expect.arrayContaining([expect.objectContaining({ name: 'title', maxLength: 70 })]) }),
      { plugin: 'test.panels', title: 'Notes', path: '/notes/:post', fields: [{ name: 'note', label: 'Note', type: 'textarea' }] },
    ]);
    expect((await editor.get('/admin/api/plugins/editor-panels?type=page')).body.items[1].title).toBe('Page notes');
    expect((await editor.get('/admin/api/plugins/editor-panels?type=tag')).status).toBe(422);
    // The panel reads its values through the plugin's admin route, with the post's id in place of ":post".
    expect((await editor.get('/admin/api/plugins/test.panels/actions/notes/7')).body).toEqual({ note: 'note of 7' });
  });

  it('has no panels on a site whose plugins add none', async () => {
    const { editor: plain } = await team(host, 'plain');
    expect((await plain.get('/admin/api/plugins/editor-panels')).body.items).toEqual([]);
  });

  it('answers the admin’s JSON errors for a page or an action that is not there, or that fails', async () => {
    const missing = await editor.get('/admin/api/plugins/guild.seo/pages/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('GUILD_ERR_NOT_FOUND');
    expect((await editor.post('/admin/api/plugins/guild.seo/actions/nothing')).body.error.code).toBe('GUILD_ERR_NOT_FOUND');
    for (const failing of [await editor.post('/admin/api/plugins/test.panels/actions/broken'), await editor.get('/admin/api/plugins/test.panels/pages/broken')]) {
      expect(failing.status).toBe(500);
      expect(failing.body.error).toMatchObject({ code: 'GUILD_ERR_PLUGIN_ADMIN', message: expect.stringContaining('Plugin "test.panels" failed to answer') });
    }
    // State-changing actions need the CSRF token, like the rest of the admin.
    const forged = await editor.agent.post('/admin/api/plugins/guild.redirects/actions/redirects').set('Host', 'bakery.admin.localhost').send({ from: '/a', to: '/b' });
    expect(forged.status).toBe(403);
  });
});
