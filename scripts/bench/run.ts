/**
 * `npm run bench`: builds a network of 1,000 sites of 50 posts each in a temp folder, starts a
 * real host on it (a child process, so its memory is its own), and measures with autocannon on
 * 127.0.0.1. The ceiling is a bare node:http server answering a page of the same size in the same
 * run. Prints a Markdown table for the README. Bounded: every load run lasts BENCH_SECONDS.
 *
 * BENCH_SITES, BENCH_POSTS, BENCH_SECONDS and BENCH_CONNECTIONS change the defaults (1000, 50, 10, 10).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSlug, generateSites, postSlug } from './generate.ts';
import { load, type LoadResult } from './load.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SITES = Number(process.env.BENCH_SITES ?? 1000);
const POSTS = Number(process.env.BENCH_POSTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const HOST_PORT = 3900;
const BARE_PORT = 3901;

const random = (n: number) => 1 + Math.floor(Math.random() * n);
const say = (line: string) => process.stderr.write(`${line}\n`);

/** A GET with a Host header of our choosing (fetch does not allow setting Host). */
function get(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(port: number, host: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      if ((await get(port, host, '/')).status === 200) return performance.now() - started;
    } catch {
      // not up yet
    }
    if (performance.now() - started > timeoutMs) throw new Error(`${host} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

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
    const host = spawn(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(host);
    await waitFor(HOST_PORT, `${benchSlug(1)}.localhost`);

    say('Serving every site once ...');
    for (let index = 1; index <= SITES; index++) await waitFor(HOST_PORT, `${benchSlug(index)}.localhost`);
    const rssAllServed = rssMb(host);

    const postPage = (await get(HOST_PORT, `${benchSlug(1)}.localhost`, `/${postSlug(1)}/`)).body;
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
    const created = spawn(process.execPath, [path.join(REPO, 'scripts/guild.mjs'), 'site', 'new', 'brand-new', '--title', 'Brand New', '--built-by', 'bench'], { env, stdio: 'ignore' });
    const newSiteReady = waitFor(HOST_PORT, 'brand-new.localhost');
    await new Promise((resolve) => created.once('exit', resolve));
    await newSiteReady;
    const launchMs = Math.round(performance.now() - launching);

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
`);
  } finally {
    for (const child of children) child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
