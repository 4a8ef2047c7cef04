/**
 * Cleans HTML from the editor, the API or a WordPress import against an allow-list before it is
 * stored: no scripts, no event handlers, no `javascript:` links, iframes only from video hosts;
 * WordPress's block markup (figures, audio and video, its classes, inline styles rule by rule) kept. Nothing is dropped
 * silently: every element or attribute the allow-list removed is reported back, with the markup
 * it came from, so the client can tell the writer what was not kept.
 */
import sanitizeHtml from 'sanitize-html';
import { declarations, normalDeclaration, STYLE_RULES } from './sanitize-styles.ts';
import { summarizeRejected } from './sanitize-summary.ts';
import { escapeHtml } from './text.ts';

export interface RejectedPart {
  /**
   * `element` when a whole tag was removed, `attribute` when one of its attributes was, `style`
   * when one rule of its style attribute was, `class` when one of its classes was.
   */
  readonly kind: 'element' | 'attribute' | 'style' | 'class';
  readonly element: string;
  readonly attribute?: string;
  /** The style rule (`position:fixed`) or the class that was removed. */
  readonly value?: string;
  /** The opening tag as it was sent, so nothing the writer typed is lost without a trace. */
  readonly source: string;
  readonly reason: string;
}

export interface Sanitized {
  readonly html: string;
  readonly rejected: readonly RejectedPart[];
  /** What was removed, in one sentence a client understands ("" when nothing was). */
  readonly summary: string;
}

/** The video players an embed may show. */
export const EMBED_HOSTS = ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];

/**
 * The classes WordPress's core blocks and shortcodes write (`wp-block-cover`, `has-pale-pink-background-color`,
 * `alignwide`, `size-large`, `wp-image-12`, `is-style-rounded`, `columns-3`), and the editor's own.
 * A theme styles them; a class from elsewhere could switch on a theme's or plugin's behaviour, so it is not kept.
 */
const CLASSES: RegExp[] = [
  /^wp-(?:block|element|image|embed|caption|video|audio|has)(?:-[\w-]*)?$/,
  /^blocks-gallery-[\w-]+$/,
  /^(?:has|is|are|items)-[\w-]+$/,
  /^align(?:left|right|center|wide|full|none)$/,
  /^size-[\w-]+$/,
  /^(?:columns|gallery-columns)-\d+$/,
  /^(?:gallery|gallery-item|gallery-icon|gallery-caption|embed|image|image-wide|image-full|screen-reader-text)$/,
  /^language-[\w+#-]+$/,
];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'address',
    'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'ins', 'mark', 'sub', 'sup', 'small', 'big', 'abbr', 'acronym', 'cite', 'q', 'span',
    'dfn', 'var', 'samp', 'tt', 'time', 'wbr',
    'a', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'code', 'kbd', 'details', 'summary',
    'figure', 'figcaption', 'img', 'picture', 'source', 'track', 'iframe', 'div', 'audio', 'video',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'colgroup', 'col',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel', 'download'],
    img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
    source: ['src', 'srcset', 'sizes', 'type', 'media'],
    track: ['src', 'kind', 'srclang', 'label', 'default'],
    iframe: ['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'frameborder', 'loading'],
    audio: ['src', 'controls', 'preload', 'loop', 'muted', 'autoplay'],
    video: ['src', 'controls', 'preload', 'poster', 'width', 'height', 'loop', 'muted', 'autoplay', 'playsinline'],
    ol: ['start', 'reversed', 'type'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'datetime'],
    ins: ['cite', 'datetime'],
    time: ['datetime'],
    details: ['open'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    colgroup: ['span'],
    abbr: ['title'],
    acronym: ['title'],
    // Styles pass rule by rule (sanitize-styles.ts); classes class by class (CLASSES).
    '*': ['id', 'style', 'aria-hidden', 'aria-label'],
  },
  allowedClasses: { '*': CLASSES },
  // Void elements are written as such, not with a closing tag the browser would ignore.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source', 'track', 'wbr', 'col'],
  allowedStyles: { '*': STYLE_RULES },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], audio: ['http', 'https'], video: ['http', 'https'], source: ['http', 'https'], track: ['http', 'https'] },
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
  /** The style rules and classes taken out of this tag. */
  readonly removedRules: string[];
  readonly removedClasses: string[];
}

/**
 * Cleans `html` against the allow-list. Idempotent: what it returns comes back unchanged from a
 * second pass, so a post saved again without changes is stored as it was.
 */
export function sanitizeContent(html: string): Sanitized {
  const opened: Opened[] = [];
  const clean = sanitizeHtml(html, {
    ...ALLOWED,
    // sanitize-html hands the same attribute object to its own checks, which delete what they
    // reject; keeping it and a copy of what arrived shows exactly what was removed.
    onOpenTag: (name, attribs) => opened.push({ name, original: { ...attribs }, kept: attribs, removedRules: [], removedClasses: [] }),
    // Style rules and classes are filtered here, one by one, to say which were removed;
    // sanitize-html checks what is left against the same rules again.
    transformTags: {
      '*': (tagName, attribs) => {
        const tag = opened.at(-1);
        if (tag && tag.kept === attribs) filterStyleAndClass(attribs, tag);
        return { tagName, attribs };
      },
    },
  });
  const rejected = rejectedParts(opened);
  return { html: settled(clean), rejected, summary: summarizeRejected(rejected) };
}

/**
 * sanitize-html writes broken nesting as it reads it (`<p>a<p>b</p></p>`), which reads back
 * differently; another pass or two settles it, so that cleaning what was cleaned changes nothing.
 */
function settled(html: string): string {
  let current = html;
  for (let pass = 0; pass < 4; pass++) {
    const next = sanitizeHtml(current, ALLOWED);
    if (next === current) return current;
    current = next;
  }
  return current;
}

function filterStyleAndClass(attribs: Record<string, string>, tag: Opened): void {
  if (attribs.style !== undefined) {
    const kept: string[] = [];
    for (const declaration of declarations(attribs.style)) {
      const normal = normalDeclaration(declaration);
      const colon = normal.indexOf(':');
      const property = normal.slice(0, colon);
      const value = normal.slice(colon + 1).replace(/ !important$/, '');
      if (colon > 0 && STYLE_RULES[property]?.some((pattern) => pattern.test(value))) kept.push(normal);
      else tag.removedRules.push(normal);
    }
    if (kept.length) attribs.style = kept.join(';');
    else delete attribs.style;
  }
  if (attribs.class !== undefined) {
    const classes = attribs.class.split(/\s+/).filter(Boolean);
    const kept = classes.filter((name) => CLASSES.some((pattern) => pattern.test(name)));
    tag.removedClasses.push(...classes.filter((name) => !kept.includes(name)));
    if (kept.length) attribs.class = kept.join(' ');
    else delete attribs.class;
  }
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
      if (attribute in tag.kept || attribute === 'style' || attribute === 'class') continue;
      parts.push({ kind: 'attribute', element: tag.name, attribute, source, reason: attributeReason(tag.name, attribute, value) });
    }
    for (const rule of tag.removedRules) {
      parts.push({ kind: 'style', element: tag.name, attribute: 'style', value: rule, source, reason: `the style rule ${rule} is not one the site allows` });
    }
    for (const name of tag.removedClasses) {
      parts.push({ kind: 'class', element: tag.name, attribute: 'class', value: name, source, reason: `the class ${name} is not one of WordPress's or the theme's` });
    }
  }
  return parts;
}

function attributeReason(element: string, attribute: string, value: string): string {
  if (/^on/i.test(attribute)) return `event handlers like ${attribute} cannot run on the site's pages`;
  if (element === 'iframe' && attribute === 'src') return REASONS.iframe!;
  if (['href', 'src', 'srcset', 'poster', 'cite'].includes(attribute)) return `the link "${value.slice(0, 80)}" is not a web, mail or phone address`;
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
