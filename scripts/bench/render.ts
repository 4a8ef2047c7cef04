/**
 * Server CPU per rendered page, page cache off: the anchors' content (../shared/anchors, 100 posts
 * and 5 pages imported with `guild import wxr`) on Ghost's Casper theme and on the first-party themes,
 * home, post 50 and the `engineering` tag archive. CPU is the host child's utime+stime from
 * /proc/<pid>/stat over a fixed number of keep-alive requests, the way ../shared/anchors/side-by-side.sh
 * charges it, so the figure is what the server spent, not what the client waited.
 * Without ../shared the same pages are measured on generated content (100 posts, tag `topic-0`).
 *
 * Alone: `node --import tsx scripts/bench/render.ts` (BENCH_RENDER_REQUESTS, default 2000 per page;
 * BENCH_RENDER_THEMES=casper,journal picks themes; BENCH_RENDER_PAGES=home,post picks pages;
 * BENCH_RENDER_PROF=<dir> starts the host with --cpu-prof into that folder, to see where the time goes).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { inTempFolder, runsAlone, say } from './alone.ts';
import { generateSites, benchSlug } from './generate.ts';
import { guild, REPO, waitFor } from './http.ts';

const PORT = 3903;
const ANCHOR_WXR = path.join(REPO, '..', 'shared', 'anchors', 'content', 'anchor-content.wxr.xml');
export const THEMES = ['casper', 'journal', 'atelier'] as const;
const CONCURRENCY = 4;
const CLK_TCK = 100;

export interface RenderRow {
  readonly theme: string;
  readonly page: string;
  readonly cpuMs: number;
  readonly bytes: number;
}

export interface RenderResults {
  readonly content: string;
  readonly rows: readonly RenderRow[];
}

/** Builds one site per theme on the same content; returns what content it is and the pages to ask for. */
export async function buildSites(sitesDir: string, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<{ content: string; pages: Record<string, string> }> {
  const source = path.join(sitesDir, '..', 'source');
  let content: string;
  let pages: Record<string, string>;
  if (existsSync(ANCHOR_WXR)) {
    say('Importing the anchors\' content (100 posts, 5 pages) ...');
    const sourceEnv = { ...env, GUILD_SITES: path.dirname(source) };
    mkdirSync(path.dirname(source), { recursive: true });
    await guild(sourceEnv, 'site', 'new', 'source', '--title', 'Render Bench', '--built-by', 'bench');
    await guild(sourceEnv, 'import', 'wxr', 'source', ANCHOR_WXR);
    content = 'the anchors\' content (../shared/anchors, 100 posts, 5 pages)';
    pages = { home: '/', post: '/anchor-post-050/', tag: '/tag/engineering/' };
  } else {
    say('../shared/anchors is absent: measuring on generated content (100 posts) instead of the anchors\'.');
    const generated = path.join(sitesDir, '..', 'generated');
    await generateSites(generated, 1, 100, () => undefined);
    cpSync(path.join(generated, benchSlug(1)), source, { recursive: true });
    content = 'generated content (../shared/anchors absent; 100 posts)';
    pages = { home: '/', post: '/post-50/', tag: '/tag/topic-0/' };
  }
  for (const theme of THEMES) {
    const dir = path.join(sitesDir, theme);
    cpSync(path.join(source, 'data'), path.join(dir, 'data'), { recursive: true });
    writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ guild: 1, id: theme, title: 'Render Bench', domains: [`${theme}.test`], theme: { id: theme }, plugins: [], builtBy: 'bench', locale: 'en', timezone: 'UTC' }));
  }
  return { content, pages };
}

/** The process's CPU time so far, in milliseconds, children it reaped included (as side-by-side.sh counts). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14–17
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return (ticks * 1000) / CLK_TCK;
}

/** `count` GETs over CONCURRENCY keep-alive connections; throws on anything but 200. Returns the last body's size. */
export async function hammer(agent: Agent, port: number, host: string, pathname: string, count: number): Promise<number> {
  let sent = 0;
  let bytes = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: pathname, agent, headers: { host } }, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${host}${pathname} answered ${res.statusCode}`));
          bytes = size;
          resolve();
        });
      });
      req.on('error', reject);
      req.end();
    });
  const lane = async () => {
    while (sent < count) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return bytes;
}

/** A host on `sitesDir` with the page cache off, its own cache folder under `root`, on `port`. */
export function renderEnv(root: string, sitesDir: string, port: number): NodeJS.ProcessEnv {
  mkdirSync(sitesDir, { recursive: true });
  return {
    ...process.env,
    GUILD_SITES: sitesDir,
    GUILD_CACHE: path.join(root, 'cache'),
    GUILD_THEMES: path.join(REPO, 'test', 'fixtures', 'themes'),
    GUILD_PAGE_CACHE_MB: '0',
    GUILD_DIRECTORY_EMBEDDED: '0',
    PORT: String(port),
    GUILD_LOG_LEVEL: 'warn',
    GUILD_LOG_FORMAT: 'json',
  };
}

export async function measureRender(root: string, say: (line: string) => void): Promise<RenderResults> {
  const requests = Number(process.env.BENCH_RENDER_REQUESTS ?? 2000);
  const sitesDir = path.join(root, 'render', 'sites');
  const env = renderEnv(path.join(root, 'render'), sitesDir, PORT);
  const { content, pages } = await buildSites(sitesDir, env, say);
  const profile = process.env.BENCH_RENDER_PROF;
  const host = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : []), path.join(REPO, 'scripts/guild.mjs'), 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const rows: RenderRow[] = [];
    const themes = process.env.BENCH_RENDER_THEMES?.split(',') ?? THEMES;
    const only = process.env.BENCH_RENDER_PAGES?.split(',');
    for (const theme of themes) {
      const site = `${theme}.test`;
      await waitFor(PORT, site);
      for (const [page, pathname] of Object.entries(pages).filter(([page]) => !only || only.includes(page))) {
        say(`Rendering ${theme} ${page} (${pathname}) ${requests} times ...`);
        // As many requests again first: the figure is the steady state, once V8 has optimised the
        // render path, as the anchors' 10-second wrk runs measure theirs (a tenth of the count left
        // part of the warm-up in the figure: 30–50% more at 2,000 requests).
        await hammer(agent, PORT, site, pathname, requests);
        const before = cpuMs(host.pid!);
        const bytes = await hammer(agent, PORT, site, pathname, requests);
        rows.push({ theme, page, cpuMs: (cpuMs(host.pid!) - before) / requests, bytes });
      }
    }
    return { content, rows };
  } finally {
    agent.destroy();
    host.kill('SIGINT');
    await new Promise((resolve) => host.once('exit', resolve));
  }
}

export function renderTable(results: RenderResults): string {
  const target = (theme: string) => (theme === 'casper' ? '≤ 0.7 ms' : '≤ 0.3 ms');
  return `Server CPU per rendered page, page cache off, on ${results.content} (host process, /proc/<pid>/stat, ${CONCURRENCY} keep-alive connections):

| theme | page | CPU per request | page size | target |
| --- | --- | ---: | ---: | ---: |
${results.rows.map((row) => `| ${row.theme} | ${row.page} | ${row.cpuMs.toFixed(2)} ms | ${(row.bytes / 1024).toFixed(1)} KiB | ${target(row.theme)} |`).join('\n')}`;
}

if (runsAlone(import.meta.url)) console.log(renderTable(await inTempFolder('render', (root) => measureRender(root, say))));
