/**
 * Cleans HTML from the editor or the API against an allow-list before it is stored: no scripts,
 * no event handlers, no `javascript:` links, iframes only from video hosts. Nothing is dropped
 * silently: every element or attribute the allow-list removed is reported back, with the markup
 * it came from, so the client can tell the writer what was not kept.
 */
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from './text.ts';

export interface RejectedPart {
  /** `element` when a whole tag was removed, `attribute` when only one of its attributes was. */
  readonly kind: 'element' | 'attribute';
  readonly element: string;
  readonly attribute?: string;
  /** The opening tag as it was sent, so nothing the writer typed is lost without a trace. */
  readonly source: string;
  readonly reason: string;
}

export interface Sanitized {
  readonly html: string;
  readonly rejected: readonly RejectedPart[];
}

/** The video players an embed may show. */
export const EMBED_HOSTS = ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small', 'abbr', 'cite', 'q', 'span',
    'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'kbd',
    'figure', 'figcaption', 'img', 'picture', 'source', 'iframe', 'div', 'audio', 'video',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['srcset', 'sizes', 'type', 'media'],
    iframe: ['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'frameborder', 'loading'],
    audio: ['src', 'controls', 'preload'],
    video: ['src', 'controls', 'preload', 'poster', 'width', 'height'],
    // A WordPress caption's width, as the import writes it.
    figure: ['style'],
    ol: ['start', 'reversed'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    '*': ['id'],
  },
  allowedClasses: {
    code: ['language-*'],
    pre: ['language-*'],
    figure: ['embed', 'image', 'image-wide', 'image-full', 'wp-caption', 'align*', 'gallery-item'],
    // What WordPress's caption, gallery and media shortcodes produce (core/wxr/html/shortcodes.ts).
    figcaption: ['wp-caption-text'],
    div: ['gallery', 'gallery-columns-*'],
    audio: ['wp-audio-shortcode'],
    video: ['wp-video-shortcode'],
  },
  allowedStyles: { figure: { 'max-width': [/^\d+px$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], audio: ['http', 'https'], video: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: EMBED_HOSTS,
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  // An embed whose address was refused would be an empty box on the page.
  exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
};

const REASONS: Readonly<Record<string, string>> = {
  script: "scripts cannot run on the site's pages",
  style: 'styles come from the theme',
  iframe: 'only YouTube and Vimeo videos can be embedded',
  form: 'forms cannot be part of the text',
};

interface Opened {
  readonly name: string;
  readonly original: Readonly<Record<string, string>>;
  readonly kept: Record<string, string>;
}

export function sanitizeContent(html: string): Sanitized {
  const opened: Opened[] = [];
  const clean = sanitizeHtml(html, {
    ...ALLOWED,
    // sanitize-html hands the same attribute object to its own checks, which delete what they
    // reject; keeping it and a copy of what arrived shows exactly what was removed.
    onOpenTag: (name, attribs) => opened.push({ name, original: { ...attribs }, kept: attribs }),
  });
  return { html: clean, rejected: rejectedParts(opened) };
}

function rejectedParts(opened: readonly Opened[]): RejectedPart[] {
  const allowedTags = new Set(ALLOWED.allowedTags as string[]);
  const parts: RejectedPart[] = [];
  for (const tag of opened) {
    const source = openingTag(tag.name, tag.original);
    if (!allowedTags.has(tag.name)) {
      parts.push({ kind: 'element', element: tag.name, source, reason: REASONS[tag.name] ?? `<${tag.name}> is not an element the text may contain` });
      continue;
    }
    for (const [attribute, value] of Object.entries(tag.original)) {
      if (attribute in tag.kept) continue;
      parts.push({ kind: 'attribute', element: tag.name, attribute, source, reason: attributeReason(tag.name, attribute, value) });
    }
  }
  return parts;
}

function attributeReason(element: string, attribute: string, value: string): string {
  if (/^on/i.test(attribute)) return `event handlers like ${attribute} cannot run on the site's pages`;
  if (attribute === 'style') return 'inline styles are not kept; the theme styles the text';
  if (element === 'iframe' && attribute === 'src') return REASONS.iframe!;
  if (['href', 'src', 'srcset'].includes(attribute)) return `the link "${value.slice(0, 80)}" is not a web, mail or phone address`;
  return `${attribute} is not an attribute <${element}> may have`;
}

function openingTag(name: string, attributes: Readonly<Record<string, string>>): string {
  const list = Object.entries(attributes).map(([key, value]) => (value === '' ? ` ${key}` : ` ${key}="${escapeHtml(value)}"`));
  return `<${name}${list.join('')}>`.slice(0, 300);
}

/**
 * The much smaller allow-list of a visitor's comment (and of comments imported from WordPress):
 * paragraphs, emphasis, quotes, code and web links, which are marked as user content that search
 * engines should not credit (`rel="nofollow ugc"`).
 */
const COMMENT_ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'a', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc' }) },
};

export function sanitizeComment(html: string): string {
  return sanitizeHtml(html, COMMENT_ALLOWED);
}
