/** What the helpers share: the render data they read and the handful of string tools they need. */
import Handlebars from 'handlebars';
import type { RenderData } from '../types.ts';

export { htmlToText, truncateWords } from '../../content/text.ts';

export const { SafeString, escapeExpression } = Handlebars;
export type SafeString = Handlebars.SafeString;
export const createFrame = Handlebars.Utils.createFrame as <T extends object>(frame: T) => T;

/** The data frame as the engine sets it up: the globals plus the running theme's services. */
export interface HelperData extends RenderData {
  root: Record<string, unknown>;
  theme: {
    assetVersion: string;
    renderPartial(name: string, context: unknown, data: HelperData): string;
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

export function toInteger(value: unknown, fallback: number): number {
  const number = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(number) ? number : fallback;
}
