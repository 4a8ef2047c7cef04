/**
 * Shortcodes: the ones WordPress itself ships ([caption], [gallery], [audio], [video], [embed])
 * become plain HTML; every other one stays in the text exactly as written, so nothing the
 * client wrote disappears, and is counted so the report can say which were left.
 */
import { escapeHtml } from '../../content/index.ts';

export interface Attachment {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly alt: string;
  readonly caption: string;
  readonly parent: string;
  readonly menuOrder: number;
}

export interface ShortcodeContext {
  /** The WordPress id of the post being converted, for [gallery] without ids. */
  readonly postId: string;
  readonly attachment: (id: string) => Attachment | undefined;
  readonly attachmentsOf: (postId: string) => readonly Attachment[];
  /** Called once per shortcode left as text. */
  readonly kept: (name: string) => void;
}

const RENDERED = ['caption', 'wp_caption', 'gallery', 'audio', 'video', 'embed'] as const;
/** Shortcodes plugins commonly add; reported when kept even if written without attributes. */
const KNOWN_OTHERS = new Set(['playlist', 'contact-form', 'contact-form-7', 'gravityform', 'youtube', 'vimeo', 'soundcloud', 'videopress', 'wpvideo', 'googlemaps', 'recipe', 'product', 'products', 'woocommerce_cart', 'woocommerce_checkout', 'mc4wp_form', 'wpforms', 'ninja_form', 'et_pb_section', 'vc_row', 'su_button', 'instagram', 'twitter', 'tweet', 'slideshow', 'code', 'sourcecode']);

const SHORTCODE = /\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([\s\S]*?)\[\/\2\])?)(\]?)/g;
const AUDIO = /\.(mp3|m4a|ogg|oga|wav|flac)(\?|$)/i;
const VIDEO = /\.(mp4|m4v|webm|ogv|mov)(\?|$)/i;

export function renderShortcodes(html: string, context: ShortcodeContext): string {
  const rendered = html.replace(SHORTCODE, (whole, open: string, name: string, rawAttributes: string, _selfClosing, content: string | undefined, close: string) => {
    // [[gallery]] is WordPress's way of writing a shortcode as text.
    if (open === '[' && close === ']') return whole.slice(1, -1);
    const attributes = parseAttributes(rawAttributes);
    const tag = name.toLowerCase();
    const html = (RENDERED as readonly string[]).includes(tag) ? render(tag, attributes, content ?? '', context) : undefined;
    if (html !== undefined) return `${open}${html}${close}`;
    if (looksLikeShortcode(tag, rawAttributes, content)) context.kept(tag);
    return whole;
  });
  // A shortcode that became a block element should not sit inside the paragraph autop gave it.
  return rendered.replace(/<p>\s*(<(?:figure|div|audio|video)\b[\s\S]*?<\/(?:figure|div|audio|video)>)\s*<\/p>/g, '$1');
}

function looksLikeShortcode(name: string, attributes: string, content: string | undefined): boolean {
  return KNOWN_OTHERS.has(name) || /=/.test(attributes) || content !== undefined;
}

export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let position = 0;
  for (const match of text.matchAll(/([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|(\S+)/g)) {
    const name = match[1] ?? match[3] ?? match[5];
    if (name) attributes[name.toLowerCase()] = match[2] ?? match[4] ?? match[6] ?? '';
    else attributes[String(position++)] = match[7] ?? match[8] ?? '';
  }
  return attributes;
}

function render(name: string, attributes: Record<string, string>, content: string, context: ShortcodeContext): string | undefined {
  switch (name) {
    case 'caption':
    case 'wp_caption':
      return caption(attributes, content);
    case 'gallery':
      return gallery(attributes, context);
    case 'audio':
    case 'video':
      return media(name, attributes, context);
    case 'embed': {
      const url = content.trim() || attributes['0'] || '';
      return url ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : undefined;
    }
  }
  return undefined;
}

function caption(attributes: Record<string, string>, content: string): string {
  // The image (possibly inside a link) comes first; the rest, or the caption attribute, is the caption.
  const media = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(content);
  const image = media?.[1] ?? content;
  const text = (attributes.caption ?? media?.[2] ?? '').trim();
  const id = attributes.id ? ` id="${escapeHtml(attributes.id)}"` : '';
  const align = attributes.align ? ` ${escapeHtml(attributes.align)}` : '';
  const width = /^\d+$/.test(attributes.width ?? '') ? ` style="max-width: ${attributes.width}px"` : '';
  return `<figure${id} class="wp-caption${align}"${width}>${image.trim()}${text ? `<figcaption class="wp-caption-text">${text}</figcaption>` : ''}</figure>`;
}

function gallery(attributes: Record<string, string>, context: ShortcodeContext): string | undefined {
  const ids = (attributes.ids ?? attributes.include ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  const images = ids.length
    ? ids.flatMap((id) => context.attachment(id) ?? [])
    : context.attachmentsOf(attributes.id ?? context.postId).filter((attachment) => !AUDIO.test(attachment.url) && !VIDEO.test(attachment.url));
  if (images.length === 0) return undefined;
  const columns = Math.min(Math.max(Number(attributes.columns) || 3, 1), 9);
  const figures = images.map((image) => {
    const caption = image.caption ? `<figcaption>${escapeHtml(image.caption)}</figcaption>` : '';
    return `<figure class="gallery-item"><a href="${escapeHtml(image.url)}"><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}" loading="lazy"></a>${caption}</figure>`;
  });
  return `<div class="gallery gallery-columns-${columns}">${figures.join('')}</div>`;
}

function media(kind: 'audio' | 'video', attributes: Record<string, string>, context: ShortcodeContext): string | undefined {
  const pattern = kind === 'audio' ? AUDIO : VIDEO;
  const given = [attributes.src, attributes['0'], ...Object.values(attributes)].find((value) => value && pattern.test(value));
  const src = given ?? context.attachmentsOf(context.postId).find((attachment) => pattern.test(attachment.url))?.url;
  if (!src) return undefined;
  const poster = kind === 'video' && attributes.poster ? ` poster="${escapeHtml(attributes.poster)}"` : '';
  return `<${kind} class="wp-${kind}-shortcode" controls preload="metadata" src="${escapeHtml(src)}"${poster}><a href="${escapeHtml(src)}">${escapeHtml(src)}</a></${kind}>`;
}
