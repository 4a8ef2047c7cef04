/**
 * The public SDK: the only module of Guild a plugin imports (as "@guild/sdk"). Hook names and
 * payloads are typed from the core's catalog, so a misspelt hook or a wrong payload is a compile
 * error in the author's editor, not a surprise on a client's site.
 */
import type { PluginDefinition } from './context.ts';

export type * from '../hooks/payloads.ts';
/** Text tools plugins share with themes, so a post reads the same everywhere. */
export { htmlToText, readingTime } from '../content/text.ts';
export { isSafeLink, isSitePath, sitePathOr } from '../content/links.ts';
export type { TapOptions } from '../hooks/types.ts';
export type * from './admin.ts';
export type * from './context.ts';
export type * from './hooks.ts';
export { escapeHtml, parseCsv, toCsv } from './text.ts';
export { sha256 } from './hash.ts';

/** Declares a plugin; the identity function that gives the author types. */
export function definePlugin<Settings = Record<string, unknown>>(definition: PluginDefinition<Settings>): PluginDefinition<Settings> {
  return definition;
}
