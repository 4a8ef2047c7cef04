/**
 * Renders a page: the page model goes through the site's filters (context, navigation, body
 * class, head and foot outlets), then through the theme, then through `page:html`. Error pages
 * use the theme's error templates and fall back to a plain page if the theme cannot render them.
 */
import { escapeHtml, slugify, type Post } from '../content/index.ts';
import { describeError } from '../errors.ts';
import type { NavItem, PageInfo, PageKind, SiteInfo } from '../hooks/index.ts';
import { deepFrozen, withFields } from '../objects.ts';
import { customValues, templateCandidates, type NavigationEntry, type RenderData, type TemplateContext } from '../themes/index.ts';
import { commentsEnabled } from './comments.ts';
import { coreFoot, coreHead, DEFAULT_ACCENT_COLOR } from './ghost-head.ts';
import { lockedModel, loadPageModel, postModel, type PageModel, type PageRoute } from './page-models.ts';
import { passwordForm, plainPage } from './plain-page.ts';
import { virtualPage } from './views.ts';
import type { Site } from './site.ts';
import { themeContent } from './theme-content.ts';

export interface PageRequest {
  /** The request path, e.g. "/tag/news/". */
  readonly path: string;
  /** Where the visitor reached the site, e.g. "http://acme.localhost:3000". */
  readonly baseUrl: string;
  /** Whether this visitor has given a protected post's password (their cookie says so). */
  readonly unlocked?: (post: Post) => boolean;
}

export interface RenderedPage {
  readonly status: number;
  readonly html: string;
  readonly kind: PageKind;
  /** Shows what only this visitor may see (an unlocked protected post): never cached or shared. */
  readonly personal?: boolean;
}

export async function renderPage(site: Site, route: PageRoute, request: PageRequest): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const model = await loadPageModel(site, route, info, request.unlocked ?? (() => false));
  if (!model) return renderError(site, 404, request);
  return { status: 200, html: await renderModel(site, model, info, request), kind: model.kind, ...(model.personal ? { personal: true } : {}) };
}

/** A protected post's password page, with `error` after a wrong password (answered 401 so guesses are counted). */
export async function renderLocked(site: Site, post: Post, request: PageRequest, error: string | null): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const model = lockedModel(site, info, post, error);
  return { status: error ? 401 : 200, html: await renderModel(site, model, info, request), kind: model.kind };
}

/** Renders one post or page as the site's theme would show it, published or not (a preview). */
export async function renderPost(site: Site, post: Post, request: PageRequest): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const model = postModel(site, info, post);
  return { status: 200, html: await renderModel(site, model, info, request), kind: model.kind };
}

const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  404: 'Page not found',
  500: 'Something went wrong on our side',
};

/** The theme's error page for a status, or a plain one when the theme cannot render it. */
export async function renderError(site: Site, status: number, request: PageRequest): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const message = ERROR_MESSAGES[status] ?? 'Something went wrong';
  const model: PageModel = {
    kind: 'error',
    template: { kind: 'error', status },
    contexts: ['error'],
    context: { statusCode: status, message, errorDetails: [] },
    listingPath: '/',
    title: `${message} - ${info.title}`,
    description: info.description,
    bodyClass: ['error-template'],
  };
  try {
    return { status, html: await renderModel(site, model, info, request), kind: 'error' };
  } catch (error) {
    site.log.error({ err: error, status }, `the theme could not render its ${status} page: ${describeError(error)}`);
    return { status, html: plainPage(`${status} · ${message}`, message, `<a href="/">Go to the home page of ${info.title}</a>`), kind: 'error' };
  }
}

/**
 * The password page of a private site: the theme's private.hbs (Ghost's convention) with `error`
 * set after a wrong password, or a plain form when the theme has none.
 */
export async function renderPrivate(site: Site, request: PageRequest, error: string | null): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const status = error ? 401 : 200;
  const model: PageModel = {
    kind: 'private',
    template: { kind: 'private' },
    contexts: ['private'],
    context: { error: error ? { message: error } : null },
    listingPath: '/',
    title: `Private site - ${info.title}`,
    description: '',
    bodyClass: ['private-template'],
  };
  if (site.theme.has('private')) return { status, html: await renderModel(site, model, info, request), kind: 'private' };
  return { status, html: plainPage(`${info.title} is private`, `${info.title} is private`, `<p>Enter the password to see this site.</p>${passwordForm(error)}`), kind: 'private' };
}

/** Renders a page model through the site's filters and theme (see the top of this file). */
export async function renderModel(site: Site, model: PageModel, info: SiteInfo, request: PageRequest): Promise<string> {
  const draft: PageInfo = {
    site: info,
    kind: model.kind,
    path: request.path,
    url: `${info.url}${request.path}`,
    title: model.title,
    description: model.description,
    ...(model.post ? { post: model.post } : {}),
    ...(model.tag ? { tag: model.tag } : {}),
    ...(model.author ? { author: model.author } : {}),
    ...(model.pagination ? { pagination: model.pagination } : {}),
    ...(model.entry ? { entry: model.entry } : {}),
  };
  const hooks = site.hooks;
  const meta = hooks.run('page:meta', { title: draft.title, description: draft.description }, draft);
  const page: PageInfo = { ...draft, title: meta.title, description: meta.description };
  const context: TemplateContext = await hooks.run('page:context', model.context, page);
  const navigation = hooks.run('navigation:items', await storedMenu(site, 'primary'), page);
  const menu = (items: readonly NavItem[]): NavigationEntry[] =>
    items.map((item) => withFields(item, { slug: slugify(item.label), current: isCurrent(item.url, request.path, info.url) }));
  const data: RenderData = {
    site: withFields(info, {
      navigation: menu(navigation),
      secondary_navigation: menu(await storedMenu(site, 'secondary')),
      social: site.manifest.social ?? {},
      twitter: site.manifest.social?.twitter ?? site.manifest.social?.x ?? null,
      facebook: site.manifest.social?.facebook ?? null,
      accent_color: site.manifest.accentColor ?? DEFAULT_ACCENT_COLOR,
      cover_image: site.manifest.coverImage ?? null,
      members_enabled: false,
      members_invite_only: false,
      paid_members_enabled: false,
      comments_enabled: await site.memo.load('comments-enabled', () => commentsEnabled(site)),
      recommendations_enabled: false,
    }),
    ...fixedGlobals(site),
    content: themeContent(site),
    guild: {
      title: page.title,
      description: page.description,
      head: await hooks.run('theme:head', coreHead(site, page), page),
      foot: await hooks.run('theme:foot', coreFoot(site), page),
      bodyClass: hooks.run('theme:body-class', model.bodyClass, page).join(' '),
      contexts: model.contexts,
      listingPath: model.listingPath,
      path: request.path,
      ...(model.comments ? { comments: model.comments.html, commentCount: model.comments.count } : {}),
    },
  };
  const template = site.theme.pick(templateCandidates(model.template)) ?? model.fallback;
  if (!template) throw new Error(`theme "${site.theme.id}" has none of ${templateCandidates(model.template).map((name) => `${name}.hbs`).join(', ')}`);
  return hooks.run('page:html', await site.theme.render(template, context, data, site.contributions.renderExtras()), page);
}

/**
 * The globals that follow from the site's manifest and theme alone, which stay as they are while
 * the site is open (a change to either opens it again): worked out on its first page, and frozen,
 * which lets kept fragments know them by identity (core/themes/fragments.ts).
 */
function fixedGlobals(site: Site): Pick<RenderData, 'page' | 'custom' | 'config'> {
  let globals = fixedBySite.get(site);
  if (!globals) {
    globals = deepFrozen({
      page: { show_title_and_feature_image: true },
      custom: customValues(site.theme.manifest, site.manifest.theme.settings),
      // A copy: freezing the theme's own would freeze its manifest under every site that uses it.
      config: { posts_per_page: site.theme.postsPerPage, image_sizes: structuredClone(site.theme.manifest.config?.image_sizes ?? {}) },
    });
    fixedBySite.set(site, globals);
  }
  return globals;
}

const fixedBySite = new WeakMap<Site, Pick<RenderData, 'page' | 'custom' | 'config'>>();

/** A page a plugin's route answers with, shown through the theme's page template. */
export async function renderVirtualPage(site: Site, content: { title: string; html: string }, status: number, request: PageRequest): Promise<RenderedPage> {
  const info = site.info(request.baseUrl);
  const post = virtualPage(String(content.title), String(content.html), request.path);
  const model: PageModel = {
    kind: 'page',
    template: { kind: 'page', slug: post.slug, custom: null },
    contexts: ['page'],
    context: { post, page: post },
    listingPath: '/',
    title: `${post.title} - ${info.title}`,
    description: '',
    bodyClass: ['page-template', 'plugin-page'],
  };
  return { status, html: await renderModel(site, model, info, request), kind: 'page' };
}

/** A menu as stored, from the render memo; copies, so that a filter changing an item changes this page only. */
async function storedMenu(site: Site, name: 'primary' | 'secondary'): Promise<NavItem[]> {
  const items = await site.memo.load(`navigation:${name}`, () => site.store.getNavigation(name));
  return items.map((item) => ({ ...item }));
}

function isCurrent(url: string, path: string, siteUrl: string): boolean {
  const local = url.startsWith(siteUrl) ? url.slice(siteUrl.length) || '/' : url;
  return local === path;
}
