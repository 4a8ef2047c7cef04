/**
 * Helpers and partials that come from outside the theme (a site's plugins): a helper returns
 * HTML that the template shows as is, and a partial is compiled once, when it is added, so a
 * syntax error is found there and not by a visitor.
 */
import Handlebars from 'handlebars';
import { helpers } from './helpers/index.ts';
import { countPartialCalls } from './render-budget.ts';
import type { HelperData } from './helpers/shared.ts';

/** Partials plugins add are named after the plugin: "acme.contact-form/form". */
const PLUGIN_PARTIAL = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*\//;

/** Whether a partial name belongs to a plugin, and so is known only per site, at render time. */
export function isPluginPartial(name: string): boolean {
  return PLUGIN_PARTIAL.test(name);
}

/** Whether the theme engine has a helper of this name itself; an extra helper may not replace it. */
export function isEngineHelper(name: string): boolean {
  return Object.hasOwn(helpers, name);
}

export type ExtraHelper = (args: unknown[], hash: Record<string, unknown>, call: { path: string }) => string | undefined;

/** A Handlebars helper around a function that returns HTML. */
export function htmlHelper(helper: ExtraHelper): (...args: unknown[]) => Handlebars.SafeString {
  return (...args) => {
    const options = args.pop() as { hash: Record<string, unknown>; data: HelperData };
    return new Handlebars.SafeString(helper(args, options.hash, { path: options.data.guild.path }) ?? '');
  };
}

/** Compiles a partial's source; throws with the line when it does not parse. */
export function compilePartial(source: string): Handlebars.TemplateDelegate {
  const env = Handlebars.create();
  countPartialCalls(env);
  return env.compile(env.parse(source), { preventIndent: true });
}
