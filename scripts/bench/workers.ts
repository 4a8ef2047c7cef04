/**
 * Every core (GUILD_WORKERS, issue 16): a first-party post page (the demo bakery's, journal theme,
 * with its SEO, contact form and analytics plugins; without its redirects plugin, which decides
 * before any cached page is sent and so turns the page cache off for the site) served by a host on one process and on two, with the page cache off (every request rendered)
 * and on, at 16 connections, against a bare node:http server sending the same page in the same
 * run. Each host gets a short warm-up run first (the sites open, the code is optimised), so the
 * measured run sees a host in its steady state.
 *
 * Alone: `node --import tsx scripts/bench/workers.ts` (BENCH_SECONDS, default 10).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inTempFolder, runsAlone, say } from './alone.ts';
import { REPO, send, startHost, stopHost, waitFor } from './http.ts';
import { load, type LoadResult } from './load.ts';

const HOST_PORT = 3906;
const BARE_PORT = 3907;
const CONNECTIONS = 16;
const WARM_SECONDS = 3;
const BAKERY = 'harbour-bakery.localhost';

export interface WorkersResults {
  readonly ceiling: LoadResult;
  readonly rows: ReadonlyArray<{ readonly name: string; readonly result: LoadResult }>;
}

export async function measureWorkers(root: string, seconds: number, say: (line: string) => void): Promise<WorkersResults> {
  const sitesDir = path.join(root, 'workers', 'sites');
  mkdirSync(sitesDir, { recursive: true });
  cpSync(path.join(REPO, 'sites', 'harbour-bakery'), path.join(sitesDir, 'harbour-bakery'), { recursive: true, filter: (source) => !source.includes(`${path.sep}data`) });
  const manifestFile = path.join(sitesDir, 'harbour-bakery', 'site.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { plugins: Array<{ id: string }> };
  manifest.plugins = manifest.plugins.filter((plugin) => plugin.id !== 'guild.redirects');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const base = { ...process.env, GUILD_SITES: sitesDir, GUILD_CACHE: path.join(root, 'cache'), GUILD_DIRECTORY_EMBEDDED: '0', PORT: String(HOST_PORT), GUILD_LOG_LEVEL: 'warn', GUILD_LOG_FORMAT: 'json' };
  const rows: Array<{ name: string; result: LoadResult }> = [];
  let post = '/';
  let bare: ChildProcess | undefined;
  let ceiling: LoadResult | undefined;
  try {
    for (const cached of [false, true]) {
      for (const workers of [1, 2]) {
        const name = `journal post page, page cache ${cached ? 'on' : 'off'}, GUILD_WORKERS=${workers}`;
        const host = startHost({ ...base, GUILD_WORKERS: String(workers), ...(cached ? {} : { GUILD_PAGE_CACHE_MB: '0' }) });
        try {
          await waitFor(HOST_PORT, BAKERY, 120_000);
          await everyWorkerAnswers(workers);
          if (post === '/') {
            post = /href="(\/[a-z0-9-]+\/)"/.exec((await send(HOST_PORT, BAKERY, '/')).body.split('post-card-title')[1] ?? '')?.[1] ?? '/about/';
            bare = await startBare(root, (await send(HOST_PORT, BAKERY, post)).body);
            say(`Load: bare node:http, the same page (${seconds} s, ${CONNECTIONS} connections) ...`);
            ceiling = await load({ port: BARE_PORT, seconds, connections: CONNECTIONS, next: () => ({ host: 'bare', path: '/' }) });
          }
          // Every worker answers before the warm-up: the second may still be starting when the first does.
          await load({ port: HOST_PORT, seconds: WARM_SECONDS, connections: CONNECTIONS, next: () => ({ host: BAKERY, path: post }) });
          say(`Load: ${name} (${seconds} s, ${CONNECTIONS} connections) ...`);
          rows.push({ name, result: await load({ port: HOST_PORT, seconds, connections: CONNECTIONS, next: () => ({ host: BAKERY, path: post }) }) });
        } finally {
          await stopHost(host);
        }
      }
    }
  } finally {
    bare?.kill();
  }
  return { ceiling: ceiling!, rows };
}

export function workersTable(results: WorkersResults): string {
  const line = (name: string, result: LoadResult) => {
    const problems = result.errors + result.non2xx;
    return `| ${name} | ${result.requestsPerSecond.toLocaleString('en')} | ${result.p99Ms} | ${Math.round((result.requestsPerSecond / results.ceiling.requestsPerSecond) * 100)}%${problems ? ` (${problems} errors/non-2xx)` : ''} |`;
  };
  return `A first-party post page on one process and on two (GUILD_WORKERS), ${CONNECTIONS} connections:

| scenario | requests/s | p99 ms | of ceiling |
| --- | ---: | ---: | ---: |
${line('bare node:http, one process (ceiling)', results.ceiling)}
${results.rows.map(({ name, result }) => line(name, result)).join('\n')}`;
}

/** The first worker answering is not all of them: the others may still be starting. */
async function everyWorkerAnswers(workers: number): Promise<void> {
  if (workers === 1) return;
  const seen = new Set<string>();
  const until = performance.now() + 120_000;
  while (seen.size < workers) {
    if (performance.now() > until) throw new Error(`only workers ${[...seen].join(', ')} of ${workers} answered`);
    // A connection of its own each time, so the primary hands it to the next worker.
    seen.add(String((await send(HOST_PORT, BAKERY, '/', { headers: { connection: 'close' } })).headers['x-guild-worker']));
  }
}

async function startBare(root: string, page: string): Promise<ChildProcess> {
  const bodyFile = path.join(root, 'workers-post.html');
  writeFileSync(bodyFile, page);
  const bare = fork(path.join(REPO, 'scripts/bench/bare-server.ts'), [bodyFile, String(BARE_PORT)], { execArgv: ['--import', 'tsx'] });
  await new Promise((resolve) => bare.once('message', resolve));
  return bare;
}

if (runsAlone(import.meta.url)) console.log(workersTable(await inTempFolder('workers', (root) => measureWorkers(root, Number(process.env.BENCH_SECONDS ?? 10), say))));
