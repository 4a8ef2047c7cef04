/**
 * The data a render asks for while it runs. Handlebars renders synchronously, so an async helper
 * ({{#get}}, {{#next_post}}) cannot wait for the database. Instead it asks here: an answer already
 * fetched is returned at once; anything else is noted, the helper renders nothing this pass, and
 * the theme renders again once every noted request has been answered. Identical requests within
 * one page are fetched once, and an answer the source already holds (see ThemeContentSource.known)
 * is used at once, so a page whose {{#get}} answers are known renders in one pass. See README: "Data in synchronous templates".
 */
import type { PostView } from '../hooks/index.ts';
import type { AdjacentRequest, BrowseRequest, BrowseResult, ThemeContentSource } from './types.ts';

export type ContentRequest = { readonly kind: 'browse'; readonly request: BrowseRequest } | { readonly kind: 'adjacent'; readonly request: AdjacentRequest };

/** What a helper gets: the answer, or word that it is still being fetched. */
export type Answer<T> = { readonly ready: true; readonly value: T } | { readonly ready: false };

const NOT_YET: Answer<never> = { ready: false };

/** The key of a content request, as ThemeContentSource.known is asked it. */
export function contentRequestKey(request: ContentRequest): string {
  return JSON.stringify(request);
}

export class RenderRequests {
  readonly #source: ThemeContentSource;
  readonly #answers = new Map<string, unknown>();
  readonly #noted = new Map<string, ContentRequest>();
  /** Set for the last pass: whatever is still missing then renders as empty. */
  final = false;

  constructor(source: ThemeContentSource) {
    this.#source = source;
  }

  browse(request: BrowseRequest): Answer<BrowseResult | null> {
    return this.#ask({ kind: 'browse', request });
  }

  adjacent(request: AdjacentRequest): Answer<PostView | null> {
    return this.#ask({ kind: 'adjacent', request });
  }

  /** How many requests the last pass noted that have no answer yet. */
  get waiting(): number {
    return this.#noted.size;
  }

  /**
   * Fetches every noted request, all at once. The source answers a request it cannot serve (a
   * bad filter) with an empty result; anything it throws is a real failure and fails the render.
   */
  async fetch(): Promise<void> {
    const noted = [...this.#noted];
    this.#noted.clear();
    const answers = await Promise.all(
      noted.map(([, request]) => (request.kind === 'browse' ? this.#source.browse(request.request) : this.#source.adjacent(request.request))),
    );
    noted.forEach(([key], index) => this.#answers.set(key, answers[index]));
  }

  #ask<T>(request: ContentRequest): Answer<T> {
    const key = contentRequestKey(request);
    if (this.#answers.has(key)) return { ready: true, value: this.#answers.get(key) as T };
    const known = this.#source.known?.(key);
    if (known) {
      this.#answers.set(key, known.value);
      return { ready: true, value: known.value as T };
    }
    if (this.final) return { ready: true, value: null as T };
    this.#noted.set(key, request);
    return NOT_YET;
  }
}
