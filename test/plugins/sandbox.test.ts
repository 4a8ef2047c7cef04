// The bridge into a sandboxed plugin: every call crosses as a JSON copy, by name, onto the host's
// own context; functions keep their identity across it, calls nest both ways, promises settle both
// ways, and the sandbox's missing Intl and console are the host's.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { captureLog, sandbox, type Sandbox } from '../support/sandbox.ts';
import { pluginManifest } from '../support/plugins.ts';

const PLUGIN = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [{ version: 1, name: 'counts', up: (s) => s.exec('CREATE TABLE ' + s.table('counts') + ' (n INTEGER)') }],
  setup({ hooks, storage, routes, site }) {
    const removed = (classes) => [...classes, 'removed-tap'];
    hooks.addFilter('theme:body-class', removed);
    const wasRemoved = hooks.removeFilter('theme:body-class', removed);
    // Runs its own hook, whose tap (this plugin's too) is called back into the sandbox from inside the call.
    hooks.addFilter('test.bridge:label', (label, context) => label + ' for ' + context.who);
    hooks.addFilter('theme:body-class', (classes) => [...classes, hooks.applyFilters('test.bridge:label', 'label', { who: 'you' }).replace(/ /g, '-')]);
    hooks.addFilter('theme:foot', async (foot, page) => {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: site.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(0));
      const n = storage.transaction(() => { storage.run('INSERT INTO ' + storage.table('counts') + ' (n) VALUES (?)', 1); return storage.get('SELECT COUNT(*) AS n FROM ' + storage.table('counts')).n; });
      await null;
      return foot + '<!-- bridge: removed=' + wasRemoved + ' day=' + day + ' rows=' + n + ' path=' + page.path + ' -->';
    });
    routes.get('/echo', async (req) => { console.log('echo asked', req.query.q); return { json: { q: req.query.q, proto: Object.getPrototypeOf(req) === Object.prototype } }; });
  },
});`;

describe('sandboxed plugins: the bridge', () => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/bridge/plugin.json', pluginManifest('test.bridge', ['hooks', 'storage', 'routes'], { hooks: { 'test.bridge:label': { kind: 'filter', mode: 'sync', doc: 'A label.' } } }));
    box.write('plugins/bridge/index.ts', PLUGIN);
    box.site('bridged', { title: 'Bridged', timezone: 'Pacific/Auckland', plugins: [{ id: 'test.bridge' }] });
    logged = captureLog();
    host = await box.host({ log: logged.log });
  });
  afterAll(() => box.remove());

  it('keeps a function’s identity, nests calls both ways, and settles promises both ways', async () => {
    const status = await host.registry.status(host.registry.get('bridged')!);
    expect(status.plugins[0]).toMatchObject({ state: 'active', isolated: true });
    const page = await request(host.app).get('/').set('Host', 'bridged.localhost');
    expect(page.text).toMatch(/<body class="[^"]*label-for-you/);
    expect(page.text).not.toContain('removed-tap');
    expect(page.text).toContain('<!-- bridge: removed=true day=1970-01-01 rows=1 path=/ -->');
  });

  it('answers a route with a copy of the request, and its console goes to the site’s log', async () => {
    const answer = await request(host.app).get('/p/test.bridge/echo?q=hello').set('Host', 'bridged.localhost');
    expect(answer.body).toEqual({ q: 'hello', proto: true });
    expect(logged.lines().some((line) => line.site === 'bridged' && line.plugin === 'test.bridge' && line.msg === 'echo asked hello')).toBe(true);
  });
});
