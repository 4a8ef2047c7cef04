/**
 * SEO for every page: Open Graph and Twitter cards, JSON-LD, and a reading time at the site's
 * own reading speed, which {{reading_time}} then shows; per-post overrides (title, description,
 * image, kept out of search) set in the post editor's panel; and a sitemap without the posts kept out. Other
 * plugins may adjust the tags through this plugin's own filter, "guild.seo:meta-tags".
 */
import { definePlugin, readingTime, type PageInfo, type PostView } from '@guild/sdk';
import { registerAdmin } from './admin.ts';
import { migrations, Overrides } from './overrides.ts';
import { metaTags, renderHead, type MetaTag } from './tags.ts';

export interface SeoSettings {
  twitter?: string;
  defaultImage?: string;
  wordsPerMinute: number;
}

export default definePlugin<SeoSettings>({
  migrations,
  setup({ plugin, hooks, settings, log, storage, admin, pages }) {
    const overrides = new Overrides(storage);
    registerAdmin(plugin.id, admin, hooks, overrides, () => pages.invalidate());

    // Reading time per post, remembered until the post changes.
    const minutes = new Map<number, number>();
    const minutesOf = (post: PostView) => {
      let value = minutes.get(post.id);
      if (value === undefined) {
        value = readingTime(post.html, settings.wordsPerMinute);
        minutes.set(post.id, value);
      }
      return value;
    };

    hooks.addAction('content:changed', (change) => {
      if (change.id === undefined) minutes.clear();
      else minutes.delete(change.id);
    });

    hooks.addFilter('page:context', (context, page) => {
      if (!page.post || !context.post) return context;
      const post = { ...(context.post as PostView), reading_time: minutesOf(page.post) };
      return { ...context, post, ...(page.kind === 'page' ? { page: post } : {}) };
    });

    hooks.addFilter('page:meta', (meta, page) => {
      const override = page.post && overrides.get(page.post.id);
      return override ? { title: override.title ?? meta.title, description: override.description ?? meta.description } : meta;
    });

    hooks.addFilter('sitemap:entries', (entries) => {
      const listed = entries.filter((entry) => entry.postId === undefined || !overrides.get(entry.postId)?.noindex);
      // The home page changes whenever anything listed on it does.
      const newest = listed.map((entry) => entry.lastmod ?? '').sort().at(-1);
      return listed.map((entry, index) => (index === 0 && newest && !entry.lastmod ? { ...entry, lastmod: newest } : entry));
    });

    hooks.addFilter('theme:head', (head, page: PageInfo) => {
      const override = page.post ? overrides.get(page.post.id) : undefined;
      const tags = hooks.applyFilters<MetaTag[]>('guild.seo:meta-tags', metaTags(page, settings, page.post && minutesOf(page.post), override), page) as MetaTag[];
      return `${head}\n    ${renderHead(tags, page)}`;
    });

    // The client can set the handle and the share image themselves: open the settings page to editors.
    hooks.addFilter('admin:settings-pages', (pages) =>
      pages.map((page) =>
        page.plugin === 'guild.seo'
          ? {
              ...page,
              title: 'SEO & sharing',
              description: 'How links to this site look when shared, and what search engines read.',
              role: 'editor',
              fields: page.fields.map((field) =>
                field.key === 'twitter'
                  ? { ...field, label: 'Twitter/X handle', placeholder: '@yourbakery' }
                  : field.key === 'defaultImage'
                    ? { ...field, label: 'Default share image', type: 'image' }
                    : field,
              ),
            }
          : page,
      ),
    );

    log.debug('SEO tags are on');
  },
});
