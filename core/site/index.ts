export { PageCache } from './page-cache.ts';
export type { PluginStatus } from './plugins.ts';
export { plainPage } from './plain-page.ts';
export { renderError, renderPage, renderPost, type PageRequest, type RenderedPage } from './render.ts';
export { publicRoutes, sendCachedPage, type SiteLocals } from './routes.ts';
export { contentDatabaseFile, Site, type SiteServices, type SiteSource } from './site.ts';
export { excerptOf, postView } from './views.ts';
export { validateSite } from './validate.ts';
