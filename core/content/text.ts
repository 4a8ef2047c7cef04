/** Plain text from stored HTML, for excerpts, meta descriptions, feeds and reading time. */

const ENTITIES: Readonly<Record<string, string>> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39|apos);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A field's or setting's name for people to read: "wordsPerMinute" or "cover_image" → "Words per minute", "Cover image". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The first `words` words of a text, with an ellipsis when something was cut. */
export function truncateWords(text: string, words: number, ellipsis = ''): string {
  const parts = text.split(' ');
  return parts.length <= words ? text : `${parts.slice(0, words).join(' ')}${ellipsis}`;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The start of an HTML fragment, cut after `words` words or `characters` characters of its text,
 * with every element still open at the cut closed again (Ghost's `downsize`).
 */
export function truncateHtml(html: string, limit: { readonly words?: number; readonly characters?: number }): string {
  const byWords = limit.words !== undefined;
  let left = Math.max(byWords ? limit.words! : (limit.characters ?? Infinity), 0);
  const open: string[] = [];
  let output = '';
  let inWord = false;
  let done = false;
  for (const token of html.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (token.startsWith('<')) {
      const closing = token.startsWith('</');
      // Once the text is used up, only closing tags may follow (they end what is already shown).
      if (left === 0 && !closing) break;
      const name = /^<\/?([a-z][a-z0-9-]*)/i.exec(token)?.[1]?.toLowerCase();
      if (name && closing) {
        const at = open.lastIndexOf(name);
        if (at !== -1) open.splice(at);
      } else if (name && !VOID_ELEMENTS.has(name) && !token.endsWith('/>')) {
        open.push(name);
      }
      output += token;
      continue;
    }
    let kept = '';
    for (const char of token) {
      const space = /\s/.test(char);
      const startsUnit = byWords ? !space && !inWord : true;
      inWord = !space;
      if (startsUnit && left === 0) {
        done = true;
        break;
      }
      if (startsUnit) left--;
      kept += char;
    }
    output += done ? kept.trimEnd() : kept;
    if (done) break;
  }
  return output + open.reverse().map((name) => `</${name}>`).join('');
}

/** A gallery's outer element: the [gallery] shortcode's `div.gallery`, the block editor's `figure.wp-block-gallery`, Ghost's gallery card. */
const GALLERY = /^<(?:div|figure)\b[^>]*\bclass\s*=\s*["'](?:[^"']*\s)?(?:gallery|wp-block-gallery|kg-gallery-card)[\s"']/i;

/**
 * The HTML without its galleries and captions, which are not read the way text is: a gallery of
 * ninety images is looked at in a minute, not read in twenty. Each gallery leaves one `<img>` in
 * its place, so it still counts as one picture.
 */
function readableHtml(html: string): string {
  let output = '';
  let skipping: { name: string; depth: number } | undefined;
  for (const token of html.match(/<[^>]*>|[^<]+/g) ?? []) {
    const name = /^<\/?([a-z][a-z0-9-]*)/i.exec(token)?.[1]?.toLowerCase();
    if (skipping) {
      if (name === skipping.name && token.startsWith('</')) skipping.depth--;
      else if (name === skipping.name && !token.endsWith('/>')) skipping.depth++;
      if (skipping.depth === 0) skipping = undefined;
      continue;
    }
    if (name === 'figcaption' && !token.startsWith('</')) skipping = { name, depth: 1 };
    else if (name && GALLERY.test(token)) {
      skipping = { name, depth: 1 };
      output += '<img>';
    } else output += token;
  }
  return output;
}

/**
 * Minutes to read an HTML text: the words of its text at the given pace (galleries, captions and
 * markup not counted), plus 12 seconds per image or gallery; at least 1.
 */
export function readingTime(html: string, wordsPerMinute = 275): number {
  const readable = readableHtml(html);
  const words = htmlToText(readable).split(' ').filter((word) => /\w/.test(word)).length;
  const images = (readable.match(/<img\b/gi) ?? []).length;
  return Math.max(1, Math.round(words / wordsPerMinute + (images * 12) / 60));
}

/** Text made safe to put in HTML, between tags or inside a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
