/**
 * Usage: {{guild_head}} before </head> and {{guild_foot}} before </body>.
 * The outlets plugins fill through the `theme:head` and `theme:foot` filters (canonical link,
 * meta tags, feeds, scripts). {{ghost_head}} and {{ghost_foot}} are the same, for Ghost themes.
 */
import { SafeString, optionsOf } from './shared.ts';

export function guild_head(...args: unknown[]): SafeString {
  return new SafeString(optionsOf(args).data.guild.head);
}

export function guild_foot(...args: unknown[]): SafeString {
  return new SafeString(optionsOf(args).data.guild.foot);
}
