/**
 * `npm run bench`: builds a network of 1,000 sites of 50 posts each in a temp folder, starts a
 * real host on it (a child process, so its memory is its own), and measures with autocannon on
 * 127.0.0.1. The ceiling is a bare node:http server answering a page of the same size in the same
 * run. Then the demo sites without the page cache (theme rendering, {{#get}} included), the admin's
 * answer times, hook calls into plugins in the host and sandboxed, the memory of a sandboxed
 * plugin per site, a post page with three sandboxed plugins against none, site search on 1,000 posts, and server CPU per
 * rendered page on the anchors' content with Casper, journal and atelier (render.ts).
 * The page cache (page-cache.ts) is measured at 16 connections: compressed and not, with analytics,
 * and the long tail over every site after a restart; a post page on one process and on two
 * (GUILD_WORKERS, workers.ts); the post page on SQLite and PostgreSQL, on one host and two pinned to a
 * core each, and a host's memory as sites are added (scale.ts, PostgreSQL from BENCH_DATABASE_URL or
 * GUILD_TEST_DATABASE_URL). Prints Markdown tables for
 * the README. Bounded: every load run lasts BENCH_SECONDS.
 *
 * BENCH_SITES, BENCH_POSTS, BENCH_SECONDS and BENCH_CONNECTIONS change the defaults (1000, 50, 10, 10);
 * BENCH_TAIL_PAGES the pages per site of the long tail (4);
 * BENCH_HOOK_CALLS the calls per row of the hook cost table (20000, see hooks.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from './alone.ts';
import { measureDemo } from './demo.ts';
import { measureRender, renderTable } from './render.ts';
import { benchSlug, generateSites, postSlug } from './generate.ts';
import { hookCostTable, measureHookCalls, measureSandboxMemory, sandboxMemoryLine } from './hooks.ts';
import { measureSandboxPage, sandboxPageTable } from './sandbox-page.ts';
import { guild, REPO, rssMb, send, startHost, waitFor } from './http.ts';
import { load, type LoadResult } from './load.ts';
import { measureOpen, openTable } from './open.ts';
import { measureSearch, searchTable } from './search.ts';
import { measurePageCache, pageCacheTable } from './page-cache.ts';
import { measureWorkers, workersTable } from './workers.ts';
import { measureScale, scaleTable } from './scale.ts';

const SITES = Number(process.env.BENCH_SITES ?? 1000);
const POSTS = Number(process.env.BENCH_POSTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const HOST_PORT = 3900;
const BARE_PORT = 3901;

const random = (n: number) => 1 + Math.floor(Math.random() * n);

function row(name: string, result: LoadResult, ceiling?: LoadResult): string {
  const ratio = ceiling ? `${Math.round((result.requestsPerSecond / ceiling.requestsPerSecond) * 100)}%` : '100%';
  const problems = result.errors + result.non2xx;
  return `| ${name} | ${result.requestsPerSecond.toLocaleString('en')} | ${result.p99Ms} | ${ratio}${problems ? ` (${problems} errors/non-2xx)` : ''} |`;
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-'));
  const sitesDir = path.join(root, 'sites');
  const children: ChildProcess[] = [];
  try {
    say(`Generating ${SITES} sites of ${POSTS} posts in ${sitesDir} ...`);
    const generating = performance.now();
    await generateSites(sitesDir, SITES, POSTS, (done) => done % 100 === 0 && say(`  ${done}/${SITES}`));
    say(`  done in ${Math.round((performance.now() - generating) / 1000)} s`);

    const env = { ...process.env, GUILD_SITES: sitesDir, GUILD_CACHE: path.join(root, 'cache'), PORT: String(HOST_PORT), GUILD_LOG_LEVEL: 'warn', GUILD_LOG_FORMAT: 'json' };
    const host = startHost(env);
    children.push(host);
    await waitFor(HOST_PORT, `${benchSlug(1)}.localhost`);

    say('Serving every site once ...');
    for (let index = 1; index <= SITES; index++) await waitFor(HOST_PORT, `${benchSlug(index)}.localhost`);
    const rssAllServed = rssMb(host);

    const postPage = (await send(HOST_PORT, `${benchSlug(1)}.localhost`, `/${postSlug(1)}/`)).body;
    const bodyFile = path.join(root, 'post.html');
    writeFileSync(bodyFile, postPage);
    const bare = fork(path.join(REPO, 'scripts/bench/bare-server.ts'), [bodyFile, String(BARE_PORT)], { execArgv: ['--import', 'tsx'] });
    children.push(bare);
    await new Promise((resolve) => bare.once('message', resolve));

    const run = (name: string, port: number, next: () => { host: string; path: string }) => {
      say(`Load: ${name} (${SECONDS} s, ${CONNECTIONS} connections) ...`);
      return load({ port, seconds: SECONDS, connections: CONNECTIONS, next });
    };
    const ceiling = await run('bare node:http', BARE_PORT, () => ({ host: 'bare', path: '/' }));
    const onePost = await run('post page, one site', HOST_PORT, () => ({ host: `${benchSlug(1)}.localhost`, path: `/${postSlug(1)}/` }));
    const oneHome = await run('home page, one site', HOST_PORT, () => ({ host: `${benchSlug(1)}.localhost`, path: '/' }));
    const anyPost = await run('post page, random sites', HOST_PORT, () => ({ host: `${benchSlug(random(SITES))}.localhost`, path: `/${postSlug(random(POSTS))}/` }));
    const anyHome = await run('home page, random sites', HOST_PORT, () => ({ host: `${benchSlug(random(SITES))}.localhost`, path: '/' }));
    const rssAfterLoad = rssMb(host);

    say('Timing "guild site new" to its first 200 ...');
    const launching = performance.now();
    await Promise.all([guild(env, 'site', 'new', 'brand-new', '--title', 'Brand New', '--built-by', 'bench'), waitFor(HOST_PORT, 'brand-new.localhost')]);
    const launchMs = Math.round(performance.now() - launching);
    host.kill();
    bare.kill();

    say('Timing the opening of closed sites ...');
    const open = openTable(await measureOpen(root));
    const pageCache = pageCacheTable(await measurePageCache(root, sitesDir, SITES, { seconds: SECONDS, connections: 16, tailPages: Number(process.env.BENCH_TAIL_PAGES ?? 4) }, say));
    const demo = await measureDemo(root, SECONDS, CONNECTIONS, say);
    say('Timing hook calls into a plugin, in the host and sandboxed ...');
    const hookCalls = Number(process.env.BENCH_HOOK_CALLS ?? 20_000);
    const hooks = hookCostTable(await measureHookCalls(hookCalls), hookCalls);
    say('Timing site search on a 1,000-post site ...');
    const search = searchTable(await measureSearch());
    say('Measuring the memory of sandboxed plugins ...');
    const sandboxMemory = sandboxMemoryLine(await measureSandboxMemory());
    const sandboxPage = sandboxPageTable(await measureSandboxPage(root, SECONDS, CONNECTIONS, say));
    const render = renderTable(await measureRender(root, say));
    const workers = workersTable(await measureWorkers(root, SECONDS, say));
    const scale = scaleTable(await measureScale(root, sitesDir, SITES, POSTS, SECONDS, say));

    const pageKb = (Buffer.byteLength(postPage) / 1024).toFixed(1);
    console.log(`
Benchmark: ${SITES} sites × ${POSTS} posts, ${SECONDS} s per run, ${CONNECTIONS} connections, Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}).
Post page ${pageKb} KiB. The ceiling is a bare node:http server sending the same page in the same run.

| scenario | requests/s | p99 ms | of ceiling |
| --- | ---: | ---: | ---: |
${row('bare node:http (ceiling)', ceiling)}
${row('post page, one site', onePost, ceiling)}
${row('home page, one site', oneHome, ceiling)}
${row(`post page, random sites of ${SITES}`, anyPost, ceiling)}
${row(`home page, random sites of ${SITES}`, anyHome, ceiling)}

| measure | value | target |
| --- | ---: | ---: |
| host RSS, all ${SITES} sites served once | ${rssAllServed} MB | < 350 MB |
| host RSS after the load runs | ${rssAfterLoad} MB | < 350 MB |
| \`guild site new\` to its first 200 | ${launchMs} ms | seconds |

${open}
${pageCache}

The demo sites, every request rendered (page cache off):

| scenario | requests/s | p99 ms | of ceiling |
| --- | ---: | ---: | ---: |
${demo.uncached.map(({ name, result }) => row(name, result, ceiling)).join('\n')}

The admin on the demo data, one logged-in owner, 200 requests each in a row:

| page | p50 ms | p99 ms | max ms | target |
| --- | ---: | ---: | ---: | ---: |
${demo.admin.map(({ name, p50, p99, max }) => `| ${name} | ${p50} | ${p99} | ${max} | < 100 ms |`).join('\n')}

${hooks}
${sandboxMemory}
${sandboxPage}

${search}

${render}

${workers}

${scale}`);
  } finally {
    for (const child of children) child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
