export { contentApiRouter, type ContentApiSite } from './router.ts';
export { contentApiKey, ensureContentApiKey, isContentApiKey, rotateContentApiKey } from './keys.ts';
