/**
 * A site's Content API key: 26 hex characters as Ghost's (its official client checks the form),
 * kept in the site's own settings. Owners create and rotate it in the admin or with
 * `npx guild site content-key <slug> [--rotate]`; a rotated key stops working at once.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ContentStore } from '../content/index.ts';

const SETTING = 'ghost.content_api_key';

export async function contentApiKey(store: ContentStore): Promise<string | undefined> {
  return store.getSetting<string>(SETTING);
}

/** The site's key, made now if it has none yet. */
export async function ensureContentApiKey(store: ContentStore): Promise<string> {
  return (await contentApiKey(store)) ?? rotateContentApiKey(store);
}

/** A new key in place of the old one. */
export async function rotateContentApiKey(store: ContentStore): Promise<string> {
  const key = randomBytes(13).toString('hex');
  await store.setSetting(SETTING, key);
  return key;
}

/** Whether `given` is the site's key, compared in constant time. */
export async function isContentApiKey(store: ContentStore, given: string): Promise<boolean> {
  const key = await contentApiKey(store);
  return key !== undefined && key.length === given.length && timingSafeEqual(Buffer.from(key), Buffer.from(given));
}
