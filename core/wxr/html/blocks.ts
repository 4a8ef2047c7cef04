/**
 * Block editor content: the `<!-- wp:name {...} -->` comments are removed and the HTML between
 * them kept, as WordPress itself shows it. A reusable block (`<!-- wp:block {"ref":12} /-->`)
 * becomes the content it refers to; an embed's bare URL becomes a link (the embed itself needs
 * the provider's servers); a dynamic block (`<!-- wp:latest-posts /-->`), which only PHP can
 * render, is reported and left out, since it holds no content of its own.
 */

export interface BlockContext {
  /** The content of a reusable block (a wp_block item) by its WordPress id. */
  readonly reusable: (id: string) => string | undefined;
  /** Called once per dynamic block left out. */
  readonly dropped: (name: string) => void;
}

const EMBED = /<!-- wp:(?:core-)?embed(?:\/[\w-]+)?\b[^>]*?-->([\s\S]*?)<!-- \/wp:(?:core-)?embed(?:\/[\w-]+)? -->/g;
const EMBED_URL = /(<div class="wp-block-embed__wrapper">\s*)(https?:\/\/[^\s<]+)(\s*<\/div>)/;
const REUSABLE = /<!-- wp:block\s+(\{[^}]*\})\s*\/-->/g;
// Attributes are JSON and may span lines, but never run past the comment's own end.
const SELF_CLOSING = /<!-- wp:([a-z0-9][a-z0-9/-]*)(?:\s+\{(?:(?!-->)[\s\S])*?\})?\s*\/-->/g;
const DELIMITER = /<!-- \/?wp:[a-z0-9][a-z0-9/-]*(?:\s+\{(?:(?!-->)[\s\S])*?\})?\s*\/?-->/g;
/** The classic editor's "read more" and page break markers, meaningless once imported. */
const MARKERS = /<!--\s*(?:more|nextpage|noteaser)\b[^>]*?-->/g;

/** WordPress's own test (has_blocks): block content is not given automatic paragraphs. */
export function hasBlocks(html: string): boolean {
  return html.includes('<!-- wp:');
}

export function removeBlockComments(html: string, context: BlockContext): string {
  return html
    .replace(EMBED, (block, inner: string) => block.replace(inner, inner.replace(EMBED_URL, '$1<a href="$2">$2</a>$3')))
    .replace(REUSABLE, (_whole, json: string) => {
      const content = context.reusable(String(parseRef(json)));
      if (content === undefined) context.dropped('block');
      return content ?? '';
    })
    .replace(SELF_CLOSING, (_whole, name: string) => {
      context.dropped(name);
      return '';
    })
    .replace(DELIMITER, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function removeMarkers(html: string): string {
  return html.replace(MARKERS, '');
}

function parseRef(json: string): string {
  try {
    return String((JSON.parse(json) as { ref?: unknown }).ref ?? '');
  } catch {
    return '';
  }
}
