// A bad site, theme or plugin never takes down anything else, and says what is wrong.
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { captureLog, eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

function plugin(box: Sandbox, folder: string, id: string, source: string, extra: object = {}) {
  box.write(`plugins/${folder}/plugin.json`, {
    guild: 1,
    id,
    name: folder,
    version: '1.0.0',
    author: { handle: 'tester' },
    license: 'MIT',
    engine: '^0.1.0',
    entry: 'index.ts',
    capabilities: ['hooks'],
    ...extra,
  });
  box.write(`plugins/${folder}/index.ts`, `import { definePlugin } from '@guild/sdk';\n${source}`);
}

describe('bad input', () => {
  let box: Sandbox;
  let host: Host;
  const get = (hostname: string, path = '/') => request(host.app).get(path).set('Host', hostname);
  const status = async (slug: string) => host.registry.status(host.registry.get(slug)!);

  beforeEach(() => {
    box = sandbox();
    box.site('healthy', { title: 'Healthy' });
  });
  afterEach(() => box.remove());

  it('refuses a site.json that does not parse, naming its line, while other sites serve', async () => {
    box.write('sites/broken/site.json', '{\n  "guild": 1,\n  "id": "broken"\n  "title": "x"\n}\n');
    host = await box.host();
    const refused = await get('broken.localhost');
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('temporarily unavailable');
    expect((await get('healthy.localhost')).status).toBe(200);
    expect((await status('broken')).reason).toMatch(/sites\/broken\/site\.json line 4 column 3: is not valid JSON/);
  });

  it('refuses a site.json that breaks the schema, listing every problem by JSON path', async () => {
    box.site('invalid', { domains: ['Not A Host'], theme: 'journal' as never, colour: 'red' });
    host = await box.host();
    expect((await get('invalid.localhost')).status).toBe(503);
    const { reason, state } = await status('invalid');
    expect(state).toBe('refused');
    expect(reason).toContain('/domains/0: must be a host name like "acme.example"');
    expect(reason).toContain('/theme: must be an object like {"id": "journal"}');
    expect(reason).toContain('/colour: is not a known property');
  });

  it('refuses a site whose theme is not installed', async () => {
    box.site('themeless', { theme: { id: 'nonexistent' } });
    host = await box.host();
    expect((await get('themeless.localhost')).status).toBe(503);
    expect((await status('themeless')).reason).toContain('Theme "nonexistent" is not installed');
    expect((await get('healthy.localhost')).status).toBe(200);
  });

  it('refuses a site whose theme has a template syntax error, naming the file and line', async () => {
    box.write('themes/shaky/package.json', { name: 'shaky', version: '1.0.0' });
    box.write('themes/shaky/index.hbs', '<h1>{{@site.title}}</h1>');
    box.write('themes/shaky/post.hbs', '<article>\n{{#if post}}\n  {{title}\n{{/if}}\n</article>');
    box.site('shaky-site', { theme: { id: 'shaky' } });
    host = await box.host();
    expect((await get('shaky-site.localhost')).status).toBe(503);
    expect((await status('shaky-site')).reason).toMatch(/themes\/shaky\/post\.hbs line 3: template does not compile/);
    expect((await get('healthy.localhost')).status).toBe(200);
  });

  it('serves without a plugin that is not installed, and says so', async () => {
    box.site('missing-plugin', { plugins: [{ id: 'acme.nothing' }] });
    host = await box.host();
    expect((await get('missing-plugin.localhost')).status).toBe(200);
    const [plugin] = (await status('missing-plugin')).plugins;
    expect(plugin).toMatchObject({ id: 'acme.nothing', state: 'failed' });
    expect(plugin?.state === 'failed' && plugin.reason).toContain('/plugins/0/id: names a plugin that is not installed');
  });

  it('serves without a plugin that throws in its setup', async () => {
    plugin(box, 'thrower', 'test.thrower', `export default definePlugin({ setup() { throw new Error('no database password'); } });`);
    box.site('with-thrower', { plugins: [{ id: 'test.thrower' }, { id: 'guild.seo' }] });
    host = await box.host();
    const page = await get('with-thrower.localhost');
    expect(page.status).toBe(200);
    expect(page.text).toContain('og:site_name');
    const plugins = (await status('with-thrower')).plugins;
    expect(plugins[0]).toMatchObject({ id: 'test.thrower', state: 'failed', reason: expect.stringContaining('failed in its setup: no database password') });
    expect(plugins[1]).toMatchObject({ id: 'guild.seo', state: 'active' });
  });

  it('refuses plugin settings that break the plugin’s own schema', async () => {
    box.site('bad-settings', { plugins: [{ id: 'guild.seo', settings: { wordsPerMinute: 5 } }] });
    host = await box.host();
    expect((await get('bad-settings.localhost')).status).toBe(200);
    const [seo] = (await status('bad-settings')).plugins;
    expect(seo?.state === 'failed' && seo.reason).toContain('/plugins/0/settings/wordsPerMinute: must be a whole number from 100 to 600');
  });

  it('skips a failing tap, logs it with site, plugin and hook, and switches the plugin off on that site only', async () => {
    plugin(
      box,
      'flaky',
      'test.flaky',
      `export default definePlugin({ setup({ hooks }) {
        hooks.addFilter('theme:head', () => { throw new Error('flaky head'); });
        hooks.addFilter('theme:foot', (foot) => foot + '<!-- flaky foot -->');
      } });`,
    );
    box.site('flaky-site', { plugins: [{ id: 'test.flaky' }] });
    box.site('other-flaky', { plugins: [{ id: 'test.flaky' }] });
    const { log, lines } = captureLog();
    host = await box.host({ log });
    // 404 pages are never cached, so each visit renders and runs the failing tap again.
    for (let i = 0; i < 5; i++) {
      const page = await get('flaky-site.localhost', `/missing-${i}/`);
      expect(page.status).toBe(404);
      // The fifth failure switches the plugin off at once, before its foot tap would run.
      if (i < 4) expect(page.text).toContain('<!-- flaky foot -->');
    }
    const failure = lines().find((line) => line.msg === 'plugin test.flaky failed in theme:head: threw: flaky head');
    expect(failure).toMatchObject({ site: 'flaky-site', plugin: 'test.flaky', hook: 'theme:head' });
    const [flaky] = (await status('flaky-site')).plugins;
    expect(flaky).toMatchObject({ id: 'test.flaky', state: 'switched-off', reason: expect.stringContaining('switched off after 5 failures within 60 s') });
    expect((await get('flaky-site.localhost')).text).not.toContain('<!-- flaky foot -->');
    expect((await status('other-flaky')).plugins[0]).toMatchObject({ state: 'active' });
    expect((await get('other-flaky.localhost')).text).toContain('<!-- flaky foot -->');
  });

  it('keeps a switched-off plugin off after a restart', async () => {
    plugin(box, 'flaky', 'test.flaky', `export default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:head', () => { throw new Error('x'); }); } });`);
    box.site('flaky-site', { plugins: [{ id: 'test.flaky' }] });
    host = await box.host({ hookTimeLimitMs: 1000 });
    for (let i = 0; i < 5; i++) await get('flaky-site.localhost', `/p${i}/`);
    await host.close();
    host = await box.host();
    expect((await status('flaky-site')).plugins[0]).toMatchObject({ state: 'switched-off' });
  });

  it('answers a render error with the theme’s error page and no stack trace', async () => {
    box.write('themes/partial-less/package.json', { name: 'partial-less', version: '1.0.0' });
    // A partial named at render time: the theme checker cannot know it is missing, so it fails live.
    box.write('themes/partial-less/index.hbs', '{{> (concat "missing-" "partial")}}');
    box.write('themes/partial-less/post.hbs', '{{title}}');
    box.write('themes/partial-less/error.hbs', '<h1>Oops {{statusCode}}</h1>');
    box.site('renders-badly', { theme: { id: 'partial-less' } });
    host = await box.host();
    const page = await get('renders-badly.localhost');
    expect(page.status).toBe(500);
    expect(page.text).toBe('<h1>Oops 500</h1>');
    expect(page.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('refuses the second site that claims a domain', async () => {
    box.site('first', { domains: ['shared.example'] });
    box.site('second', { domains: ['shared.example'] });
    host = await box.host();
    expect((await get('shared.example')).text).toContain('Site first');
    expect((await status('second')).reason).toContain('"shared.example" is already served by site "first"');
  });

  it('reloads only the site whose site.json was edited', async () => {
    const file = box.site('editable', { title: 'Before' });
    host = await box.host();
    expect((await get('editable.localhost')).text).toContain('<title>Before</title>');
    const healthy = await host.registry.acquire(host.registry.get('healthy')!);
    healthy.release();
    writeFileSync(file, JSON.stringify({ guild: 1, id: 'editable', title: 'After', theme: { id: 'journal' }, builtBy: 'tester' }));
    await eventually(async () => expect((await get('editable.localhost')).text).toContain('<title>After</title>'));
    const again = await host.registry.acquire(host.registry.get('healthy')!);
    again.release();
    expect(again.site).toBe(healthy.site);
  });

  it('serves a site whose folder appears while running, without a restart', async () => {
    host = await box.host();
    expect((await get('late.localhost')).status).toBe(404);
    box.site('late', { title: 'Late Arrival' });
    await eventually(async () => expect((await get('late.localhost')).text).toContain('Late Arrival'));
  });

  it('picks up a changed template or plugin on the next request, reloading only the sites using it', async () => {
    box.write('themes/live/package.json', { name: 'live', version: '1.0.0' });
    box.write('themes/live/index.hbs', '<p>version one</p>{{guild_foot}}');
    box.write('themes/live/post.hbs', '{{title}}');
    plugin(box, 'footer', 'test.footer', `export default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:foot', (html) => html + '<i>plugin one</i>'); } });`);
    box.site('live-site', { theme: { id: 'live' }, plugins: [{ id: 'test.footer' }] });
    host = await box.host();
    expect((await get('live-site.localhost')).text).toBe('<p>version one</p><i>plugin one</i>');
    const healthy = await host.registry.acquire(host.registry.get('healthy')!);
    healthy.release();

    box.write('themes/live/index.hbs', '<p>version two</p>{{guild_foot}}');
    await eventually(async () => expect((await get('live-site.localhost')).text).toBe('<p>version two</p><i>plugin one</i>'));
    box.write('plugins/footer/index.ts', `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:foot', (html) => html + '<i>plugin two</i>'); } });`);
    await eventually(async () => expect((await get('live-site.localhost')).text).toBe('<p>version two</p><i>plugin two</i>'));

    const again = await host.registry.acquire(host.registry.get('healthy')!);
    again.release();
    expect(again.site).toBe(healthy.site);
  });
});
