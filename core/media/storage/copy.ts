import { buffer } from 'node:stream/consumers';
import type { SiteMedia } from './store.ts';

/** Copies every file of one store to another (a bucket into an archive's folder, or back); returns the keys copied. */
export async function copyMedia(from: SiteMedia, to: SiteMedia): Promise<string[]> {
  const copied: string[] = [];
  for await (const key of from.keys()) {
    const file = await from.read(key);
    // Listed a moment ago and deleted since: nothing to copy.
    if (!file) continue;
    await to.write(key, await buffer(file.body));
    copied.push(key);
  }
  return copied;
}
