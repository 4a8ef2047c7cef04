/** What the helpers share: the render data they read and the handful of string tools they need. */
import Handlebars from 'handlebars';
import type { RenderFragments } from '../fragments.ts';
import type { RenderRequests } from '../requests.ts';
import type { RenderData } from '../types.ts';

export { htmlToText, readingTime, truncateHtml, truncateWords } from '../../content/text.ts';

export const { SafeString, escapeExpression } = Handlebars;
export type SafeString = Handlebars.SafeString;
export const createFrame = Handlebars.Utils.createFrame as <T extends object>(frame: T) => T;

/** The data frame as the engine sets it up: the globals plus the running theme's services. */
export interface HelperData extends RenderData {
  root: Record<string, unknown>;
  /** Ghost's @member: always null, as Guild has no members. */
  member: null;
  theme: {
    assetVersion: string;
    /** The content this render asked for; see requests.ts. */
    requests: RenderRequests;
    /** A phrase in the site's language, from the theme's locales/. */
    translate(phrase: string): string;
    renderPartial(name: string, context: unknown, data: HelperData): string;
    /** Which partials this render may keep, and the key of its globals (fragments.ts). */
    fragments: RenderFragments;
  };
  blocks: Record<string, string[]>;
}

export interface Options {
  fn: (context: unknown, options?: { data?: unknown; blockParams?: unknown[] }) => string;
  inverse: (context: unknown, options?: { data?: unknown }) => string;
  hash: Record<string, unknown>;
  data: HelperData;
  name: string;
}

/** Handlebars calls every helper with its options last; this finds them whatever the arity. */
export function optionsOf(args: unknown[]): Options {
  return args[args.length - 1] as Options;
}

/** The arguments before the options. */
export function paramsOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

/** True when called as a block ({{#name}}...{{/name}}) rather than inline. */
export function isBlock(options: Options): boolean {
  return typeof options.fn === 'function';
}

export function toInteger(value: unknown, fallback: number): number {
  const number = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(number) ? number : fallback;
}

/** Hash arguments arrive as strings ("true", "false") or booleans; Ghost treats both alike. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A comma-separated list argument ("a, b") as trimmed, non-empty items. */
export function listOf(value: unknown): string[] {
  return String(value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** An <a> to `url` with escaped text, as the linking helpers (tags, authors) write it. */
export function link(url: string, text: string, className?: string): string {
  const classes = className ? ` class="${escapeExpression(className)}"` : '';
  return `<a href="${escapeExpression(url)}"${classes}>${escapeExpression(text)}</a>`;
}

/** Ghost's visibility filter: items whose `visibility` is not allowed are left out ("all" keeps everything). */
export function visible<T>(items: readonly T[], visibility: unknown, fallback = 'public'): T[] {
  const allowed = listOf(visibility ?? fallback);
  if (allowed.includes('all')) return [...items];
  return items.filter((item) => {
    const value = (item as { visibility?: unknown } | null)?.visibility;
    return value === undefined || allowed.includes(String(value));
  });
}

/** Picks items `from` (1-based) `to` (inclusive) and at most `limit` of them, as Ghost's list helpers do. */
export function slice<T>(items: readonly T[], hash: Record<string, unknown>): T[] {
  const from = Math.max(toInteger(hash.from, 1), 1);
  const limit = toInteger(hash.limit, items.length);
  const to = Math.min(toInteger(hash.to, items.length), items.length, from - 1 + limit);
  return items.slice(from - 1, Math.max(to, from - 1));
}
