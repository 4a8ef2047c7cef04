// A third party's plugin runs in a worker thread: one that throws, one that never answers, one
// that loops forever and one that allocates without end cannot stop the host serving every other
// site, and the affected site's page still renders, without that plugin's part.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { captureLog, eventually, sandbox, type Sandbox } from '../support/sandbox.ts';
import { pluginManifest } from '../support/plugins.ts';

const TIME_LIMIT_MS = 300;

/** A plugin that marks every page's foot, and misbehaves on pages whose path holds "bad". */
function misbehaving(name: string, hook: string, misbehaviour: string): string {
  return `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('theme:foot', (foot) => foot + '<!-- ${name} was here -->');
  hooks.addFilter('${hook}', (value, page) => { if (page.path.includes('bad')) { ${misbehaviour} } return value; });
} });`;
}

const PLUGINS: Record<string, [hook: string, misbehaviour: string]> = {
  thrower: ['theme:body-class', `throw new Error('thrown on purpose');`],
  hanger: ['theme:head', `return new Promise(() => {});`],
  looper: ['theme:body-class', `for (;;) {}`],
  hog: ['navigation:items', `const kept = []; for (;;) kept.push(new Array(1e5).fill(Math.random()));`],
};

describe('isolated plugins', () => {
  let box: Sandbox;
  let host: Host;
  let logged: ReturnType<typeof captureLog>;
  const get = (site: string, path = '/') => request(host.app).get(path).set('Host', `${site}.localhost`);

  beforeAll(async () => {
    box = sandbox();
    for (const [name, [hook, misbehaviour]] of Object.entries(PLUGINS)) {
      box.write(`plugins/${name}/plugin.json`, pluginManifest(`test.${name}`, ['hooks']));
      box.write(`plugins/${name}/index.ts`, misbehaving(name, hook, misbehaviour));
      box.site(name, { title: `The ${name} site`, plugins: [{ id: `test.${name}` }] });
    }
    box.site('calm', { title: 'The calm site' });
    logged = captureLog();
    host = await box.host({ hookTimeLimitMs: TIME_LIMIT_MS, pluginMemoryMb: 32, log: logged.log });
  });
  afterAll(() => box.remove());

  it('runs a third party’s plugin in a worker, a first party’s in the host', async () => {
    const status = await host.registry.status(host.registry.get('looper')!);
    expect(status.plugins[0]).toMatchObject({ id: 'test.looper', state: 'active', isolated: true });
    expect((await get('looper')).text).toContain('<!-- looper was here -->');
  });

  it.each(Object.keys(PLUGINS))('the %s site still renders its page, and every other site keeps serving', async (name) => {
    const [affected, calm] = await Promise.all([get(name, '/bad-page/'), get('calm')]);
    expect(affected.status).toBe(404); // the theme's own 404 page, rendered in full
    expect(affected.text).toContain(`The ${name} site`);
    expect(affected.text).toContain('</html>');
    expect(calm.status).toBe(200);
    expect(calm.text).toContain('The calm site');
    expect(logged.lines().some((line) => line.site === name && line.plugin === `test.${name}` && String(line.msg).startsWith(`plugin test.${name} failed in`))).toBe(true);
  });

  it('cuts an endless loop off at the time limit and starts the plugin’s worker again', async () => {
    const started = performance.now();
    await get('looper', '/bad-again/');
    expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS * 6);
    expect(logged.lines().some((line) => line.site === 'looper' && /did not answer within 300 ms: its worker was stopped and is starting again/.test(String(line.msg)))).toBe(true);
    await eventually(async () => expect((await get('looper')).text).toContain('<!-- looper was here -->'));
  });

  it('restarts a worker that ran out of memory', async () => {
    await get('hog', '/bad-memory/');
    await eventually(() => expect(logged.lines().some((line) => line.site === 'hog' && /worker stopped unexpectedly|did not answer/.test(String(line.msg)))).toBe(true));
    await eventually(async () => expect((await get('hog')).text).toContain('<!-- hog was here -->'));
  });

  it('skips a tap that never answers without restarting a worker that still answers', async () => {
    const page = await get('hanger', '/bad-wait/');
    expect(page.text).toContain('<!-- hanger was here -->');
    expect(logged.lines().some((line) => line.site === 'hanger' && String(line.msg).includes('theme:head did not answer') && String(line.msg).includes('restarted'))).toBe(false);
  });
});
