/**
 * Site search on a 1,000-post site: the time of `searchPosts` (count, ranked page of 10 with
 * snippets, tags and authors) for common words, rare words, prefixes and two-word queries.
 * Target: under 20 ms. Runs inside `npm run bench`, or alone: node --import tsx scripts/bench/search.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteContentStore, seedContent } from '../../core/content/index.ts';
import { runsAlone } from './alone.ts';

const POSTS = 1000;
const ROUNDS = 50;
const WORDS = ['harbour', 'sourdough', 'freelancer', 'plugin', 'theme', 'client', 'invoice', 'lighthouse', 'ferry', 'bakery', 'market', 'garden', 'winter', 'lantern', 'quarry', 'meadow'];
const QUERIES = ['harbour', 'lanter', 'sourdough bakery', 'quarry', 'zebra', 'the', 'post 500'];

export interface SearchTiming {
  readonly query: string;
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
}

export async function measureSearch(): Promise<SearchTiming[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-search-'));
  const store = new SqliteContentStore(path.join(dir, 'content.db'));
  try {
    const word = (i: number, n: number) => WORDS[(i * 7 + n * 13) % WORDS.length]!;
    await seedContent(store, {
      posts: Array.from({ length: POSTS }, (_, i) => ({
        title: `Post ${i + 1}: the ${word(i, 1)} and the ${word(i, 2)}`,
        slug: `post-${i + 1}`,
        status: 'published' as const,
        publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
        tags: [`Topic ${i % 7}`],
        html: Array.from({ length: 10 }, (_, p) => `<p>The ${word(i, p)} of the ${word(i, p + 3)} met a ${word(i, p + 5)} by the ${word(i, p + 7)}, as every morning.</p>`).join('\n'),
      })),
    });
    const timings: SearchTiming[] = [];
    // One query at a time: timed searches must not wait on each other.
    for (const query of QUERIES) {
        const times: number[] = [];
        let total = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const started = performance.now();
          total = (await store.searchPosts(query, { limit: 10 })).total;
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const at = (share: number) => Math.round(times[Math.min(times.length - 1, Math.floor(share * times.length))]! * 100) / 100;
        timings.push({ query, total, p50: at(0.5), p99: at(0.99) });
    }
    return timings;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function searchTable(timings: readonly SearchTiming[]): string {
  return `Site search on a ${POSTS.toLocaleString('en')}-post site, ${ROUNDS} searches per query (a page of 10 with snippets, tags and authors):

| query | matches | p50 ms | p99 ms | target |
| --- | ---: | ---: | ---: | ---: |
${timings.map((timing) => `| ${timing.query} | ${timing.total} | ${timing.p50} | ${timing.p99} | < 20 ms |`).join('\n')}`;
}

if (runsAlone(import.meta.url)) console.log(searchTable(await measureSearch()));
