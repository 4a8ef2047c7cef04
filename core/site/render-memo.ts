/**
 * What rendering derives from a site's content (post views with their excerpts and reading times,
 * {{#get}} answers, menus, comment threads), kept until the site's cache version moves: any write,
 * ours at once and another process's within the store's own few milliseconds, or a plugin
 * switched off. So a page renders from memory without ever showing content older than the page
 * cache itself would. Bounded per site; a load that fails is not kept.
 */
import { LRUCache } from 'lru-cache';

/** Enough for a site's hot pages (home, a few archives, the posts being read) without holding all of a large site. */
const MAX_ENTRIES = 128;

interface Entry {
  readonly promise: Promise<unknown>;
  settled?: { readonly value: unknown };
}

export class RenderMemo {
  readonly #version: () => string;
  // Made on the first render: a site opened for its admin, a feed or a check never needs one.
  #entries: LRUCache<string, Entry> | undefined;
  #at = '';

  constructor(version: () => string) {
    this.#version = version;
  }

  /** What `load` gives for the current content, loaded once while the content stays as it is. */
  load<T>(key: string, load: () => Promise<T>): Promise<T> {
    const entries = this.#current();
    const known = entries.get(key);
    if (known) return known.promise as Promise<T>;
    const entry: Entry = { promise: load() };
    entries.set(key, entry);
    entry.promise.then(
      (value) => (entry.settled = { value }),
      () => entries.get(key) === entry && entries.delete(key),
    );
    return entry.promise as Promise<T>;
  }

  /** The value loaded under `key` for the current content, if it has arrived. */
  known(key: string): { readonly value: unknown } | undefined {
    return this.#current().get(key)?.settled;
  }

  #current(): LRUCache<string, Entry> {
    const version = this.#version();
    this.#entries ??= new LRUCache<string, Entry>({ max: MAX_ENTRIES });
    if (version !== this.#at) {
      this.#entries.clear();
      this.#at = version;
    }
    return this.#entries;
  }
}
