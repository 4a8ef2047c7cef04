// Each plugin's state on each site, as the admin shows it to the owner, and switching one back on.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { pluginStates } from '../../core/site/index.ts';
import { team, type Client } from '../support/admin.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

// First-party plugins run in the host, or sandboxed under GUILD_SANDBOX_ALL=1.
const sandboxAll = process.env.GUILD_SANDBOX_ALL === '1';

describe('plugin states in the admin', () => {
  let box: Sandbox;
  let host: Host;
  const owners: Record<string, Client> = {};
  let mixedTeam: Awaited<ReturnType<typeof team>>;
  const list = async (site: string) => (await owners[site]!.get('/admin/api/plugins')).body.plugins;

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/moody/plugin.json', pluginManifest('test.moody', ['hooks']));
    // Fails on pages whose path holds "bad", and only there.
    box.write('plugins/moody/index.ts', `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('theme:foot', (foot, page) => { if (page.path.includes('bad')) throw new Error('moody today'); return foot + '<!-- moody -->'; });
} });`);
    box.write('plugins/broken/plugin.json', pluginManifest('test.broken', ['hooks']));
    box.write('plugins/broken/index.ts', `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup() { throw new Error('cannot start'); } });`);
    box.site('mixed', { plugins: [{ id: 'guild.seo' }, { id: 'test.moody' }, { id: 'test.broken' }, { id: 'guild.analytics', active: false }] });
    box.site('calm', { plugins: [{ id: 'test.moody' }] });
    host = await box.host();
    mixedTeam = await team(host, 'mixed');
    owners.mixed = mixedTeam.owner;
    owners.calm = (await team(host, 'calm')).owner;
  });
  afterAll(() => box.remove());

  it('tells active, failing with the last error, failed at setup, and inactive apart', async () => {
    await request(host.app).get('/bad-one/').set('Host', 'mixed.localhost');
    const plugins = await list('mixed');
    expect(plugins).toEqual([
      expect.objectContaining({ id: 'guild.seo', name: 'SEO', state: 'active', version: '1.0.0', isolated: sandboxAll, pages: [{ path: 'overrides', title: 'SEO overrides' }], settings: true }),
      expect.objectContaining({ id: 'test.moody', state: 'failing', isolated: true, lastError: expect.objectContaining({ hook: 'theme:foot', reason: expect.stringContaining('moody today') }) }),
      expect.objectContaining({ id: 'test.broken', state: 'failed', reason: expect.stringContaining('failed in its setup') }),
      expect.objectContaining({ id: 'guild.analytics', state: 'inactive' }),
    ]);
  });

  it('leaves failures and switching on to the owner: an editor sees states without reasons, an author nothing', async () => {
    const { editor, author } = mixedTeam;
    const seen = (await editor.get('/admin/api/plugins')).body.plugins;
    expect(seen.map((plugin: { state: string }) => plugin.state)).toEqual(['active', 'failing', 'failed', 'inactive']);
    expect(seen[1]).not.toHaveProperty('lastError');
    expect(seen[2]).not.toHaveProperty('reason');
    const refused = await editor.post('/admin/api/plugins/test.moody/switch-on');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'GUILD_ERR_FORBIDDEN', message: expect.stringContaining('does not allow managing plugins') });
    for (const path of ['/admin/api/plugins', '/admin/api/plugins/guild.seo/pages/overrides', '/admin/api/plugins/editor-panels']) {
      expect((await author.get(path)).status).toBe(403);
    }
    expect((await request(host.app).get('/admin/api/plugins').set('Host', 'mixed.admin.localhost')).status).toBe(401);
    expect((await owners.mixed!.post('/admin/api/plugins/test.nothing/switch-on')).body.error.code).toBe('GUILD_ERR_PLUGIN_NOT_ON_SITE');
  });

  it('shows a plugin switched off and why, on that site only, and switches it back on', async () => {
    for (let i = 0; i < 5; i++) await request(host.app).get(`/bad-${i}/`).set('Host', 'mixed.localhost');
    const [, moody] = await list('mixed');
    expect(moody).toMatchObject({ state: 'switched-off', reason: expect.stringContaining('switched off after 5 failures'), since: expect.any(String) });
    expect((await list('calm'))[0]).toMatchObject({ state: 'active' });
    expect((await request(host.app).get('/').set('Host', 'mixed.localhost')).text).not.toContain('<!-- moody -->');

    const switched = await owners.mixed!.post('/admin/api/plugins/test.moody/switch-on');
    expect(switched.body).toEqual({ switchedOn: true });
    expect((await list('mixed'))[1]).toMatchObject({ id: 'test.moody', state: 'active' });
    expect((await request(host.app).get('/').set('Host', 'mixed.localhost')).text).toContain('<!-- moody -->');
  });

  it('answers the same through pluginStates() for other callers', async () => {
    const { site, release } = await host.registry.acquire(host.registry.get('calm')!);
    expect(pluginStates(site)).toEqual([{ id: 'test.moody', state: 'active', version: '1.0.0', isolated: true }]);
    release();
  });
});
