/**
 * Several hosts, one network (issue 17): what a host costs as sites and hosts are added.
 * - A post page and a home page with the page cache off (every request rendered, every request
 *   reads the store), on SQLite and on PostgreSQL (GUILD_DATABASE_URL), on one host pinned to one
 *   core, then on PostgreSQL with two hosts, each pinned to a core of its own (taskset), loaded
 *   side by side. The load generator runs unpinned on the same machine.
 * - A host's memory (RSS) with 1 site served, 100, and every site, on each engine.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else GUILD_TEST_DATABASE_URL (a database of its own is made
 * there and dropped after); without either, only SQLite is measured and the tables say so.
 *
 * Alone: `node --import tsx scripts/bench/scale.ts` (BENCH_SITES, BENCH_POSTS, BENCH_SECONDS).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgContentStore, PgDatabase, siteSchema } from '../../core/content/index.ts';
import { inTempFolder, runsAlone, say } from './alone.ts';
import { benchSlug, generateSites, postSlug } from './generate.ts';
import { REPO, rssMb, waitFor, stopHost } from './http.ts';
import { load, type LoadResult } from './load.ts';

const FIRST_PORT = 3910;
const CONNECTIONS = 16;
const WARM_SECONDS = 2;
/** Sites written to PostgreSQL at once while generating. */
const PG_WRITERS = 8;
const TASKSET = spawnSync('sh', ['-c', 'command -v taskset'], { encoding: 'utf8' }).stdout.trim();

type Engine = 'SQLite' | 'PostgreSQL';

export interface ScaleResults {
  readonly sites: number;
  readonly pinned: boolean;
  readonly postgres: string | undefined;
  readonly throughput: ReadonlyArray<{ readonly engine: Engine; readonly hosts: number; readonly page: string; readonly result: LoadResult }>;
  readonly memory: ReadonlyArray<{ readonly engine: Engine; readonly served: ReadonlyArray<readonly [number, number]> }>;
}

/**
 * `sqliteSites`: a folder generate.ts filled with `sites` SQLite sites (run.ts's), or undefined to
 * make one here. The PostgreSQL network is generated here with the same sites and posts.
 */
export async function measureScale(root: string, sqliteSites: string | undefined, sites: number, posts: number, seconds: number, say: (line: string) => void): Promise<ScaleResults> {
  const throughput: Array<ScaleResults['throughput'][number]> = [];
  const memory: Array<ScaleResults['memory'][number]> = [];
  const pages = [
    { page: 'post page', path: `/${postSlug(1)}/` },
    { page: 'home page', path: '/' },
  ];
  const measureNetwork = async (engine: Engine, sitesDir: string, extraEnv: NodeJS.ProcessEnv) => {
    const hosts: ChildProcess[] = [];
    const start = (index: number) => {
      const dir = path.join(root, 'scale', `${engine}-host-${index}`);
      const host = pinned(index, { ...process.env, ...extraEnv, GUILD_SITES: sitesDir, GUILD_DATA: path.join(dir, 'data'), GUILD_CACHE: path.join(dir, 'cache'), GUILD_PACKAGES: path.join(dir, 'packages'), GUILD_PAGE_CACHE_MB: '0', GUILD_DIRECTORY_EMBEDDED: '0', PORT: String(FIRST_PORT + index), GUILD_LOG_LEVEL: 'warn', GUILD_LOG_FORMAT: 'json' });
      hosts.push(host);
      return host;
    };
    try {
      const first = start(0);
      say(`${engine}: one host serving every site once ...`);
      const served: Array<[number, number]> = [];
      for (let index = 1; index <= sites; index++) {
        await waitFor(FIRST_PORT, `${benchSlug(index)}.localhost`, 120_000);
        if (index === 1 || index === Math.min(100, sites) || index === sites) served.push([index, rssMb(first)]);
      }
      memory.push({ engine, served: served.filter(([count], at) => served.findIndex(([other]) => other === count) === at) });
      const counts = engine === 'PostgreSQL' ? [1, 2] : [1];
      for (const count of counts) {
        if (count === 2) {
          start(1);
          await waitFor(FIRST_PORT + 1, `${benchSlug(1)}.localhost`, 120_000);
        }
        for (const { page, path: url } of pages) {
          const loadAll = (duration: number) =>
            Promise.all(Array.from({ length: count }, (_, index) => load({ port: FIRST_PORT + index, seconds: duration, connections: CONNECTIONS / count, next: () => ({ host: `${benchSlug(1)}.localhost`, path: url }) })));
          await loadAll(WARM_SECONDS);
          say(`Load: ${engine}, ${page}, ${count} host${count > 1 ? 's' : ''} (${seconds} s, ${CONNECTIONS} connections) ...`);
          throughput.push({ engine, hosts: count, page, result: combined(await loadAll(seconds)) });
        }
      }
    } finally {
      await Promise.all(hosts.map(stopHost));
    }
  };

  let sqliteDir = sqliteSites;
  if (!sqliteDir) {
    sqliteDir = path.join(root, 'scale', 'sqlite-sites');
    say(`Generating ${sites} SQLite sites of ${posts} posts ...`);
    await generateSites(sqliteDir, sites, posts, () => {});
  }
  await measureNetwork('SQLite', sqliteDir, {});

  const postgres = process.env.BENCH_DATABASE_URL ?? process.env.GUILD_TEST_DATABASE_URL;
  if (postgres) {
    const database = await createDatabase(postgres);
    try {
      const pgSites = path.join(root, 'scale', 'pg-sites');
      mkdirSync(pgSites, { recursive: true });
      say(`Generating ${sites} PostgreSQL sites of ${posts} posts ...`);
      const generating = performance.now();
      const content = new PgDatabase(database.url);
      try {
        await generateSites(pgSites, sites, posts, (done) => done % 100 === 0 && say(`  ${done}/${sites}`), (slug) => PgContentStore.open(content, siteSchema(slug)), PG_WRITERS);
      } finally {
        await content.close();
      }
      say(`  done in ${Math.round((performance.now() - generating) / 1000)} s`);
      await measureNetwork('PostgreSQL', pgSites, { GUILD_DATABASE_URL: database.url });
    } finally {
      await database.drop();
    }
  }
  return { sites, pinned: Boolean(TASKSET), postgres: postgres ? 'PostgreSQL on this machine (loopback)' : undefined, throughput, memory };
}

export function scaleTable(results: ScaleResults): string {
  const pinning = results.pinned ? 'each host pinned to one core (taskset)' : 'hosts not pinned (taskset not found)';
  const rows = results.throughput.map(({ engine, hosts, page, result }) => {
    const problems = result.errors + result.non2xx;
    return `| ${page} | ${engine} | ${hosts} | ${result.requestsPerSecond.toLocaleString('en')} | ${result.p99Ms}${problems ? ` (${problems} errors/non-2xx)` : ''} |`;
  });
  const memoryRows = results.memory.map(({ engine, served }) => {
    const [firstCount, firstMb] = served[0]!;
    const [lastCount, lastMb] = served.at(-1)!;
    const perSite = lastCount > firstCount ? (((lastMb - firstMb) * 1024) / (lastCount - firstCount)).toFixed(0) : '-';
    return `| ${engine} | ${served.map(([count, mb]) => `${mb} MB (${count.toLocaleString('en')})`).join(' · ')} | ${perSite} KiB |`;
  });
  return `Scale: ${results.sites.toLocaleString('en')} sites, page cache off (every request rendered), ${CONNECTIONS} connections, ${pinning}${results.postgres ? `; ${results.postgres}` : '; PostgreSQL not measured (set BENCH_DATABASE_URL or GUILD_TEST_DATABASE_URL)'}:

| page | store | hosts | requests/s | p99 ms |
| --- | --- | ---: | ---: | ---: |
${rows.join('\n')}

| store | host RSS (sites served) | per further site |
| --- | --- | ---: |
${memoryRows.join('\n')}`;
}

/** `guild start` on core `index` (when taskset is there), so one host cannot use the other's core. */
function pinned(index: number, env: NodeJS.ProcessEnv): ChildProcess {
  const command = [process.execPath, path.join(REPO, 'scripts/guild.mjs'), 'start'];
  const core = String(index % os.cpus().length);
  return TASKSET ? spawn(TASKSET, ['-c', core, ...command], { env, stdio: ['ignore', 'ignore', 'inherit'] }) : spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Runs side by side against several hosts, as one: their requests added, the worst p99. */
function combined(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requestsPerSecond, 0),
    p99Ms: Math.max(...results.map((result) => result.p99Ms)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

/** A database of the bench's own beside the one `url` names, dropped after. */
async function createDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `guild_bench_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

if (runsAlone(import.meta.url)) {
  const sites = Number(process.env.BENCH_SITES ?? 1000);
  const posts = Number(process.env.BENCH_POSTS ?? 50);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  console.log(scaleTable(await inTempFolder('scale', (root) => measureScale(root, undefined, sites, posts, seconds, say))));
}
