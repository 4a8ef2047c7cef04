// The bridge into a sandboxed plugin: every call crosses as a JSON copy, by name, onto the host's
// own context; functions keep their identity across it, calls nest both ways, promises settle both
// ways, and the sandbox's missing Intl and console are the host's.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host, HostOptions } from '../../core/host/index.ts';
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

/** A host with one site running one sandboxed plugin (its manifest and source), the host's log captured. */
async function hostWith(manifest: ReturnType<typeof pluginManifest>, source: string, slug: string, site: object, options: Partial<HostOptions> = {}) {
  const box = sandbox();
  box.write(`plugins/${manifest.id}/plugin.json`, manifest);
  box.write(`plugins/${manifest.id}/index.ts`, source);
  box.site(slug, { title: slug, ...site, plugins: [{ id: manifest.id }] });
  const logged = captureLog();
  return { box, logged, host: await box.host({ ...options, log: logged.log }) };
}

describe('sandboxed plugins: the bridge', () => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;

  beforeAll(async () => {
    const manifest = pluginManifest('test.bridge', ['hooks', 'storage', 'routes'], { hooks: { 'test.bridge:label': { kind: 'filter', mode: 'sync', doc: 'A label.' } } });
    ({ box, host, logged } = await hostWith(manifest, PLUGIN, 'bridged', { timezone: 'Pacific/Auckland' }));
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

// Each tap declares one parameter, or three: a call sends one argument alone (a string as itself)
// and a list otherwise, and the answer comes back as a string itself, a promise, or JSON. The echo
// changes what it returns (a string gains "!", anything else is wrapped): a tap that failed and was
// skipped would hand back its value unchanged, which must not pass for a value that crossed.
const FORMS = `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  setup({ hooks }) {
    const echo = (value) => (typeof value === 'string' ? value + '!' : { got: value });
    hooks.addFilter('test.forms:echo', echo);
    hooks.addFilter('test.forms:typed', (value) => [typeof value, value === null, Array.isArray(value)]);
    hooks.addFilter('test.forms:list', (value, a, b) => [value, a, b]);
    hooks.addFilter('test.forms:later', async (value) => echo(value));
    hooks.addFilter('test.forms:throws', (value) => { throw new TypeError('bad ' + value); });
    hooks.addFilter('test.forms:rejects', async (value) => { throw new RangeError('late ' + value); });
    hooks.addFilter('test.forms:lent', (value, page) => {
      const title = page.title;
      page.title = 'changed here';
      return [title, page.title, Object.keys(page), JSON.parse(JSON.stringify(page)), 'post' in page, page.missing, value];
    });
    let kept;
    hooks.addFilter('test.forms:keep', async (value, page) => { kept = page; await null; return page.path; });
    hooks.addFilter('test.forms:kept', () => { try { return kept.title; } catch (error) { return 'refused: ' + error.message; } });
  },
});`;

describe('sandboxed plugins: values crossing a call', () => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;
  const filter = { kind: 'filter', mode: 'sync', doc: 'A value.' };
  const run = async (hook: string, args: unknown[]) => {
    const { site, release } = await host.registry.acquire(host.registry.get('forms')!);
    try {
      return await site.hooks.runAs('test.forms', `test.forms:${hook}`, args);
    } finally {
      release();
    }
  };

  beforeAll(async () => {
    const manifest = pluginManifest('test.forms', ['hooks'], { hooks: { 'test.forms:echo': filter, 'test.forms:typed': filter, 'test.forms:list': filter, 'test.forms:later': { ...filter, mode: 'async' }, 'test.forms:throws': filter, 'test.forms:rejects': { ...filter, mode: 'async' }, 'test.forms:lent': filter, 'test.forms:keep': { ...filter, mode: 'async' }, 'test.forms:kept': filter } });
    // Copying a large string costs QuickJS milliseconds: a budget a busy machine cannot overrun
    // keeps this test about the values (the budget has tests of its own, in hostile/).
    ({ box, host, logged } = await hostWith(manifest, FORMS, 'forms', {}, { sandboxTimeLimitMs: 2000 }));
  });
  afterAll(() => box.remove());

  it('arrive and return unchanged: strings with NUL, lone surrogates or U+FFFD, strings that look like the answer’s marks, large strings, JSON values', async () => {
    const large = 'é€😀 <p>\n'.repeat(10_000);
    const nested = { a: [1, 'x', [null, { deep: [[['😀']]] }]], b: { c: null, d: -1.5e-7, e: Number.MAX_SAFE_INTEGER }, '': 'empty key', 'k\u0000': 'x\ud800' };
    const values = ['plain', '', 'a\u0000b', 'x\ud800y', '\udc00', 'é€😀', 'a real \ufffd', '=x', '=3:abc', '$1', '"quoted"', large, large + '\u0000', 42, 0, -3.25, 1e300, true, false, null, [], {}, nested, ['home'], [large, nested]];
    for (const value of values) {
      const echoed = typeof value === 'string' ? value + '!' : { got: value };
      expect(await run('echo', [value, {}])).toEqual(echoed);
      expect(await run('later', [value, {}])).toEqual(echoed);
    }
  });

  it('arrive with their types, as JSON would carry them (undefined as null), one argument or several', async () => {
    expect(await run('typed', ['5', {}])).toEqual(['string', false, false]);
    expect(await run('typed', [5, {}])).toEqual(['number', false, false]);
    expect(await run('typed', [['5'], {}])).toEqual(['object', false, true]);
    expect(await run('typed', [undefined, {}])).toEqual(['object', true, false]);
    expect(await run('list', ['v', 'x\u0000y', { n: 1 }])).toEqual(['v', 'x\u0000y', { n: 1 }]);
    expect(await run('list', ['v', undefined, () => 1])).toEqual(['v', null, null]);
  });

  it('a page (a plain object after the value) is lent: read field by field, changed only in the plugin’s copy, readable until its call ends', async () => {
    const page = { title: 'A title', path: '/a/', post: { html: '<p>long</p>'.repeat(1000), tags: ['x'] }, nothing: null, unset: undefined, method: () => 1 };
    const [title, changed, keys, whole, hasPost, missing, value] = (await run('lent', ['v', page])) as unknown[];
    expect([title, changed, keys, hasPost, missing, value]).toEqual(['A title', 'changed here', ['title', 'path', 'post', 'nothing'], true, null, 'v']);
    expect(whole).toEqual({ title: 'changed here', path: '/a/', post: page.post, nothing: null });
    // The value beside a lent page arrives intact whatever it holds: lines, JSON, NUL, a lone surrogate.
    for (const text of ['<meta a="1">\n["x",{"y":2}]\n', '', 'a\u0000b', 'x\ud800y', 'é€😀\n'.repeat(1000)]) {
      expect(((await run('lent', [text, page])) as unknown[])[6]).toBe(text);
    }
    expect(page.title).toBe('A title');
    expect(await run('keep', ['v', page])).toBe('/a/');
    expect(await run('kept', ['v'])).toMatch(/^refused: .*read "title" of an argument after its call had ended: keep what you need of it during the call/);
  });

  it('a thrown or rejected error comes back with its message: the tap is skipped and the site’s log says why', async () => {
    expect(await run('throws', ['x', {}])).toEqual('x');
    expect(await run('rejects', ['y', {}])).toEqual('y');
    const failures = logged.lines().filter((line) => ['test.forms:throws', 'test.forms:rejects'].includes(String(line.hook))).map((line) => line.msg);
    expect(failures).toEqual(['plugin test.forms failed in test.forms:throws: threw: bad x', 'plugin test.forms failed in test.forms:rejects: rejected: late y']);
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
    ({ box, host, logged } = await hostWith(pluginManifest('test.timers', ['storage', 'routes']), TIMERS, 'timed', {}));
  });
  afterAll(() => box.remove());

  it('runs a callback later with its arguments; a cleared one never runs, and none is logged as failed', async () => {
    expect((await get('/later?ms=30&word=soon')).body).toEqual({ ok: true });
    await waitFor(async () => (await fired()).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await fired()).toEqual(['soon']);
    // Every timer that ran used to log "a timer (setTimeout) failed: "undefined" is not valid JSON".
    expect(logged.lines().filter((line) => line.site === 'timed' && String(line.msg).includes('a timer (setTimeout) failed'))).toEqual([]);
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
