/**
 * WordPress's automatic paragraphs, as its classic editor content expects: a blank line starts a
 * new paragraph, a single line break is a <br />, and nothing is added inside elements that
 * keep their own whitespace (pre, script, style, textarea, svg) or around block elements.
 * Written from the behaviour WordPress documents for wpautop(), not from its code: runs of
 * inline content between block tags become paragraphs, except a lone line that fills a block
 * element by itself (`<li>Item</li>`, `<td>Cell</td>`), which stays as it is.
 */

const BLOCK_TAGS = new Set(
  `address article aside blockquote caption col colgroup dd details dialog div dl dt fieldset figcaption figure footer form
   h1 h2 h3 h4 h5 h6 header hgroup hr li main map area math menu nav ol p section summary table tbody td tfoot th thead tr ul
   legend select option iframe object video audio noscript`.split(/\s+/),
);
const VOID_BLOCK_TAGS = new Set(['hr', 'col', 'area']);
/** Elements whose content may hold no paragraphs: line breaks become <br /> only. */
const PHRASING_ONLY = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'summary', 'legend', 'option', 'caption']);
/** Elements WordPress always gives a paragraph inside, even for a single line. */
const ALWAYS_PARAGRAPHS = new Set(['blockquote']);

const TOKEN = /<(pre|script|style|textarea|svg)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g;
/** Stands for a line break that must survive as it is (inside a tag or a kept element). */
const KEPT_BREAK = '\u0001';

type Token = { readonly kind: 'inline'; readonly html: string } | { readonly kind: 'open' | 'close' | 'void' | 'kept'; readonly html: string; readonly name: string };

export function autop(html: string): string {
  const tokens = tokenize(html.replace(/\r\n?/g, '\n'));
  const out: string[] = [];
  const open: string[] = [];
  let run = '';
  let runStartsContainer = true;

  const flush = (next: Token | undefined) => {
    const endsContainer = next === undefined ? open.length === 0 : next.kind === 'close';
    out.push(paragraphs(run, open.at(-1), runStartsContainer && endsContainer));
    run = '';
  };

  for (const token of tokens) {
    if (token.kind === 'inline') {
      run += token.html;
      continue;
    }
    flush(token);
    if (token.kind === 'open') {
      out.push(token.html);
      open.push(token.name);
      runStartsContainer = true;
    } else if (token.kind === 'close') {
      const at = open.lastIndexOf(token.name);
      if (at !== -1) open.length = at;
      out.push(`${token.html}\n`);
      runStartsContainer = false;
    } else {
      out.push(`${token.html}\n`);
      runStartsContainer = false;
    }
  }
  flush(undefined);
  return out.join('').replaceAll(KEPT_BREAK, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of html.matchAll(TOKEN)) {
    if (match.index > last) tokens.push({ kind: 'inline', html: html.slice(last, match.index) });
    const text = match[0].replaceAll('\n', KEPT_BREAK);
    const name = (match[1] ?? match[2] ?? '').toLowerCase();
    if (match[1]) tokens.push({ kind: 'kept', html: text, name });
    else if (!BLOCK_TAGS.has(name)) tokens.push({ kind: 'inline', html: text });
    else if (match[0].startsWith('</')) tokens.push({ kind: 'close', html: text, name });
    else if (VOID_BLOCK_TAGS.has(name) || match[0].endsWith('/>')) tokens.push({ kind: 'void', html: text, name });
    else tokens.push({ kind: 'open', html: text, name });
    last = match.index + match[0].length;
  }
  if (last < html.length) tokens.push({ kind: 'inline', html: html.slice(last) });
  return tokens;
}

/** One run of inline content: split at blank lines, each part a paragraph where one belongs. */
function paragraphs(run: string, container: string | undefined, fillsContainer: boolean): string {
  const parts = run
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return '';
  if (container && PHRASING_ONLY.has(container)) return parts.map(lineBreaks).join('<br />\n<br />\n');
  const keepBare = parts.length === 1 && fillsContainer && container !== undefined && !ALWAYS_PARAGRAPHS.has(container);
  return parts.map((part) => (keepBare || isOnlyComments(part) ? lineBreaks(part) : `<p>${lineBreaks(part)}</p>\n`)).join('');
}

/** A line break becomes <br />, unless the line already ends with one. */
function lineBreaks(text: string): string {
  return text.replace(/(<br\s*\/?>)?[ \t]*\n[ \t]*/gi, (_match, br: string | undefined) => `${br ?? '<br />'}\n`);
}

function isOnlyComments(text: string): boolean {
  return /^(?:\s|<!--[\s\S]*?-->)*$/.test(text.replaceAll(KEPT_BREAK, '\n'));
}
