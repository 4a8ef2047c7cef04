/**
 * A post page with three sandboxed plugins tapping it, against the same page with none: a host
 * in a child process with the page cache off (so every request renders and calls the plugins),
 * two sites seeded alike, autocannon on 127.0.0.1. Target (issue 11): at least half the
 * requests/s of the page with no plugins.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { send, startHost, waitFor } from './http.ts';
import { load, type LoadResult } from './load.ts';

const PORT = 3903;
const POST = { title: 'A post to render', slug: 'a-post', html: `<p>${'A sentence of the post. '.repeat(120)}</p>`, tags: ['News'] };

/** Three plugins of the kind a site runs: body classes, head tags, a foot note, a content filter. */
const PLUGINS: Record<string, string> = {
  'bench.classes': `hooks.addFilter('theme:body-class', (classes) => [...classes, 'bench-classes']);`,
  'bench.head': `hooks.addFilter('theme:head', (head, page) => head + '<meta name="bench" content="' + page.title.length + '">');`,
  'bench.foot': `hooks.addFilter('theme:foot', (foot) => foot + '<!-- bench foot -->');`,
};

export interface SandboxPageResults {
  readonly none: LoadResult;
  readonly three: LoadResult;
}

export async function measureSandboxPage(root: string, seconds: number, connections: number, say: (line: string) => void): Promise<SandboxPageResults> {
  const sitesDir = path.join(root, 'sandbox-page', 'sites');
  const pluginsDir = path.join(root, 'sandbox-page', 'plugins');
  for (const [id, tap] of Object.entries(PLUGINS)) {
    mkdirSync(path.join(pluginsDir, id), { recursive: true });
    writeFileSync(path.join(pluginsDir, id, 'plugin.json'), JSON.stringify({ guild: 1, id, name: id, version: '1.0.0', author: { handle: 'bench' }, license: 'MIT', engine: '*', entry: 'index.ts', capabilities: ['hooks'] }));
    writeFileSync(path.join(pluginsDir, id, 'index.ts'), `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup({ hooks }) { ${tap} } });`);
  }
  for (const [slug, plugins] of [['none', []], ['three', Object.keys(PLUGINS)]] as const) {
    mkdirSync(path.join(sitesDir, slug), { recursive: true });
    writeFileSync(path.join(sitesDir, slug, 'site.json'), JSON.stringify({ guild: 1, id: slug, title: 'Bench', theme: { id: 'journal' }, builtBy: 'bench', plugins: plugins.map((id) => ({ id })) }));
    writeFileSync(path.join(sitesDir, slug, 'seed.json'), JSON.stringify({ posts: [POST] }));
  }
  const env = {
    ...process.env,
    GUILD_SITES: sitesDir,
    GUILD_PLUGINS: pluginsDir,
    GUILD_CACHE: path.join(root, 'sandbox-page', 'cache'),
    GUILD_PAGE_CACHE_MB: '0',
    GUILD_DIRECTORY_EMBEDDED: '0',
    PORT: String(PORT),
    GUILD_LOG_LEVEL: 'warn',
    GUILD_LOG_FORMAT: 'json',
  };
  const host = startHost(env);
  try {
    for (const slug of ['none', 'three']) await waitFor(PORT, `${slug}.localhost`);
    const tapped = (await send(PORT, 'three.localhost', `/${POST.slug}/`)).body;
    if (!tapped.includes('bench-classes') || !tapped.includes('<!-- bench foot -->')) throw new Error('the sandboxed bench plugins did not run on the post page');
    const run = (slug: string) => {
      say(`Load: post page, ${slug === 'none' ? 'no plugins' : 'three sandboxed plugins'}, no page cache (${seconds} s) ...`);
      return load({ port: PORT, seconds, connections, next: () => ({ host: `${slug}.localhost`, path: `/${POST.slug}/` }) });
    };
    return { none: await run('none'), three: await run('three') };
  } finally {
    host.kill();
  }
}

export function sandboxPageTable(results: SandboxPageResults): string {
  const ratio = Math.round((results.three.requestsPerSecond / results.none.requestsPerSecond) * 100);
  return `A post page, every request rendered (page cache off), with three sandboxed plugins tapping it (target: at least 50% of the page with none):

| post page | requests/s | p99 ms | of no plugins |
| --- | ---: | ---: | ---: |
| no plugins | ${results.none.requestsPerSecond.toLocaleString('en')} | ${results.none.p99Ms} | 100% |
| three sandboxed plugins | ${results.three.requestsPerSecond.toLocaleString('en')} | ${results.three.p99Ms} | ${ratio}% |
`;
}
