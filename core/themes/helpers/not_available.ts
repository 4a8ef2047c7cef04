/**
 * Usage: {{#cancel_link}}, {{price}}, {{tiers}}, {{total_members}},
 *        {{total_paid_members}}, {{recommendations}}, {{content_api_key}}, {{content_api_url}}
 * Ghost helpers for features Guild does not have (members and paid subscriptions,
 * recommendations, the Content API). They render nothing (a block renders
 * its {{else}} part), so a Ghost theme that uses them still renders every page; @site.members_enabled
 * and @member tell such a theme to hide that part of its design. ({{comments}} and
 * {{comment_count}} show Guild's comments: comments.ts.)
 */
import { isBlock, optionsOf } from './shared.ts';

function nothing(this: unknown, ...args: unknown[]): string {
  const options = optionsOf(args);
  return isBlock(options) ? options.inverse(this) : '';
}

export const notAvailable: Readonly<Record<string, typeof nothing>> = {
  cancel_link: nothing,
  content_api_key: nothing,
  content_api_url: nothing,
  price: nothing,
  recommendations: nothing,
  tiers: nothing,
  total_members: nothing,
  total_paid_members: nothing,
};

/**
 * Any other helper a template calls that does not exist: nothing, rather than an error that
 * would take the whole page down. The theme checker (GT006) reports such calls to the author.
 */
export const helperMissing = nothing;
