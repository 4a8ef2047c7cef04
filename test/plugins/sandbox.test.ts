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

const TIMERS = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [{ version: 1, name: 'fired', up: (s) => s.exec('CREATE TABLE ' + s.table('fired') + ' (word TEXT)') }],
  setup({ storage, routes }) {
    const fired = storage.table('fired');
    const record = (word) => storage.run('INSERT INTO ' + fired + ' (word) VALUES (?)', word);
    routes.get('/later', async (req) => {
      setTimeout(record, Number(req.query.ms), req.query.word);
      clearTimeout(setTimeout(record, 0, 'cleared'));
      return { json: { ok: true } };
    });
    routes.get('/fired', async () => ({ json: storage.all('SELECT word FROM ' + fired).map((row) => row.word) }));
    // In setup, whose time limit is seconds: a hundred calls to the host can outlast a page's budget on a busy machine.
    const flood = [];
    let refused = '';
    try { for (;;) flood.push(setTimeout(() => record('flood'), 3600000)); } catch (error) { refused = error.message; }
    flood.forEach(clearTimeout);
    routes.get('/flood', async () => ({ json: { set: flood.length, error: refused } }));
    // A timer's callback runs within the budget: a loop of heavy built-ins is stopped there, and its sandbox discarded.
    routes.get('/spin-later', async () => { setTimeout(() => { for (;;) 'x'.repeat(1e5); }, 0); return { json: { ok: true } }; });
  },
});`;

describe('sandboxed plugins: setTimeout and clearTimeout', () => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;
  const get = (path: string) => request(host.app).get(`/p/test.timers${path}`).set('Host', 'timed.localhost');
  const fired = async () => (await get('/fired')).body as string[];
  const waitFor = async (done: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await done()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/timers/plugin.json', pluginManifest('test.timers', ['storage', 'routes']));
    box.write('plugins/timers/index.ts', TIMERS);
    box.site('timed', { title: 'Timed', plugins: [{ id: 'test.timers' }] });
    logged = captureLog();
    host = await box.host({ log: logged.log });
  });
  afterAll(() => box.remove());

  it('runs a callback later with its arguments; a cleared one never runs', async () => {
    expect((await get('/later?ms=30&word=soon')).body).toEqual({ ok: true });
    await waitFor(async () => (await fired()).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await fired()).toEqual(['soon']);
  });

  it('refuses a timer past the cap on pending ones, naming the limit', async () => {
    const flood = (await get('/flood')).body as { set: number; error: string };
    expect(flood.set).toBe(100);
    expect(flood.error).toContain('has 100 timers pending already');
  });

  it('runs a callback within the budget; a sandbox discarded there drops its pending timers', async () => {
    await get('/later?ms=300&word=dropped');
    await get('/spin-later');
    await waitFor(async () => logged.lines().some((line) => line.site === 'timed' && String(line.msg).includes('inside a built-in and was stopped')));
    expect(logged.lines().some((line) => line.site === 'timed' && String(line.msg).includes('overran: ran past its'))).toBe(true);
    await waitFor(async () => (await get('/fired')).status === 200); // started afresh
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await fired()).toEqual(['soon']); // not "dropped", nor any of the flood's
  });
});
