/**
 * Video embeds: the editor's (a YouTube or Vimeo link becomes a privacy-friendly player) and
 * WordPress's (an embed block, or a URL alone on a line, which WordPress turns into a player with
 * the provider's help). Shared by the admin's editor and the site's pages, so a video looks the
 * same whichever way it was written. Pure string work: no DOM, no Node.
 */
import { escapeHtml } from './text.ts';

/** The player address of a YouTube or Vimeo link (YouTube without cookies), or undefined for anything else. */
export function embedUrl(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^www\./, '');
  const youtube =
    host === 'youtu.be' ? url.pathname.slice(1) : host === 'youtube.com' || host === 'm.youtube.com' ? (url.searchParams.get('v') ?? /^\/(?:shorts|embed)\/([\w-]+)/.exec(url.pathname)?.[1]) : undefined;
  if (youtube && /^[\w-]{6,20}$/.test(youtube)) return `https://www.youtube-nocookie.com/embed/${youtube}`;
  const vimeo = host === 'vimeo.com' ? /^\/(\d+)/.exec(url.pathname)?.[1] : undefined;
  if (vimeo) return `https://player.vimeo.com/video/${vimeo}`;
  return undefined;
}

/** The attributes of the editor's player iframe (besides its src), in the order it writes them. */
export const PLAYER_ATTRIBUTES: Readonly<Record<string, string>> = {
  width: '560',
  height: '315',
  title: 'Video',
  loading: 'lazy',
  frameborder: '0',
  allow: 'accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen',
  allowfullscreen: 'true',
};

/** The editor's player for a player address, as HTML. */
export function playerHtml(src: string, caption = ''): string {
  const attributes = Object.entries({ src, ...PLAYER_ATTRIBUTES }).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<figure class="embed"><iframe${attributes}></iframe>${caption}</figure>`;
}

/** A link to something that cannot be shown here (a post on another network, an unknown provider), as a card. */
export function linkCardHtml(href: string, caption = ''): string {
  let host = href;
  try {
    host = new URL(href).hostname.replace(/^www\./, '');
  } catch {
    // Not a URL after all: the card shows it as written.
  }
  const link = escapeHtml(href);
  return `<figure class="link-card"><a href="${link}"><span class="link-card-host">${escapeHtml(host)}</span><span class="link-card-url">${link}</span></a>${caption}</figure>`;
}

// A URL alone, or a link whose text is its own address (what the WordPress import writes for one).
const URL_ALONE = String.raw`\s*(?:(https?:\/\/[^\s<>"]+)|<a\s+href="(https?:\/\/[^"<>]+)"\s*>\s*(https?:\/\/[^\s<>"]+)\s*<\/a>)\s*`;
/** A WordPress embed block (its figure keeps its wrapper div, whatever classes survived), with an optional caption. */
const EMBED_FIGURE = new RegExp(String.raw`<figure\b([^>]*)>\s*<div\b[^>]*>${URL_ALONE}<\/div>\s*(<figcaption\b[\s\S]*?<\/figcaption>)?\s*<\/figure>`, 'gi');
/** A URL on a line of its own, which WordPress embeds. */
const URL_PARAGRAPH = new RegExp(String.raw`<p>${URL_ALONE}<\/p>`, 'gi');

/**
 * WordPress's embeds as this site shows them: YouTube and Vimeo as the editor's player, anything
 * else as a link card (the provider's own embed would need its script, and its tracking).
 * Done when a page is shown rather than at import, so sites imported before, and posts edited
 * since, get it too, and the stored post stays as WordPress wrote it.
 */
export function showEmbeds(html: string): string {
  if (!html.includes('http')) return html;
  const show = (text: string | undefined, href: string | undefined, label: string | undefined, caption: string, alignment: string) => {
    const address = decodeAmpersands(text ?? href ?? '');
    if (!text && decodeAmpersands(label ?? '') !== address) return undefined;
    const player = embedUrl(address);
    const shown = player ? playerHtml(player, caption) : linkCardHtml(address, caption);
    return alignment ? shown.replace(/^<figure class="([^"]+)"/, `<figure class="$1 ${alignment}"`) : shown;
  };
  return html
    .replace(EMBED_FIGURE, (whole, attributes: string, text?: string, href?: string, label?: string, caption?: string) => {
      const alignment = /\bclass="[^"]*\b(align(?:wide|full|left|right|center))\b/.exec(attributes)?.[1] ?? '';
      return show(text, href, label, caption ?? '', alignment) ?? whole;
    })
    .replace(URL_PARAGRAPH, (whole, text?: string, href?: string, label?: string) => show(text, href, label, '', '') ?? whole);
}

function decodeAmpersands(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#0?38;/g, '&');
}
