/**
 * Search on every site: `/search/?q=` rendered by the theme (its `search.hbs`, or the results as a
 * page of the theme when it has none), `/search.json?q=` for scripts, and the script that makes
 * Ghost themes' `data-ghost-search` buttons open a search served by the site itself.
 */
import { readFileSync } from 'node:fs';
import express, { type Response } from 'express';
import { escapeHtml, type PageOf, type SearchHit } from '../content/index.ts';
import type { PaginationView, PostView } from '../hooks/index.ts';
import type { PageModel } from './page-models.ts';
import { renderModel, renderVirtualPage, type PageRequest, type RenderedPage } from './render.ts';
import type { Site } from './site.ts';
import { paginationOf, postView } from './views.ts';

/** Where {{ghost_head}} loads the search script from. */
export const SEARCH_SCRIPT_PATH = '/public/guild-search.js';
const RESULTS_PER_PAGE = 10;
const JSON_LIMIT_MAX = 50;
const QUERY_MAX = 200;
const SCRIPT = readFileSync(new URL('./search-client.js', import.meta.url), 'utf8');

/** A search result as themes and the JSON endpoint see it: the post's view and where it matched. */
export type SearchResultView = PostView & { snippet: string };

export function searchRoutes(locals: (res: Response) => { site: Site; baseUrl: string }): express.Router {
  const router = express.Router({ strict: true });

  router.get('/search/', async (req, res) => {
    const { site, baseUrl } = locals(res);
    const query = queryOf(req.query.q);
    const page = pageOf(req.query.page);
    const found = query ? await site.store.searchPosts(query, { limit: RESULTS_PER_PAGE, page }) : null;
    const rendered: RenderedPage = await renderSearchPage(site, { path: req.path, baseUrl }, query, found && resultsOf(found), found ? paginationOf(found) : null);
    res.status(rendered.status).type('html').set('Cache-Control', 'no-store').send(rendered.html);
  });

  router.get('/search.json', async (req, res) => {
    const { site } = locals(res);
    const query = queryOf(req.query.q);
    const limit = Math.min(pageOf(req.query.limit, RESULTS_PER_PAGE), JSON_LIMIT_MAX);
    const found = query ? await site.store.searchPosts(query, { limit, page: pageOf(req.query.page) }) : { items: [], total: 0, page: 1, limit, pages: 1 };
    res.set('Cache-Control', 'no-store').json({
      query,
      results: found.items.map(({ post, snippet }) => ({ id: post.id, type: post.type, title: post.title, url: post.path, published_at: post.publishedAt, snippet })),
      meta: { pagination: paginationOf(found) },
    });
  });

  router.get(SEARCH_SCRIPT_PATH, (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=3600').send(SCRIPT);
  });
  return router;
}

/**
 * The results page: the theme's search.hbs with `query`, `posts` (each with its `snippet`) and
 * `pagination`, or the results as the content of the theme's page template.
 */
async function renderSearchPage(site: Site, request: PageRequest, query: string, results: SearchResultView[] | null, pagination: PaginationView | null): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const title = query ? `Search: ${query}` : 'Search';
  if (!site.theme.has('search')) {
    const html = searchResultsHtml(query, results, pagination?.total ?? 0, pagination?.page ?? 1, pagination?.pages ?? 1);
    return renderVirtualPage(site, { title, html }, 200, request);
  }
  const model: PageModel = {
    kind: 'search',
    template: { kind: 'search' },
    contexts: ['search'],
    context: { query, posts: results ?? [], pagination },
    listingPath: '/search/',
    title: `${title} - ${info.title}`,
    description: '',
    bodyClass: ['search-template'],
  };
  return { status: 200, html: await renderModel(site, model, info, request), kind: 'search' };
}

function resultsOf(found: PageOf<SearchHit>): SearchResultView[] {
  return found.items.map(({ post, snippet }) => ({ ...postView(post), snippet }));
}

function queryOf(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, QUERY_MAX) : '';
}

function pageOf(value: unknown, fallback = 1): number {
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : fallback;
  return number >= 1 ? number : fallback;
}

/** The results as HTML for a theme without search.hbs: shown as the content of its page template. */
export function searchResultsHtml(query: string, results: readonly SearchResultView[] | null, total: number, page: number, pages: number): string {
  const form = `<form class="guild-search-form" action="/search/" method="get" role="search"><label>Search this site <input type="search" name="q" value="${escapeHtml(query)}" autofocus></label> <button type="submit">Search</button></form>`;
  if (!results) return form;
  if (results.length === 0) return `${form}\n<p class="guild-search-summary">No results for “${escapeHtml(query)}”.</p>`;
  const items = results.map((result) => `<li><a href="${escapeHtml(result.url)}"><strong>${escapeHtml(result.title)}</strong></a><p>${result.snippet}</p></li>`).join('\n');
  const link = (n: number, label: string, rel: string) => `<a rel="${rel}" href="/search/?q=${encodeURIComponent(query)}${n > 1 ? `&amp;page=${n}` : ''}">${label}</a>`;
  const pager = pages > 1 ? `<nav class="guild-search-pages">${page > 1 ? link(page - 1, 'Previous', 'prev') : ''} Page ${page} of ${pages} ${page < pages ? link(page + 1, 'Next', 'next') : ''}</nav>` : '';
  return `${form}\n<p class="guild-search-summary">${total} result${total === 1 ? '' : 's'} for “${escapeHtml(query)}”</p>\n<ol class="guild-search-results">\n${items}\n</ol>${pager}`;
}
