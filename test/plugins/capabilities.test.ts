// Every capability a plugin may ask for: it works when plugin.json declares it, and is refused
// at setup, naming the capability, when it does not; the site serves either way. The same tests
// run with the plugin in the host and isolated in a worker thread.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { team, type Client } from '../support/admin.ts';
import { pluginManifest } from '../support/plugins.ts';
import { captureLog, eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

const ALL = ['hooks', 'routes', 'admin', 'settings', 'helpers', 'partials', 'content-types', 'storage', 'jobs', 'mail'];


const FULL = `import { definePlugin } from '@guild/sdk';
export default definePlugin<{ greeting: string }>({
  migrations: [{ version: 1, name: 'ticks', up: (db) => db.exec('CREATE TABLE ' + db.table('ticks') + ' (n INTEGER NOT NULL)') }],
  install({ storage }) { storage.run('INSERT INTO ' + storage.table('ticks') + ' (n) VALUES (0)'); },
  setup({ hooks, settings, routes, admin, helpers, partials, contentTypes, storage, jobs, mail }) {
    const ticks = storage.table('ticks');
    hooks.addFilter('theme:foot', (foot) => foot + '<!-- full: ' + settings.greeting + ' -->');
    routes.get('/hello', () => ({ page: { title: 'Hello page', html: '<p>Hello from a route</p>' } }));
    routes.get('/items/:id', (req) => ({ json: { id: req.params.id, q: req.query.q ?? null } }));
    routes.post('/mail', async (req) => { await mail.send({ to: 'owner@example.com', subject: 'Hi ' + (req.body as { name: string }).name, text: 'sent' }); return { redirect: '/p/test.full/hello' }; });
    admin.page('overview', { title: 'Overview', render: () => ({ blocks: [{ type: 'stats', items: [{ label: 'Ticks', value: storage.get<{ n: number }>('SELECT MAX(n) AS n FROM ' + ticks)!.n }] }, { type: 'chart', title: 'Ticks', series: [{ label: 'a', value: 3 }] }] }) });
    admin.route('POST', '/reset', () => { storage.run('DELETE FROM ' + ticks); storage.run('INSERT INTO ' + ticks + ' (n) VALUES (0)'); return { json: { reset: true } }; });
    helpers.add('full_greet', (args, hash) => '<b class="greet">' + String(args[0]) + '/' + String(hash.tone ?? '') + '</b>');
    partials.add('card', '<div class="card">{{title}}</div>');
    contentTypes.define({ name: 'project', label: 'Project', plural: 'Projects', path: 'projects', fields: { client: { type: 'text', label: 'Client', required: true }, year: { type: 'number' } } });
    jobs.every('tick', 1000, () => { storage.run('INSERT INTO ' + ticks + ' (n) SELECT MAX(n) + 1 FROM ' + ticks); });
  },
});`;

/** What each capability's refusal test reaches for. */
const USES: Record<string, string> = {
  hooks: `ctx.hooks.addFilter('theme:foot', (f) => f)`,
  routes: `ctx.routes.get('/x', () => ({ body: 'x' }))`,
  admin: `ctx.admin.page('x', { title: 'X', render: () => ({ blocks: [] }) })`,
  settings: `void ctx.settings`,
  helpers: `ctx.helpers.add('lacks_helpers', () => '')`,
  partials: `ctx.partials.add('x', 'x')`,
  'content-types': `ctx.contentTypes.define({ name: 'thing', label: 'Thing', plural: 'Things', path: 'things', fields: {} })`,
  storage: `ctx.storage.run('SELECT 1')`,
  jobs: `ctx.jobs.every('x', 1000, () => {})`,
  mail: `void ctx.mail.send({ to: 'a@b.example', subject: 's', text: 't' })`,
};

describe.each([
  ['in the host', ['*']],
  ['isolated in a worker', []],
])('capabilities, plugin %s', (_mode, trustedPlugins) => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;
  let owner: Client;
  const get = (path: string, site = 'full') => request(host.app).get(path).set('Host', `${site}.localhost`);

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/full/plugin.json', pluginManifest('test.full', ALL, { settings: { type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } } }));
    box.write('plugins/full/index.ts', FULL);
    for (const capability of ALL) {
      const id = `test.lacks-${capability}`;
      box.write(`plugins/lacks-${capability}/plugin.json`, pluginManifest(id, capability === 'hooks' ? [] : ['hooks']));
      box.write(`plugins/lacks-${capability}/index.ts`, `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup(ctx) { ${USES[capability]}; } });`);
    }
    box.write('plugins/date/plugin.json', pluginManifest('test.date', ['helpers']));
    box.write('plugins/date/index.ts', `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup({ helpers }) { helpers.add('date', () => 'never'); } });`);
    box.site('clash', { plugins: [{ id: 'test.date' }] });
    box.write('themes/plugged/package.json', { name: 'plugged', version: '1.0.0' });
    box.write('themes/plugged/default.hbs', '<html><body>{{{body}}}{{guild_foot}}</body></html>');
    box.write('themes/plugged/index.hbs', '{{!< default}}<main>{{full_greet "x" tone="warm"}}{{> "test.full/card" title="Carded"}}</main>');
    box.write('themes/plugged/post.hbs', '{{!< default}}<article><h1>{{post.title}}</h1>{{{post.html}}}</article>');
    box.write('themes/plugged/project.hbs', '{{!< default}}<h1 class="project">{{project.title}} for {{project.client}}</h1>');
    box.site('full', { theme: { id: 'plugged' }, plugins: [{ id: 'test.full', settings: { greeting: 'ahoy' } }] });
    box.site('bare', { theme: { id: 'plugged' } });
    box.site('lacking', { theme: { id: 'plugged' }, plugins: ALL.map((capability) => ({ id: `test.lacks-${capability}` })) });
    logged = captureLog();
    host = await box.host({ trustedPlugins, log: logged.log });
    ({ owner } = await team(host, 'full'));
  });
  afterAll(() => box.remove());

  it('hooks and settings: taps run with the site’s settings', async () => {
    expect((await get('/')).text).toContain('<!-- full: ahoy -->');
  });

  it('helpers and partials: themes use them, and a site without the plugin does not get them', async () => {
    const page = await get('/');
    expect(page.text).toContain('<b class="greet">x/warm</b>');
    expect(page.text).toContain('<div class="card">Carded</div>');
    // The bare site's theme calls a helper and a partial no plugin of that site adds: both render as nothing.
    const bare = await get('/', 'bare');
    expect(bare.status).toBe(200);
    expect(bare.text).toContain('<main></main>');
  });

  it('routes: served under /p/<plugin-id>/, a page inside the theme, JSON with params and query', async () => {
    const page = await get('/p/test.full/hello');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Hello page</h1><p>Hello from a route</p>');
    expect(page.text).toContain('<!-- full: ahoy -->');
    expect((await get('/p/test.full/items/42?q=z')).body).toEqual({ id: '42', q: 'z' });
    expect((await get('/p/test.full/nothing-here/')).status).toBe(404);
    expect((await get('/p/test.full/hello/', 'bare')).status).toBe(404);
    const garbled = await request(host.app).post('/p/test.full/mail').set('Host', 'full.localhost').set('Content-Type', 'application/json').send('{"name": ');
    expect(garbled.status).toBe(400);
  });

  it('mail: a route sends mail through the host’s transport', async () => {
    const sent = await request(host.app).post('/p/test.full/mail').set('Host', 'full.localhost').type('form').send({ name: 'Ada' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe('/p/test.full/hello');
    await eventually(() => expect(logged.lines().some((line) => String(line.msg).startsWith('mail to owner@example.com: Hi Ada'))).toBe(true));
  });

  it('storage, install and jobs: the install step seeds the plugin’s table, a job ticks every second', async () => {
    const ticks = async () => (await owner.get('/admin/api/plugins/test.full/pages/overview')).body.view.blocks[0].items[0].value as number;
    const first = await ticks();
    await eventually(async () => expect(await ticks()).toBeGreaterThan(first), 4000);
  });

  it('admin: pages as JSON with a chart, actions, the settings page and the plugin’s state', async () => {
    const list = await owner.get('/admin/api/plugins');
    expect(list.body.plugins[0]).toMatchObject({ id: 'test.full', state: 'active', isolated: trustedPlugins.length === 0, pages: [{ path: 'overview', title: 'Overview' }], settings: true });
    expect(list.body.contentTypes).toEqual([{ name: 'project', label: 'Project', plural: 'Projects', path: 'projects', plugin: 'test.full', fields: [{ name: 'client', label: 'Client', type: 'text', required: true }, { name: 'year', label: 'Year', type: 'number' }] }]);
    const page = await owner.get('/admin/api/plugins/test.full/pages/overview');
    expect(page.body).toMatchObject({ title: 'Overview', view: { blocks: [{ type: 'stats' }, { type: 'chart', title: 'Ticks', series: [{ label: 'a', value: 3 }] }] } });
    const reset = await owner.post('/admin/api/plugins/test.full/actions/reset');
    expect(reset.body).toEqual({ reset: true });
    const settings = await owner.get('/admin/api/plugin-settings');
    expect(settings.body.items).toEqual([expect.objectContaining({ plugin: 'test.full', fields: [{ key: 'greeting', label: 'Greeting', type: 'text' }], values: { greeting: 'ahoy' } })]);
  });

  it('content types: entries added through the admin API are listed and shown with the theme’s template', async () => {
    const refused = await owner.post('/admin/api/plugins/types/project/entries', { title: 'Bakery site', fields: { year: 'soon' } });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      { field: 'client', message: 'is required' },
      { field: 'year', message: 'must be a number' },
    ]);
    const created = await owner.post('/admin/api/plugins/types/project/entries', { title: 'Bakery site', fields: { client: 'Harbour Bakery', year: 2025 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: '/projects/bakery-site/', client: 'Harbour Bakery' });
    expect((await get('/projects/bakery-site/')).text).toContain('<h1 class="project">Bakery site for Harbour Bakery</h1>');
    const listing = await get('/projects/');
    expect(listing.text).toContain('<a href="/projects/bakery-site/">Bakery site</a>');
    expect((await get('/sitemap.xml')).text).toContain('/projects/bakery-site/</loc>');
    expect((await get('/projects/', 'bare')).status).toBe(404);
  });

  it('refuses a helper that would replace one of the theme engine’s own', async () => {
    const [status] = (await host.registry.status(host.registry.get('clash')!)).plugins;
    expect(status).toMatchObject({ state: 'failed', reason: expect.stringContaining('cannot add the helper "date": themes have a helper of that name already') });
    expect((await get('/', 'clash')).text).toMatch(/&copy; \d{4}/); // {{date}} is still the engine's
  });

  it.each(ALL)('refuses "%s" when plugin.json does not declare it, and the site serves without the plugin', async (capability) => {
    const status = (await host.registry.status(host.registry.get('lacking')!)).plugins.find((plugin) => plugin.id === `test.lacks-${capability}`);
    expect(status).toMatchObject({ state: 'failed', reason: expect.stringContaining(`uses the "${capability}" capability`) });
    expect((status as { reason: string }).reason).toContain(`Add "${capability}" to "capabilities" in plugin.json`);
    expect((await get('/p/test.lacks-routes/x/', 'lacking')).status).toBe(404);
    expect((await request(host.app).get('/').set('Host', 'lacking.localhost')).status).toBe(200); // plugged's full_greet renders as nothing
    expect((await request(host.app).get('/about-nothing/').set('Host', 'lacking.localhost')).status).toBe(404);
  });
});
