// The guild CLI as a freelancer runs it: real processes over a temp sites folder (GUILD_SITES).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guild as run } from '../support/cli.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild CLI', { timeout: 60_000 }, () => {
  let box: Sandbox;

  const guild = (...args: string[]) => run(box, ...args);

  beforeAll(() => {
    box = sandbox();
    box.site('good', { title: 'Good Site', domains: ['good.example'], plugins: [{ id: 'guild.seo' }] });
    box.site('bad', { domains: ['Bad Host'], theme: { id: 'missing' } });
  });
  afterAll(() => box.remove());

  it('validates a good manifest with exit 0', async () => {
    const result = await guild('site', 'validate', 'good');
    expect(result).toMatchObject({ code: 0, stdout: 'sites/good/site.json is valid.\n' });
  });

  it('lists every problem of a bad manifest, one line each, with exit 1', async () => {
    const result = await guild('site', 'validate', 'bad');
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual(['sites/bad/site.json /domains/0: must be a host name like "acme.example"']);
    box.site('themeless', { theme: { id: 'missing' }, plugins: [{ id: 'acme.absent' }] });
    const references = await guild('site', 'validate', 'themeless');
    expect(references.code).toBe(1);
    expect(references.stdout).toContain('sites/themeless/site.json /theme/id: names a theme that is not installed; installed: atelier, journal');
    expect(references.stdout).toContain('sites/themeless/site.json /plugins/0/id: names a plugin that is not installed');
  });

  it('creates a site that validates, and refuses a taken slug or domain', async () => {
    const created = await guild('site', 'new', 'fresh', '--title', 'Fresh Bakery', '--domain', 'fresh.example', '--built-by', 'ada', '--timezone', 'Europe/Berlin');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('http://fresh.localhost:3000/');
    const manifest = JSON.parse(readFileSync(path.join(box.sitesDir, 'fresh', 'site.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: 'fresh', title: 'Fresh Bakery', domains: ['fresh.example'], theme: { id: 'journal' }, builtBy: 'ada', timezone: 'Europe/Berlin' });
    expect((await guild('site', 'validate', 'fresh')).code).toBe(0);

    const again = await guild('site', 'new', 'fresh', '--title', 'x', '--built-by', 'ada');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A site called "fresh" already exists');
    const taken = await guild('site', 'new', 'copycat', '--title', 'x', '--built-by', 'ada', '--domain', 'good.example');
    expect(taken.stderr).toContain('The domain "good.example" is already served by site "good"');
    const invalid = await guild('site', 'new', 'Bad Slug', '--title', 'x', '--built-by', 'ada');
    expect(invalid.stderr).toContain('/id: must be a slug like "acme-bakery"');
  });

  it('lists sites with domains, theme, plugins, builder and state, and why a site is refused', async () => {
    const result = await guild('site', 'list');
    expect(result.code).toBe(0);
    const good = result.stdout.split('\n').find((line) => line.startsWith('good '))!;
    // No host runs here: the list says so rather than claim the sites serve (issue 13).
    expect(result.stdout).toContain('No host is running');
    expect(good).toMatch(/good\s+stopped\s+good\.example, good\.localhost\s+journal\s+guild\.seo\s+tester/);
    expect(result.stdout).toMatch(/bad\s+refused/);
    expect(result.stdout).toContain('bad is refused:\n  sites/bad/site.json:10 /domains/0: must be a host name like "acme.example"');
    const json = JSON.parse((await guild('site', 'list', '--json')).stdout);
    expect(json.find((site: { slug: string }) => site.slug === 'good')).toMatchObject({ state: 'stopped', plugins: [{ id: 'guild.seo', state: 'active' }] });
  });

  it('prints every hook with its taps in run order', async () => {
    const result = await guild('hooks', 'good');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('theme:head  async filter\n  HTML for the head outlet');
    expect(result.stdout).toMatch(/theme:head[^\n]*\n[^\n]*\n\s+10 {2}guild\.seo {2}/);
    expect(result.stdout).toContain('guild.seo:meta-tags  sync filter (declared by guild.seo)');
    expect(result.stdout).toContain('robots:txt  sync filter\n  The text served at /robots.txt.\n    no taps');
    expect((await guild('hooks', 'nope')).stderr).toContain('There is no site "nope"');
  });

  it('launches a site that a running host serves at once', async () => {
    const host = await box.host();
    await host.listen();
    const created = await guild('site', 'new', 'instant', '--title', 'Instant Site', '--built-by', 'ada');
    expect(created.code).toBe(0);
    await eventually(async () => {
      const response = await request(host.app).get('/').set('Host', 'instant.localhost');
      expect(response.status).toBe(200);
      expect(response.text).toContain('Welcome to Instant Site');
    });
  });

  it('switches a plugin the host switched off back on, and the running host reloads the site', async () => {
    box.write('plugins/flaky/plugin.json', { guild: 1, id: 'test.flaky', name: 'Flaky', version: '1.0.0', author: { handle: 'tester' }, license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities: ['hooks'] });
    box.write('plugins/flaky/index.ts', `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:head', () => { throw new Error('flaky'); }); } });`);
    box.site('wobbly', { plugins: [{ id: 'test.flaky' }] });
    const host = await box.host();
    const status = async () => (await host.registry.status(host.registry.get('wobbly')!)).plugins[0];
    for (let i = 0; i < 5; i++) await request(host.app).get(`/missing-${i}/`).set('Host', 'wobbly.localhost');
    expect(await status()).toMatchObject({ state: 'switched-off' });

    const result = await guild('plugin', 'enable', 'wobbly', 'test.flaky');
    expect(result.stdout).toContain('Plugin test.flaky is switched back on for wobbly.');
    await eventually(async () => expect(await status()).toMatchObject({ state: 'active' }));
    expect((await guild('plugin', 'enable', 'wobbly', 'test.flaky')).stdout).toContain('is not switched off on wobbly; nothing to do.');
  });
});
