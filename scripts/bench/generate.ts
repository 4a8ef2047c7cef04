/**
 * Builds a benchmark network: `count` sites of `posts` posts each, written through the real
 * content store (the same code path a site's first start takes), each with its own site.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteContentStore, seedContent, type ContentStore, type SeedData } from '../../core/content/index.ts';

const PARAGRAPH =
  'Freelancers run their clients’ sites from one host. Each site keeps its own content in its own database, ' +
  'renders through a shared theme, and is extended by plugins that only ever see the hooks they tap. ';

export function benchSlug(index: number): string {
  return `site-${String(index).padStart(4, '0')}`;
}

export function postSlug(index: number): string {
  return `post-${index}`;
}

function seedFor(index: number, posts: number): SeedData {
  return {
    authors: [{ slug: 'owner', name: `Owner ${index}`, bio: 'Runs this site.' }],
    posts: Array.from({ length: posts }, (_, i) => ({
      title: `Post ${i + 1} of site ${index}`,
      slug: postSlug(i + 1),
      status: 'published' as const,
      publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
      tags: [`Topic ${i % 5}`],
      html: Array.from({ length: 12 }, (_, p) => `<p>${p === 0 ? `Post ${i + 1}. ` : ''}${PARAGRAPH}</p>`).join('\n'),
    })),
    pages: [{ title: 'About', slug: 'about', html: `<p>${PARAGRAPH}</p>` }],
    navigation: [
      { label: 'Home', url: '/' },
      { label: 'About', url: '/about/' },
    ],
  };
}

/**
 * `openStore` chooses the store (default: the site's SQLite file); `parallel` sites are written at
 * once, which pays on a database server (PostgreSQL: each site's schema takes round trips).
 */
export async function generateSites(
  sitesDir: string,
  count: number,
  posts: number,
  onProgress: (done: number) => void,
  openStore: (slug: string, dir: string) => Promise<ContentStore> = async (_slug, dir) => new SqliteContentStore(path.join(dir, 'data', 'content.db')),
  parallel = 1,
): Promise<void> {
  let next = 1;
  let done = 0;
  const writer = async () => {
    for (let index = next++; index <= count; index = next++) {
      const slug = benchSlug(index);
      const dir = path.join(sitesDir, slug);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'site.json'),
        JSON.stringify({ guild: 1, id: slug, title: `Bench site ${index}`, theme: { id: 'journal' }, plugins: [{ id: 'guild.seo' }], builtBy: 'bench' }),
      );
      const store = await openStore(slug, dir);
      await seedContent(store, seedFor(index, posts));
      await store.close();
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: parallel }, writer));
}
