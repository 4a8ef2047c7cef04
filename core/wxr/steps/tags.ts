/**
 * Categories and tags both become tags. Guild's themes follow Ghost's, which know one taxonomy
 * (tags, the first being the primary tag), so a post's categories come first among its tags and
 * its main category is what the theme shows. Which tags were categories is remembered, so an
 * export back to WordPress restores them. "Uncategorized", WordPress's placeholder, is left out.
 */
import type { Tag } from '../../content/index.ts';
import { count, skip } from '../report.ts';
import { digest, localSlug, type ImportRun } from '../run.ts';
import type { WxrTerm } from '../types.ts';

export const TAG_TAXONOMIES = new Set(['category', 'post_tag']);
const PLACEHOLDER_CATEGORY = 'uncategorized';

export function tagKey(taxonomy: string, slug: string): string {
  return `${taxonomy}:${slug}`;
}

export async function importTags(run: ImportRun): Promise<void> {
  const terms = new Map<string, WxrTerm>();
  for (const term of run.doc.terms) if (TAG_TAXONOMIES.has(term.taxonomy)) terms.set(tagKey(term.taxonomy, term.slug), term);
  // Terms an item is filed under but the channel does not declare (partial exports).
  for (const item of run.doc.items) {
    for (const term of item.terms) {
      const key = tagKey(term.taxonomy, term.slug);
      if (TAG_TAXONOMIES.has(term.taxonomy) && term.slug && !terms.has(key)) {
        terms.set(key, { id: '', taxonomy: term.taxonomy, slug: term.slug, name: term.name, parentSlug: '', description: '' });
      }
    }
  }
  const byId = new Map((await run.store.listTags()).map((tag) => [tag.id, tag as Tag]));
  for (const term of terms.values()) {
    if (term.taxonomy === 'category' && term.slug === PLACEHOLDER_CATEGORY) {
      skip(run.report, 'category "Uncategorized"', "WordPress's placeholder for posts without a category says nothing about them", '');
    } else {
      await importTag(run, term, byId);
    }
  }
  for (let i = 0; i < run.doc.terms.length; i++) run.step();
}

async function importTag(run: ImportRun, term: WxrTerm, byId: Map<number, Tag>): Promise<void> {
  const kind = term.taxonomy === 'category' ? 'category' : 'tag';
  const name = term.name || term.slug;
  const hash = digest({ name, description: term.description });
  const data = { termId: term.id, name, description: term.description, parent: term.parentSlug, hash };
  const origin = await run.origin(kind, term.slug);
  const known = origin?.localId != null ? byId.get(origin.localId) : undefined;
  if (known) {
    run.tagSlugs.set(tagKey(term.taxonomy, term.slug), known.slug);
    if (origin!.data.hash === hash) return count(run.report, 'tags', 'unchanged');
    await run.store.saveTag({ slug: known.slug, name, description: term.description || known.description });
    await run.remember(kind, term.slug, known.id, data);
    return count(run.report, 'tags', 'updated');
  }
  const slug = localSlug(term.slug || term.name, `${kind}-${term.id || byId.size + 1}`);
  // A tag of this slug already here (the site's own, or the category of the same name) is the same tag.
  const existing = await run.store.getTag(slug);
  const local = existing ?? (await run.store.saveTag({ slug, name, description: term.description }));
  byId.set(local.id, local);
  run.tagSlugs.set(tagKey(term.taxonomy, term.slug), local.slug);
  await run.remember(kind, term.slug, local.id, data);
  count(run.report, 'tags', existing ? 'unchanged' : 'created');
}
