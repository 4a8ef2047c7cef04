/**
 * Turns a WordPress post body into the HTML Guild stores, in the order WordPress itself renders
 * the_content: blocks or automatic paragraphs, then shortcodes, then embeds, then links; files
 * already fetched here are shown from here.
 */
import { autop } from './html/autop.ts';
import { hasBlocks, removeBlockComments, removeMarkers, type BlockContext } from './html/blocks.ts';
import type { FileUrls } from './html/files.ts';
import type { LinkMap } from './html/links.ts';
import { renderShortcodes, type ShortcodeContext } from './html/shortcodes.ts';

export interface ConvertContext extends ShortcodeContext, BlockContext {
  readonly links: LinkMap;
  readonly linkRewritten: () => void;
  readonly files: FileUrls;
}

/** A URL alone in a paragraph is what WordPress turns into an embed; without the provider, a link. */
const BARE_URL = /<p>\s*(https?:\/\/[^\s<"]+)\s*<\/p>/g;

export function convertContent(raw: string, context: ConvertContext): string {
  const body = hasBlocks(raw) ? removeMarkers(removeBlockComments(raw, context)) : autop(removeMarkers(raw));
  const html = renderShortcodes(body, context).replace(BARE_URL, '<p><a href="$1">$1</a></p>');
  return context.files.rewrite(context.links.rewrite(html, context.linkRewritten));
}
