/**
 * `@guild/sdk/testing`: runs a plugin the way a site will, for its author's tests. A real host on
 * a free port, with one site that uses the plugin (and the first-party theme), in a temp folder
 * removed on close. For tests only: a plugin's own code never imports this.
 *
 *   const site = await testSite(path.dirname(fileURLToPath(import.meta.url)), { settings: { ... } });
 *   const page = await site.get('/');
 *   await site.close();
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHost, INSTALL_DIR } from '../host/index.ts';
import { silentLogger } from '../log/index.ts';
import type { PluginStatus } from '../site/index.ts';

export interface TestSiteOptions {
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The site's first content, as in a site's seed.json ({posts: [{title, html, ...}]}). */
  readonly seed?: object;
  /** Run the plugin sandboxed, as a third party's runs on a real host (default true). */
  readonly isolated?: boolean;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export interface TestSite {
  get(path: string): Promise<TestResponse>;
  /** Sends a form, as a browser would. */
  post(path: string, form: Readonly<Record<string, string>>): Promise<TestResponse>;
  /** How the plugin is doing on the site: active, or failed and why. */
  status(): Promise<PluginStatus>;
  close(): Promise<void>;
}

export async function testSite(pluginDir: string, options: TestSiteOptions = {}): Promise<TestSite> {
  const { id } = JSON.parse(await readFile(path.join(pluginDir, 'plugin.json'), 'utf8')) as { id: string };
  const root = await mkdtemp(path.join(os.tmpdir(), 'guild-plugin-test-'));
  const siteDir = path.join(root, 'sites', 'test');
  await mkdir(siteDir, { recursive: true });
  await writeFile(path.join(siteDir, 'site.json'), JSON.stringify({ guild: 1, id: 'test', title: 'Test site', theme: { id: 'journal' }, builtBy: 'tester', plugins: [{ id, settings: options.settings ?? {} }] }));
  if (options.seed) await writeFile(path.join(siteDir, 'seed.json'), JSON.stringify(options.seed));
  const host = await createHost({
    log: silentLogger(),
    sitesDir: path.join(root, 'sites'),
    pluginsDirs: [path.join(INSTALL_DIR, 'plugins'), path.dirname(path.resolve(pluginDir))],
    cacheDir: path.join(root, 'cache'),
    port: 0,
    watch: false,
    trustedPlugins: options.isolated === false ? [id] : [],
  });
  const port = await host.listen();
  const send = (method: string, target: string, body?: string): Promise<TestResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: 'test.localhost' };
      if (body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) });
      const req = request({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    get: (target) => send('GET', target),
    post: (target, form) => send('POST', target, new URLSearchParams(form as Record<string, string>).toString()),
    status: async () => (await host.registry.status(host.registry.get('test')!)).plugins[0]!,
    close: async () => {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
