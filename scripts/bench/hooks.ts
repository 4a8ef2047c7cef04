/**
 * What one hook call into a plugin costs, in the host and sandboxed (QuickJS): the same plugin's
 * tap on a synchronous filter (theme:body-class) and on an async one (theme:foot), against the
 * same hooks with no taps; and what a sandboxed plugin costs in memory per site (the process's
 * growth over BENCH_SANDBOX_SITES sites that each open one, against as many sites without).
 * `run.ts` prints it as an extra table; alone: `node --import tsx scripts/bench/hooks.ts`
 * (BENCH_HOOK_CALLS sets the calls per row, default 20000).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, openRegistry, resolveConfig, siteUrls } from '../../core/host/index.ts';
import type { PageInfo } from '../../core/hooks/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import type { Site } from '../../core/site/index.ts';
import { runsAlone } from './alone.ts';

export interface HookCost {
  readonly where: string;
  readonly syncMicros: number;
  /**
   * The process's CPU time per synchronous call: on a machine shared with other work, wall time
   * counts the waits for a core too, and CPU time is what the call itself costs.
   */
  readonly syncCpuMicros: number;
  readonly asyncMicros: number;
  /** How much the process grew when the site opened (its plugin's sandbox, for the sandboxed one). */
  readonly openMb: number;
  /**
   * False when the tap no longer ran at the end (a machine too busy for the sandbox's 50 ms budget
   * counts overruns, and the third switches the plugin off): the row would time an empty hook.
   */
  readonly tappedThroughout: boolean;
}

export interface SandboxMemory {
  readonly sites: number;
  /** Resident memory per site for one sandboxed plugin: sites with it minus sites without. */
  readonly perPluginMb: number;
}

const PLUGIN = `import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('theme:body-class', (classes) => [...classes, 'tapped']);
  hooks.addFilter('theme:foot', async (foot) => foot + '<!-- tapped -->');
} });`;

export async function measureHookCalls(calls = Number(process.env.BENCH_HOOK_CALLS ?? 20_000)): Promise<HookCost[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-hooks-'));
  try {
    for (const id of ['bench.in-host', 'bench.sandboxed']) {
      const dir = path.join(root, 'plugins', id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ guild: 1, id, name: id, version: '1.0.0', author: { handle: 'bench' }, license: 'MIT', engine: '*', entry: 'index.ts', capabilities: ['hooks'] }));
      writeFileSync(path.join(dir, 'index.ts'), PLUGIN);
    }
    const sites: Array<[string, string | undefined]> = [['no taps', undefined], ['plugin in the host', 'bench.in-host'], ['plugin sandboxed (QuickJS)', 'bench.sandboxed']];
    for (const [index, [, plugin]] of sites.entries()) {
      mkdirSync(path.join(root, 'sites', `s${index}`), { recursive: true });
      writeFileSync(path.join(root, 'sites', `s${index}`, 'site.json'), JSON.stringify({ guild: 1, id: `s${index}`, title: 'Bench', theme: { id: 'journal' }, builtBy: 'bench', plugins: plugin ? [{ id: plugin }] : [] }));
    }
    const config = resolveConfig({ sitesDir: path.join(root, 'sites'), pluginsDirs: [path.join(root, 'plugins')], cacheDir: path.join(root, 'cache'), trustedPlugins: ['bench.in-host'], sandboxAll: false, watch: false });
    const registry = await openRegistry(config, createServices(config, silentLogger(), (site) => siteUrls(config, 0, site).publicUrl));
    const costs: HookCost[] = [];
    try {
      for (const [index, [where]] of sites.entries()) {
        const before = process.memoryUsage().rss;
        const { site, release } = await registry.acquire(registry.get(`s${index}`)!);
        const openMb = (process.memoryUsage().rss - before) / 1024 / 1024;
        const tapped = site.hooks.run('theme:body-class', [], { site: site.info(), kind: 'home', path: '/', url: 'http://bench/', title: 'Bench', description: '' }).includes('tapped');
        if (tapped !== (index > 0)) throw new Error(`the bench plugin did not run as expected on "${where}"`);
        costs.push({ where, ...(await time(site, calls, index > 0)), openMb });
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

async function time(site: Site, calls: number, tapped: boolean): Promise<{ syncMicros: number; syncCpuMicros: number; asyncMicros: number; tappedThroughout: boolean }> {
  const page: PageInfo = { site: site.info(), kind: 'home', path: '/', url: 'http://bench/', title: 'Bench', description: '' };
  for (let i = 0; i < 500; i++) site.hooks.run('theme:body-class', ['home-template'], page); // warm up
  let started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) site.hooks.run('theme:body-class', ['home-template'], page);
  const syncMicros = ((performance.now() - started) * 1000) / calls;
  const { user, system } = process.cpuUsage(cpu);
  const syncCpuMicros = (user + system) / calls;
  started = performance.now();
  for (let i = 0; i < calls; i++) await site.hooks.run('theme:foot', '', page);
  const asyncMicros = ((performance.now() - started) * 1000) / calls;
  const tappedThroughout = !tapped || (site.hooks.run('theme:body-class', [], page).includes('tapped') && (await site.hooks.run('theme:foot', '', page)).includes('tapped'));
  return { syncMicros, syncCpuMicros, asyncMicros, tappedThroughout };
}

/** Opens `sites` sites without plugins, then as many with the sandboxed plugin, and compares the growth. */
export async function measureSandboxMemory(sites = Number(process.env.BENCH_SANDBOX_SITES ?? 40)): Promise<SandboxMemory> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-sandbox-'));
  try {
    const dir = path.join(root, 'plugins', 'bench.sandboxed');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ guild: 1, id: 'bench.sandboxed', name: 'bench', version: '1.0.0', author: { handle: 'bench' }, license: 'MIT', engine: '*', entry: 'index.ts', capabilities: ['hooks'] }));
    writeFileSync(path.join(dir, 'index.ts'), PLUGIN);
    for (const group of ['plain', 'sandboxed']) {
      for (let index = 0; index < sites; index++) {
        const slug = `${group}-${index}`;
        mkdirSync(path.join(root, 'sites', slug), { recursive: true });
        writeFileSync(path.join(root, 'sites', slug, 'site.json'), JSON.stringify({ guild: 1, id: slug, title: 'Bench', theme: { id: 'journal' }, builtBy: 'bench', plugins: group === 'plain' ? [] : [{ id: 'bench.sandboxed' }] }));
      }
    }
    const config = resolveConfig({ sitesDir: path.join(root, 'sites'), pluginsDirs: [path.join(root, 'plugins')], cacheDir: path.join(root, 'cache'), watch: false, maxOpenSites: 4 * sites });
    const registry = await openRegistry(config, createServices(config, silentLogger(), (site) => siteUrls(config, 0, site).publicUrl));
    try {
      const open = async (group: string) => {
        // One site of the group first, so the build, the WebAssembly compile and the theme are not counted.
        await registry.acquire(registry.get(`${group}-0`)!).then(({ release }) => release());
        global.gc?.();
        const before = process.memoryUsage().rss;
        for (let index = 1; index < sites; index++) (await registry.acquire(registry.get(`${group}-${index}`)!)).release();
        global.gc?.();
        return (process.memoryUsage().rss - before) / (sites - 1);
      };
      const plain = await open('plain');
      const sandboxed = await open('sandboxed');
      return { sites, perPluginMb: (sandboxed - plain) / 1024 / 1024 };
    } finally {
      await registry.closeAll();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function hookCostTable(costs: readonly HookCost[], calls: number): string {
  const micros = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} µs`;
  return `Cost of one hook call with one plugin tap (${calls.toLocaleString('en')} calls each):

| where the plugin runs | sync filter (theme:body-class) | its CPU time | async filter (theme:foot) | memory to open the site |
| --- | ---: | ---: | ---: | ---: |
${costs.map((cost) => (cost.tappedThroughout ? `| ${cost.where} | ${micros(cost.syncMicros)} | ${micros(cost.syncCpuMicros)} | ${micros(cost.asyncMicros)} | ${cost.openMb.toFixed(1)} MB |` : `| ${cost.where} | — | — | — | ${cost.openMb.toFixed(1)} MB |`)).join('\n')}
${costs.some((cost) => !cost.tappedThroughout) ? '\n— : the tap stopped running during the timing (overruns of its budget on a machine too busy to measure it); run it again on a quieter one.\n' : ''}`;
}

export function sandboxMemoryLine(memory: SandboxMemory): string {
  return `Memory of one sandboxed plugin per site (RSS, ${memory.sites} sites with it against ${memory.sites} without): ${memory.perPluginMb.toFixed(2)} MB (target < 4 MB).\n`;
}

if (runsAlone(import.meta.url)) {
  const calls = Number(process.env.BENCH_HOOK_CALLS ?? 20_000);
  console.log(hookCostTable(await measureHookCalls(calls), calls));
  console.log(sandboxMemoryLine(await measureSandboxMemory()));
}
