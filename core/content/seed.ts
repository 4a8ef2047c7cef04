/**
 * First content for a new site: the demo sites ship a seed.json beside their site.json; any other
 * new site gets a welcome post, an about page and a menu, so its first visit shows a real page.
 */
import type { ContentStore } from './store.ts';
import { escapeHtml } from './text.ts';
import type { AuthorInput, NavigationItem, PostInput, TagInput } from './types.ts';

export interface SeedData {
  readonly authors?: readonly AuthorInput[];
  readonly tags?: readonly TagInput[];
  readonly posts?: readonly PostInput[];
  readonly pages?: readonly PostInput[];
  readonly navigation?: readonly NavigationItem[];
  /** The second menu themes show with {{navigation type="secondary"}}, usually in the footer. */
  readonly secondaryNavigation?: readonly NavigationItem[];
  readonly settings?: Readonly<Record<string, unknown>>;
}

export async function seedContent(store: ContentStore, seed: SeedData): Promise<void> {
  for (const author of seed.authors ?? []) await store.saveAuthor(author);
  for (const tag of seed.tags ?? []) await store.saveTag(tag);
  // Oldest first, so that ids follow publication order as they would have on a real site.
  const posts = [...(seed.posts ?? [])].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
  for (const post of posts) await store.createPost({ status: 'published', ...post, type: 'post' });
  for (const page of seed.pages ?? []) await store.createPost({ status: 'published', ...page, type: 'page' });
  if (seed.navigation) await store.setNavigation(seed.navigation);
  if (seed.secondaryNavigation) await store.setNavigation(seed.secondaryNavigation, 'secondary');
  for (const [key, value] of Object.entries(seed.settings ?? {})) await store.setSetting(key, value);
}

export function welcomeSeed(site: { title: string; builtBy: string }): SeedData {
  return {
    authors: [{ slug: site.builtBy, name: site.builtBy, bio: `Built ${site.title}.` }],
    posts: [
      {
        title: `Welcome to ${site.title}`,
        slug: 'welcome',
        tags: ['News'],
        html: `<p>This is the first post on ${escapeHtml(site.title)}. Log in to the admin to write the next one, or delete this one.</p>`,
      },
    ],
    pages: [{ title: 'About', slug: 'about', html: `<p>Tell visitors who is behind ${escapeHtml(site.title)}.</p>` }],
    navigation: [
      { label: 'Home', url: '/' },
      { label: 'About', url: '/about/' },
    ],
  };
}
