/**
 * What opening a closed site costs, and what an open site keeps: the sites of the long tail
 * (generate.ts: journal with guild.seo), in this process through the host's own registry. Every
 * site is opened once first (the theme loads and the plugin is built once per process, which is
 * not what this measures), then closed; then each round opens every site again, and the
 * process's CPU time over the round is divided by the sites opened. The memory is the heap and
 * RSS growth (after a full GC) from none of them open to all of them open.
 *
 * Then what the long tail pays before its pages are cached, a closed site's first page: the same
 * sites served by a host (`guild start`, in a child process, page cache off) that keeps one site
 * open, so that every request opens its site, renders a post page and closes the site before.
 * Charged as render.ts charges a page: the host's CPU over a round of requests. The same rounds
 * on a host that keeps every site open give the page alone.
 * Alone: `node --import tsx scripts/bench/open.ts` (BENCH_OPEN_SITES, default 200;
 * BENCH_OPEN_ROUNDS, default 5).
 */
import { readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServices, openRegistry, resolveConfig, siteUrls } from '../../core/host/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { inTempFolder, runsAlone } from './alone.ts';
import { benchSlug, generateSites, postSlug } from './generate.ts';
import { startHost, stopHost, waitFor } from './http.ts';
import { cpuMs, renderEnv } from './render.ts';

const FIRST_PAGE_PORT = 3904;

export interface OpenCost {
  readonly sites: number;
  readonly rounds: number;
  /** Process CPU time (user + system) per site opened, median of the rounds, in ms. */
  readonly cpuMs: number;
  /** The system part of it (the kernel: files opened, made, mapped and removed), in the same round. */
  readonly systemMs: number;
  /** Wall time per site opened, median of the rounds, in ms. */
  readonly wallMs: number;
  /** What each open site keeps: heap used, and resident memory, in MB. */
  readonly heapMbPerSite: number;
  readonly rssMbPerSite: number;
  /** The host's CPU per post page of a closed site (its open, the render, the close of the site before), and of an open site, in ms. */
  readonly firstPageMs: number;
  readonly openPageMs: number;
}

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianBy = <T>(values: readonly T[], by: (value: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;

export async function measureOpen(root: string, sites = Number(process.env.BENCH_OPEN_SITES ?? 200), rounds = Number(process.env.BENCH_OPEN_ROUNDS ?? 5)): Promise<OpenCost> {
  const sitesDir = path.join(root, 'open-sites');
  await generateSites(sitesDir, sites, 5, () => {});
  const config = resolveConfig({ sitesDir, cacheDir: path.join(root, 'open-cache'), watch: false, maxOpenSites: sites, directoryEmbedded: false });
  const services = createServices(config, silentLogger(), (site) => siteUrls(config, 0, site).publicUrl);
  const registry = await openRegistry(config, services);
  const entries = Array.from({ length: sites }, (_, index) => registry.get(benchSlug(index + 1))!);
  const openAll = async () => {
    for (const entry of entries) (await registry.acquire(entry)).release();
  };
  try {
    await openAll(); // the first opening of each: the database is seeded, the theme and the plugin load once
    await registry.closeAll();
    const cpu: Array<{ total: number; system: number }> = [];
    const wall: number[] = [];
    let heapMb = 0;
    let rssMb = 0;
    for (let round = 0; round < rounds; round++) {
      collectGarbage();
      const before = process.memoryUsage();
      const started = performance.now();
      const usage = process.cpuUsage();
      await openAll();
      const used = process.cpuUsage(usage);
      wall.push((performance.now() - started) / sites);
      cpu.push({ total: (used.user + used.system) / 1000 / sites, system: used.system / 1000 / sites });
      collectGarbage();
      const after = process.memoryUsage();
      heapMb = (after.heapUsed - before.heapUsed) / 1024 / 1024 / sites;
      rssMb = (after.rss - before.rss) / 1024 / 1024 / sites;
      await registry.closeAll();
    }
    const typical = medianBy(cpu, (round) => round.total);
    await registry.closeAll();
    const firstPageMs = await hostCpuPerPostPage(root, sitesDir, 1, rounds);
    const openPageMs = await hostCpuPerPostPage(root, sitesDir, sites, rounds);
    return { sites, rounds, cpuMs: typical.total, systemMs: typical.system, wallMs: median(wall), heapMbPerSite: heapMb, rssMbPerSite: rssMb, firstPageMs, openPageMs };
  } finally {
    await registry.closeAll();
    await services.contentDatabase?.close();
  }
}

/** The host's CPU per post page, every site in turn, `maxOpen` sites kept open: median of the rounds after two of warm-up. */
async function hostCpuPerPostPage(root: string, sitesDir: string, maxOpen: number, rounds: number): Promise<number> {
  const slugs = readdirSync(sitesDir).sort();
  const host = startHost({ ...renderEnv(path.join(root, `pages-${maxOpen}`), sitesDir, FIRST_PAGE_PORT), GUILD_MAX_OPEN_SITES: String(maxOpen) });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (slug: string, pathname: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: FIRST_PAGE_PORT, path: pathname, agent, headers: { host: `${slug}.localhost` } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${slug}${pathname} answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    await waitFor(FIRST_PAGE_PORT, `${slugs[0]}.localhost`);
    const perPage: number[] = [];
    for (let round = 0; round < rounds + 2; round++) {
      const before = cpuMs(host.pid!);
      for (const [index, slug] of slugs.entries()) await get(slug, `/${postSlug(1 + (index % 5))}/`);
      if (round >= 2) perPage.push((cpuMs(host.pid!) - before) / slugs.length);
    }
    return median(perPage);
  } finally {
    agent.destroy();
    await stopHost(host);
  }
}

export function openTable(cost: OpenCost): string {
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return `Opening a closed site (${cost.sites} sites of the long tail, journal with guild.seo, opened in turn; median of ${cost.rounds} rounds, in the benchmark's own process):

| measure | value | target |
| --- | ---: | ---: |
| CPU per open (user + system) | ${ms(cost.cpuMs)} | well under 1 ms |
| of which system (the kernel) | ${ms(cost.systemMs)} |  |
| wall time per open | ${ms(cost.wallMs)} |  |
| heap kept per open site | ${(cost.heapMbPerSite * 1024).toFixed(0)} KB |  |
| RSS per open site | ${(cost.rssMbPerSite * 1024).toFixed(0)} KB |  |

A closed site's first page (the same sites, a post page of each in turn, on a host in a child process with the page cache off; the host's CPU, median of ${cost.rounds} rounds):

| host keeps open | CPU per post page |
| --- | ---: |
| 1 site (each request opens its site, renders, and the site before closes) | ${ms(cost.firstPageMs)} |
| every site (the page alone) | ${ms(cost.openPageMs)} |
`;
}

if (runsAlone(import.meta.url)) console.log(openTable(await inTempFolder('open', measureOpen)));
