/**
 * What one hook call into a plugin costs, in the host and isolated in a worker thread: the same
 * plugin's tap on a synchronous filter (theme:body-class, answered across threads with
 * Atomics.wait) and on an async one (theme:foot, by message), against the same hooks with no taps.
 * `run.ts` prints it as an extra table; alone: `node --import tsx scripts/bench/hooks.ts`
 * (BENCH_HOOK_CALLS sets the calls per row, default 20000).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServices, openRegistry, resolveConfig, siteUrls } from '../../core/host/index.ts';
import type { PageInfo } from '../../core/hooks/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import type { Site } from '../../core/site/index.ts';

export interface HookCost {
  readonly where: string;
  readonly syncMicros: number;
  readonly asyncMicros: number;
  /** How much the process grew when the site opened (its plugin's worker, for the isolated one). */
  readonly openMb: number;
}

const PLUGIN = `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('theme:body-class', (classes) => [...classes, 'tapped']);
  hooks.addFilter('theme:foot', async (foot) => foot + '<!-- tapped -->');
} });`;

export async function measureHookCalls(calls = Number(process.env.BENCH_HOOK_CALLS ?? 20_000)): Promise<HookCost[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-hooks-'));
  try {
    for (const id of ['bench.in-host', 'bench.isolated']) {
      const dir = path.join(root, 'plugins', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ guild: 1, id, name: id, version: '1.0.0', author: { handle: 'bench' }, license: 'MIT', engine: '*', entry: 'index.ts', capabilities: ['hooks'] }));
      writeFileSync(path.join(dir, 'index.ts'), PLUGIN);
    }
    const sites: Array<[string, string | undefined]> = [['no taps', undefined], ['plugin in the host', 'bench.in-host'], ['plugin in a worker', 'bench.isolated']];
    for (const [index, [, plugin]] of sites.entries()) {
      mkdirSync(path.join(root, 'sites', `s${index}`), { recursive: true });
      writeFileSync(path.join(root, 'sites', `s${index}`, 'site.json'), JSON.stringify({ guild: 1, id: `s${index}`, title: 'Bench', theme: { id: 'journal' }, builtBy: 'bench', plugins: plugin ? [{ id: plugin }] : [] }));
    }
    const config = resolveConfig({ sitesDir: path.join(root, 'sites'), pluginsDirs: [path.join(root, 'plugins')], cacheDir: path.join(root, 'cache'), trustedPlugins: ['bench.in-host'], watch: false });
    const registry = await openRegistry(config, createServices(config, silentLogger(), (site) => siteUrls(config, 0, site).publicUrl));
    const costs: HookCost[] = [];
    try {
      for (const [index, [where]] of sites.entries()) {
        const before = process.memoryUsage().rss;
        const { site, release } = await registry.acquire(registry.get(`s${index}`)!);
        const openMb = (process.memoryUsage().rss - before) / 1024 / 1024;
        const tapped = site.hooks.run('theme:body-class', [], { site: site.info(), kind: 'home', path: '/', url: 'http://bench/', title: 'Bench', description: '' }).includes('tapped');
        if (tapped !== (index > 0)) throw new Error(`the bench plugin did not run as expected on "${where}"`);
        costs.push({ where, ...(await time(site, calls)), openMb });
        release();
      }
    } finally {
      await registry.closeAll();
    }
    return costs;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function time(site: Site, calls: number): Promise<{ syncMicros: number; asyncMicros: number }> {
  const page: PageInfo = { site: site.info(), kind: 'home', path: '/', url: 'http://bench/', title: 'Bench', description: '' };
  for (let i = 0; i < 500; i++) site.hooks.run('theme:body-class', ['home-template'], page); // warm up
  let started = performance.now();
  for (let i = 0; i < calls; i++) site.hooks.run('theme:body-class', ['home-template'], page);
  const syncMicros = ((performance.now() - started) * 1000) / calls;
  started = performance.now();
  for (let i = 0; i < calls; i++) await site.hooks.run('theme:foot', '', page);
  const asyncMicros = ((performance.now() - started) * 1000) / calls;
  return { syncMicros, asyncMicros };
}

export function hookCostTable(costs: readonly HookCost[], calls: number): string {
  const micros = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} µs`;
  return `Cost of one hook call with one plugin tap (${calls.toLocaleString('en')} calls each):

| where the plugin runs | sync filter (theme:body-class) | async filter (theme:foot) | memory to open the site |
| --- | ---: | ---: | ---: |
${costs.map((cost) => `| ${cost.where} | ${micros(cost.syncMicros)} | ${micros(cost.asyncMicros)} | ${cost.openMb.toFixed(1)} MB |`).join('\n')}
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const calls = Number(process.env.BENCH_HOOK_CALLS ?? 20_000);
  console.log(hookCostTable(await measureHookCalls(calls), calls));
}
