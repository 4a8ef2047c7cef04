// Issue 11 item 9: the hook half of the SDK stays WordPress-faithful for a plugin, whether it runs
// in the host (trusted) or isolated: kinds are enforced, every argument reaches every tap, has /
// removeAll / currentPriority answer as WordPress's has_filter, remove_all_filters and
// current_priority do, and doing() / current() are over once the run is.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';
import { pluginManifest } from '../support/plugins.ts';

const PLUGIN = `import { definePlugin } from '@guild/sdk';
const refused = (run) => { try { run(); return 'ran'; } catch (error) { return error.message; } };
export default definePlugin({ setup({ hooks, routes }) {
  const seen = [];
  let later;
  const first = (value, ...rest) => { seen.push(['first', value, ...rest, hooks.currentPriority()]); return value + '+first'; };
  hooks.addFilter('test.wp:filter', first, { priority: 3 });
  hooks.addFilter('test.wp:filter', (value, ...rest) => { seen.push(['second', value, ...rest, hooks.currentPriority()]); return value + '+second'; });
  hooks.addAction('test.wp:act', (...args) => {
    seen.push(['act', ...args]);
    const snapshot = () => [hooks.doing(), hooks.current() ?? null, hooks.currentPriority()];
    // A promise the tap leaves running, and a timer where there are timers (a sandbox has none).
    later = Promise.all([Promise.resolve().then(snapshot), typeof setTimeout === 'function' ? new Promise((resolve) => setTimeout(() => resolve(snapshot()), 5)) : Promise.resolve().then(snapshot)]);
  }, { priority: 0 });
  routes.get('/check', async () => {
    seen.length = 0;
    const filtered = hooks.applyFilters('test.wp:filter', 'v', 'one', 'two', 'three');
    hooks.doAction('test.wp:act', 'p', 'one', 'two');
    const afterwards = await later;
    const json = {
      filtered, seen: [...seen], afterwards,
      actionAsFilter: refused(() => hooks.applyFilters('test.wp:act', 'v')),
      filterAsAction: refused(() => hooks.doAction('test.wp:filter', 'v')),
      hasFirst: hooks.has('test.wp:filter', first),
      hasFirstAt: [hooks.has('test.wp:filter', first, 3), hooks.has('test.wp:filter', first, 10)],
      hasStranger: hooks.has('test.wp:filter', () => 1),
      hasAny: hooks.has('test.wp:filter'),
      hasNone: hooks.has('theme:head'),
      outside: [hooks.doing(), hooks.current() ?? null, hooks.currentPriority()],
    };
    hooks.removeAll('test.wp:filter', 3);
    json.afterRemoveAt3 = [hooks.has('test.wp:filter', first), hooks.has('test.wp:filter'), hooks.applyFilters('test.wp:filter', 'w')];
    hooks.removeAll('test.wp:filter');
    json.afterRemoveAll = [hooks.has('test.wp:filter'), hooks.applyFilters('test.wp:filter', 'w')];
    return { json };
  });
} });`;

describe.each([
  ['in the host', true],
  ['isolated', false],
])('the SDK hooks of a plugin running %s', (_label, trusted) => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    box.write('plugins/wp/plugin.json', pluginManifest('test.wp', ['hooks', 'routes'], {
      hooks: {
        'test.wp:filter': { kind: 'filter', mode: 'sync', doc: 'a filter with extra arguments' },
        'test.wp:act': { kind: 'action', mode: 'sync', doc: 'an action with extra arguments' },
      },
    }));
    box.write('plugins/wp/index.ts', PLUGIN);
    box.site('wp', { plugins: [{ id: 'test.wp' }] });
    host = await box.host({ trustedPlugins: trusted ? ['test.wp'] : [] });
  });
  afterAll(() => box.remove());

  it('behaves as WordPress’s hook functions do', async () => {
    const response = await request(host.app).get('/p/test.wp/check').set('Host', 'wp.localhost');
    expect(response.status).toBe(200);
    const body = response.body as Record<string, unknown>;
    expect(body.filtered).toBe('v+first+second');
    expect(body.seen).toEqual([
      ['first', 'v', 'one', 'two', 'three', 3],
      ['second', 'v+first', 'one', 'two', 'three', 10],
      ['act', 'p', 'one', 'two'],
    ]);
    expect(body.afterwards).toEqual([[false, null, false], [false, null, false]]);
    expect(body.actionAsFilter).toMatch(/"test.wp:act" is an action; it cannot be used as a filter/);
    expect(body.filterAsAction).toMatch(/"test.wp:filter" is a filter; it cannot be used as an action/);
    expect(body).toMatchObject({ hasFirst: 3, hasFirstAt: [true, false], hasStranger: false, hasAny: true, hasNone: false, outside: [false, null, false] });
    expect(body.afterRemoveAt3).toEqual([false, true, 'w+second']);
    expect(body.afterRemoveAll).toEqual([false, 'w']);
  });
});
