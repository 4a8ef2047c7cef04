// Issue 11, item 7: a plugin may be malicious. One hostile plugin per attack, each on a site of
// its own, each asserting the attack was blocked or contained, that nothing was written outside
// the plugin's own storage, and that another site kept serving throughout: its slowest answer
// during the attack, measured with real requests over 127.0.0.1, stays under twice the budget.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../core/host/index.ts';
import { storagePrefix } from '../../../core/plugins/index.ts';
import type { PluginStatus } from '../../../core/site/index.ts';
import { pluginManifest } from '../../support/plugins.ts';
import { sandbox, type Sandbox } from '../../support/sandbox.ts';
import { ATTACKS, sourceOf, VICTIM } from './attacks.ts';

// The default budget of sandboxed code. On a busy 2-core test machine (load 16) a page takes up to
// ~300 ms by itself, so "under twice the budget" gets a fixed margin for the machine's own load: a loop
// the budget did not stop costs seconds (a loop of large fills: minutes), far past it.
const BUDGET_MS = 50;
const MACHINE_SLACK_MS = 500;
const MEMORY_MB = 8;

describe('hostile plugins', () => {
  let box: Sandbox;
  let host: Host;
  let port: number;
  let canary: string;
  let before: Map<string, string>;

  const get = (site: string, target = '/'): Promise<{ status: number; text: string; ms: number }> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, path: target, headers: { host: `${site}.localhost` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      });
      req.on('error', reject);
      req.end();
    });

  /** Runs the attack while the calm site is asked for its home page again and again. */
  async function duringAttack<T>(attack: () => Promise<T>): Promise<T> {
    let done = false;
    const times: number[] = [];
    const calm = (async () => {
      while (!done) {
        const page = await get('calm');
        expect(page.status).toBe(200);
        times.push(page.ms);
      }
    })();
    try {
      return await attack();
    } finally {
      done = true;
      await calm;
      expect(times.length).toBeGreaterThan(0);
      expect(Math.max(...times)).toBeLessThan(2 * BUDGET_MS + MACHINE_SLACK_MS);
    }
  }

  const status = async (name: string): Promise<PluginStatus> => {
    const plugins = (await host.registry.status(host.registry.get(`h-${name}`)!)).plugins;
    return plugins.find((candidate) => candidate.id === ATTACKS[name]!.id)!;
  };
  const report = (page: { text: string }) => /<!-- report: (.*?) -->/.exec(page.text)?.[1] ?? '(no report)';

  beforeAll(async () => {
    box = sandbox();
    canary = path.join(os.tmpdir(), `guild-hostile-canary-${process.pid}`);
    const otherDb = path.join(box.sitesDir, 'calm', 'data', 'content.db');
    const hostDb = path.join(box.root, '.guild', 'data', 'host.db');
    const targets = { canary, otherDb, hostDb, cp: 'child_process', fs: 'fs', net: 'net', loopback: 'http://127.0.0.1:22/', victimTable: `${storagePrefix(VICTIM.id)}secrets` };
    for (const [name, attack] of Object.entries(ATTACKS)) {
      box.write(`plugins/${name}/plugin.json`, pluginManifest(attack.id, [...attack.capabilities], attack.extra));
      box.write(`plugins/${name}/index.ts`, sourceOf(attack, targets));
      box.site(`h-${name}`, { title: `Hostile ${name}`, plugins: [...(name === 'collide' ? [{ id: VICTIM.id }] : []), { id: attack.id }] });
    }
    box.write('plugins/victim/plugin.json', pluginManifest(VICTIM.id, VICTIM.capabilities));
    box.write('plugins/victim/index.ts', VICTIM.source);
    box.site('calm', { title: 'The calm site' });
    host = await box.host({ pluginMemoryMb: MEMORY_MB }); // the default budget: GUILD_HOOK_TIME_LIMIT_MS unset
    port = await host.listen();
    for (const name of ['calm', ...Object.keys(ATTACKS).map((name) => `h-${name}`)]) await host.registry.status(host.registry.get(name)!);
    await get('calm');
    before = files(box.root);
  });

  afterAll(async () => {
    // Nothing was written outside the plugins' own storage: no new or changed file but the sites'
    // databases and the build cache, no canary anywhere, and only owned tables in each database.
    const after = files(box.root);
    const changed = [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
    expect(changed.filter((file) => !/^sites\/[^/]+\/data\/content\.db(-wal|-shm|\.version)?$/.test(file) && !file.startsWith('cache/'))).toEqual([]);
    expect(existsSync(canary)).toBe(false);
    const core = tables(path.join(box.sitesDir, 'calm', 'data', 'content.db'));
    for (const [name, attack] of Object.entries(ATTACKS)) {
      const file = path.join(box.sitesDir, `h-${name}`, 'data', 'content.db');
      if (!existsSync(file)) continue;
      const owners = [attack.id, ...(name === 'collide' ? [VICTIM.id] : [])].map(storagePrefix);
      expect(tables(file).filter((table) => !core.includes(table) && !owners.some((prefix) => table.startsWith(prefix)))).toEqual([]);
    }
    await box.remove();
  });

  it('cannot spawn a process: no require, no process, no import of anything outside its bundle', async () => {
    const page = await duringAttack(() => get('h-spawn'));
    expect(report(page)).toMatch(/^require=blocked\(Error\) process=blocked\(ReferenceError\) function=blocked\(TypeError\) eval-require=blocked\(ReferenceError\) import=undefined$/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(canary)).toBe(false);
  });

  it('cannot even be built when it imports a Node built-in; the site serves without it', async () => {
    const page = await duringAttack(() => get('h-static-import'));
    expect(page.status).toBe(200);
    expect(await status('static-import')).toMatchObject({ state: 'failed', reason: expect.stringContaining('cannot be built for the sandbox') });
  });

  it('cannot read another site’s database, host.db, a key or /etc/passwd', async () => {
    const page = await duringAttack(() => get('h-read-files'));
    const outcome = report(page);
    expect(outcome).not.toContain('GOT');
    for (const attempt of ['fs', 'posts', 'attach-host', 'attach-other', 'sessions', 'schema', 'view', 'load-extension', 'fetch']) expect(outcome).toContain(`${attempt}=blocked(`);
  });

  it('cannot write a file or change the site’s own tables', async () => {
    const page = await duringAttack(() => get('h-write-files'));
    const outcome = report(page);
    expect(outcome).not.toContain('GOT');
    for (const attempt of ['fs', 'vacuum-into', 'attach-new', 'drop-posts', 'pragma']) expect(outcome).toContain(`${attempt}=blocked(`);
    expect(existsSync(canary)).toBe(false);
    expect((await get('h-write-files')).text).toContain('Hostile write-files');
  });

  it('cannot open a socket, nor fetch a host its plugin.json does not list', async () => {
    const page = await duringAttack(() => get('h-socket'));
    expect(report(page)).toMatch(/^net=blocked\(Error\) websocket=blocked\(ReferenceError\) http=blocked\(.*not in plugin\.json's "network" list/);
  });

  it('cannot exit or kill the host', async () => {
    const page = await duringAttack(() => get('h-process-exit'));
    expect(report(page)).toBe('exit=blocked(ReferenceError) kill=blocked(ReferenceError) global-kill=blocked(TypeError)');
    expect((await get('calm')).status).toBe(200);
  });

  it('pollutes only its own copies: the host’s prototypes stay clean', async () => {
    const page = await duringAttack(() => get('h-pollute'));
    expect(page.text).toMatch(/<body class="[^"]*polluter/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect((await get('calm')).text).not.toContain('polluted');
  });

  it('cannot claim capabilities it lacks by forging messages on its channel to the host', async () => {
    const outcome = report(await duringAttack(() => get('h-forge-messages')));
    expect(outcome).not.toContain('=GOT');
    expect(outcome).toMatch(/storage=blocked\(.*"storage" capability/);
    expect(outcome).toMatch(/mail=blocked\(.*"mail" capability/);
    for (const attempt of ['proto', 'constructor', 'tostring', 'unknown']) expect(outcome).toContain(`${attempt}=blocked(`);
    expect(outcome).toContain('channel=undefined');
  });

  it('allocating without bound ends its own sandbox only, and switches it off on its site', async () => {
    await get('h-hog', '/warm-up/');
    const page = await duringAttack(() => get('h-hog', '/attack/'));
    expect(page.status).toBe(404); // the theme's own page, rendered in full
    expect(page.text).toContain('Hostile hog');
    expect(await status('hog')).toMatchObject({ state: 'switched-off', reason: expect.stringContaining(`more than its ${MEMORY_MB} MB of memory`) });
  });

  it.each(['loop-sync', 'loop-fill', 'loop-repeat', 'loop-json', 'loop-sort', 'loop-regex', 'loop-sql', 'loop-async', 'never-resolve'])('%s: each call is cut at the budget, never retried; the third overrun in a minute switches it off and says why', async (name) => {
    await get(`h-${name}`, '/warm-up/');
    const pages = await duringAttack(async () => {
      const pages = [];
      // A new address each time: a page from the page cache would not call the plugin.
      for (let i = 0; i < 4; i++) pages.push(await get(`h-${name}`, `/attack-${i}/`));
      return pages;
    });
    for (const page of pages) {
      expect(page.status).toBe(404); // the theme's own page, rendered in full
      expect(page.text).toContain(`Hostile ${name}`);
      expect(page.ms).toBeLessThan(2 * BUDGET_MS + 2 * MACHINE_SLACK_MS); // the page is served, not held by the plugin (nor by its restart)
    }
    expect(await status(name)).toMatchObject({ state: 'switched-off', reason: expect.stringMatching(/switched off after 3 overruns of its time budget within 60 s; last: .*(ran past its 50 ms budget|did not finish within 50 ms)/) });
  });

  it('cannot reach another plugin’s tables through a colliding name', async () => {
    const page = await duringAttack(() => get('h-collide'));
    expect(page.text).not.toContain('the victim');
    const outcome = report(page);
    expect(outcome).toMatch(/victim-table=blocked\(GuildError\) shared-prefix=blocked\(GuildError\) own-prefix=GOT:x___hostile_d_dvictim_pnotes__/);
    expect(page.text).toContain(`<!-- victim: ${storagePrefix(VICTIM.id)} -->`);
  });
});

/** Every file under `root` with a hash of its content, by relative path. */
function files(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (statSync(file).isFile()) found.set(path.relative(root, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  };
  walk(root);
  return found;
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  } finally {
    db.close();
  }
}
