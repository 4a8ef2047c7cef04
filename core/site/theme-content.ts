/**
 * The site's content as a theme render reads it ({{#get}}, {{#next_post}}): the store's indexed
 * finders, results shaped as the views themes see everywhere else. A request the store refuses (a
 * filter with a typo) is logged for the theme's author and answers empty, so the page still renders.
 * Answers are kept in the site's render memo until its content changes, so the next page asking the
 * same finds them known and renders in one pass.
 */
import { isGuildError } from '../errors.ts';
import type { PostView } from '../hooks/index.ts';
import { contentRequestKey, type AdjacentRequest, type BrowseRequest, type BrowseResult, type ThemeContentSource } from '../themes/index.ts';
import type { Site } from './site.ts';
import { authorView, paginationOf, postView, tagView } from './views.ts';

export function themeContent(site: Site): ThemeContentSource {
  const source = contentOf(site);
  return {
    browse: (request) => site.memo.load(`content:${contentRequestKey({ kind: 'browse', request })}`, () => source.browse(request)),
    adjacent: (request) => site.memo.load(`content:${contentRequestKey({ kind: 'adjacent', request })}`, () => source.adjacent(request)),
    known: (key) => site.memo.known(`content:${key}`),
  };
}

function contentOf(site: Site): Omit<ThemeContentSource, 'known'> {
  return {
    async browse(request: BrowseRequest): Promise<BrowseResult> {
      const query = { filter: request.filter, limit: request.limit, page: request.page, order: request.order };
      try {
        switch (request.resource) {
          case 'posts':
          case 'pages': {
            const found = await site.store.findPosts(request.resource === 'posts' ? 'post' : 'page', query);
            return { items: found.items.map((post) => postView(post)), pagination: paginationOf(found) };
          }
          case 'tags': {
            const found = await site.store.findTags(query);
            return { items: found.items.map((tag) => ({ ...tagView(tag), count: { posts: tag.count } })), pagination: paginationOf(found) };
          }
          case 'authors': {
            const found = await site.store.findAuthors(query);
            return { items: found.items.map((author) => ({ ...authorView(author), count: { posts: author.count } })), pagination: paginationOf(found) };
          }
        }
      } catch (error) {
        if (!isGuildError(error, 'GUILD_ERR_CONTENT_FILTER')) throw error;
        site.log.warn({ theme: site.theme.id, request }, `{{#get "${request.resource}"}} in theme ${site.theme.id}: ${error.message}`);
        return { items: [], pagination: paginationOf({ page: 1, pages: 1, total: 0, limit: 0 }) };
      }
    },

    async adjacent(request: AdjacentRequest): Promise<PostView | null> {
      const found = await site.store.adjacentPost(request.post, request.direction, request.within ?? undefined);
      return found ? postView(found) : null;
    },
  };
}
