/**
 * Measures on the demo sites themselves (copied into a temp folder), through a host whose page
 * cache is off, so every request renders: the atelier theme's home page (sections fetched with
 * {{#get}} and walked with {{#foreach}}), a journal post and home page; and how long the admin's
 * pages and API answer a logged-in owner on that data.
 */
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { guild, REPO, send, startHost, waitFor } from './http.ts';
import { load, type LoadResult } from './load.ts';

export interface DemoResults {
  readonly uncached: ReadonlyArray<{ readonly name: string; readonly result: LoadResult }>;
  readonly admin: ReadonlyArray<{ readonly name: string; readonly p50: number; readonly p99: number; readonly max: number }>;
}

const PORT = 3902;
const BAKERY = 'harbour-bakery.localhost';
/** The bakery's admin, on its own origin. */
const BAKERY_ADMIN = 'harbour-bakery.admin.localhost';
const STUDIO = 'studio-nord.localhost';
const OWNER = { email: 'bench@guild.localhost', password: 'a long bench password' };

export async function measureDemo(root: string, seconds: number, connections: number, say: (line: string) => void): Promise<DemoResults> {
  const sitesDir = path.join(root, 'demo', 'sites');
  mkdirSync(sitesDir, { recursive: true });
  for (const slug of ['harbour-bakery', 'studio-nord']) {
    cpSync(path.join(REPO, 'sites', slug), path.join(sitesDir, slug), { recursive: true, filter: (source) => !source.includes(`${path.sep}data`) });
  }
  const env = {
    ...process.env,
    GUILD_SITES: sitesDir,
    GUILD_CACHE: path.join(root, 'cache'),
    GUILD_PAGE_CACHE_MB: '0',
    GUILD_DIRECTORY_EMBEDDED: '0',
    PORT: String(PORT),
    GUILD_LOG_LEVEL: 'warn',
    GUILD_LOG_FORMAT: 'json',
  };
  await guild(env, 'user', 'add', 'harbour-bakery', OWNER.email, '--role', 'owner', '--password', OWNER.password);
  const host = startHost(env);
  try {
    await waitFor(PORT, BAKERY);
    await waitFor(PORT, STUDIO);
    const post = /href="(\/[a-z0-9-]+\/)"/.exec((await send(PORT, BAKERY, '/')).body.split('post-card-title')[1] ?? '')?.[1] ?? '/about/';

    const uncached: DemoResults['uncached'][number][] = [];
    for (const [name, host, path] of [
      ['atelier home ({{#get}} sections), no page cache', STUDIO, '/'],
      ['journal post page, no page cache', BAKERY, post],
      ['journal home page, no page cache', BAKERY, '/'],
    ] as const) {
      say(`Load: ${name} (${seconds} s, ${connections} connections) ...`);
      uncached.push({ name, result: await load({ port: PORT, seconds, connections, next: () => ({ host, path }) }) });
    }

    say('Timing the admin for a logged-in owner ...');
    return { uncached, admin: await timeAdmin() };
  } finally {
    host.kill();
  }
}

async function timeAdmin(): Promise<DemoResults['admin'][number][]> {
  const login = await send(PORT, BAKERY_ADMIN, '/admin/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: `http://${BAKERY_ADMIN}` },
    body: JSON.stringify(OWNER),
  });
  if (login.status >= 300) throw new Error(`the bench owner could not log in: ${login.status} ${login.body}`);
  // Every cookie the login set (the session and the known-login mark), as a browser sends them back.
  const setCookies = login.headers['set-cookie'];
  const cookie = (Array.isArray(setCookies) ? setCookies : [String(setCookies ?? '')]).map((line) => line.split(';')[0]).join('; ');
  const firstPost = (JSON.parse((await send(PORT, BAKERY_ADMIN, '/admin/api/posts', { headers: { cookie } })).body) as { items?: Array<{ id: number }> }).items?.[0]?.id ?? 1;
  const pages = [
    ['the admin page (/admin/)', '/admin/'],
    ['posts list (GET /admin/api/posts)', '/admin/api/posts'],
    ['one post for the editor (GET /admin/api/posts/:id)', `/admin/api/posts/${firstPost}`],
    ['media library (GET /admin/api/media)', '/admin/api/media'],
    ['settings (GET /admin/api/settings)', '/admin/api/settings'],
    ['navigation (GET /admin/api/navigation)', '/admin/api/navigation'],
  ] as const;
  const results: DemoResults['admin'][number][] = [];
  for (const [name, path] of pages) {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const answer = await send(PORT, BAKERY_ADMIN, path, { headers: { cookie } });
      times.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * share))]! * 10) / 10;
    results.push({ name, p50: at(0.5), p99: at(0.99), max: at(1) });
  }
  return results;
}
