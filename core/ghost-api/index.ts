export { contentApiRouter, type ContentApiSite } from './router.ts';
export { contentApiKey, ensureContentApiKey, isContentApiKey, rotateContentApiKey } from './keys.ts';
export { NO_SEO_FIELDS } from './shapes.ts';
