/**
 * Every helper the theme engine registers, by the name templates call it. Alphabetical; each
 * file's `Usage:` header shows how templates call it, and core/themes/README.md lists them all.
 */
import { next_post, prev_post } from './adjacent_post.ts';
import { asset } from './asset.ts';
import { author, authors } from './authors.ts';
import { body_class } from './body_class.ts';
import { comment_count, comments } from './comments.ts';
import { block, contentFor } from './content_for.ts';
import { content } from './content.ts';
import { date } from './date.ts';
import { encode } from './encode.ts';
import { excerpt } from './excerpt.ts';
import { foreach } from './foreach.ts';
import { get } from './get.ts';
import { has } from './has.ts';
import { img_url } from './img_url.ts';
import { input_password } from './input_password.ts';
import { is } from './is.ts';
import { json } from './json.ts';
import { lang } from './lang.ts';
import { link, link_class } from './link.ts';
import { match } from './match.ts';
import { meta_description, meta_title } from './meta.ts';
import { navigation } from './navigation.ts';
import { helperMissing, notAvailable } from './not_available.ts';
import { guild_foot, guild_head } from './outlets.ts';
import { page_url } from './page_url.ts';
import { pagination } from './pagination.ts';
import { plural } from './plural.ts';
import { post_class } from './post_class.ts';
import { primary_author, primary_tag } from './primary.ts';
import { raw } from './raw.ts';
import { readable_url } from './readable_url.ts';
import { reading_time } from './reading_time.ts';
import { search } from './search.ts';
import { social_accounts } from './social_accounts.ts';
import { facebook_url, social_url, twitter_url } from './social_url.ts';
import { concat, split } from './strings.ts';
import { t } from './t.ts';
import { tags } from './tags.ts';
import { title } from './title.ts';
import { url } from './url.ts';

export const helpers: Readonly<Record<string, (...args: any[]) => unknown>> = {
  asset,
  author,
  authors,
  block,
  body_class,
  comment_count,
  comments,
  concat,
  content,
  contentFor,
  date,
  encode,
  excerpt,
  facebook_url,
  foreach,
  get,
  ghost_foot: guild_foot,
  ghost_head: guild_head,
  guild_foot,
  guild_head,
  has,
  helperMissing,
  img_url,
  input_password,
  is,
  json,
  lang,
  link,
  link_class,
  match,
  meta_description,
  meta_title,
  navigation,
  next_post,
  page_url,
  pagination,
  plural,
  post_class,
  prev_post,
  primary_author,
  primary_tag,
  raw,
  readable_url,
  reading_time,
  search,
  social_accounts,
  social_url,
  split,
  t,
  tags,
  title,
  twitter_url,
  url,
  // Ghost helpers for features Guild does not have: they render nothing (see not_available.ts).
  ...notAvailable,
};
