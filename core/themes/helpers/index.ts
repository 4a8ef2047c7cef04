/** Every helper the theme engine registers, by the name templates call it. Alphabetical. */
import { asset } from './asset.ts';
import { body_class } from './body_class.ts';
import { block, contentFor } from './content_for.ts';
import { content } from './content.ts';
import { date } from './date.ts';
import { encode } from './encode.ts';
import { excerpt } from './excerpt.ts';
import { foreach } from './foreach.ts';
import { is } from './is.ts';
import { match } from './match.ts';
import { meta_description, meta_title } from './meta.ts';
import { navigation } from './navigation.ts';
import { guild_foot, guild_head } from './outlets.ts';
import { page_url } from './page_url.ts';
import { pagination } from './pagination.ts';
import { plural } from './plural.ts';
import { post_class } from './post_class.ts';
import { url } from './url.ts';

export const helpers: Readonly<Record<string, (...args: any[]) => unknown>> = {
  asset,
  block,
  body_class,
  content,
  contentFor,
  date,
  encode,
  excerpt,
  foreach,
  ghost_foot: guild_foot,
  ghost_head: guild_head,
  guild_foot,
  guild_head,
  is,
  match,
  meta_description,
  meta_title,
  navigation,
  page_url,
  pagination,
  plural,
  post_class,
  url,
};
