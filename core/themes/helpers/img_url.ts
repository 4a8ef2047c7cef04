/**
 * Usage: {{img_url feature_image}}, {{img_url feature_image size="m"}},
 *        {{img_url feature_image size="m" format="webp"}}, {{img_url profile_image absolute="true"}}
 * The URL of an image. For images in the site's media library (/content/images/...), `size` picks
 * one of the theme's package.json `config.image_sizes` and `format` (webp, avif, png, jpeg, gif)
 * asks for another file type, in Ghost's URL shape, which the media library serves:
 *   /content/images/size/w800/photo.jpg, /content/images/size/w800h600/format/webp/photo.jpg
 * An unknown size, an SVG, or an image from elsewhere keeps its URL (Unsplash images get w/h).
 */
import { SafeString, isTrue, optionsOf, paramsOf } from './shared.ts';

const MEDIA = '/content/images/';
const FORMATS = new Set(['webp', 'avif', 'png', 'jpeg', 'jpg', 'gif']);
const FIXED = /\.(svg|ico)$/i;

export function img_url(this: unknown, ...args: unknown[]): SafeString | string {
  const { hash, data } = optionsOf(args);
  const [image] = paramsOf(args);
  if (typeof image !== 'string' || image === '') return '';
  const siteUrl = data.site.url;
  const local = image.startsWith(`${siteUrl}/`) ? image.slice(siteUrl.length) : image;
  const size = typeof hash.size === 'string' ? data.config.image_sizes[hash.size] : undefined;
  const format = typeof hash.format === 'string' && FORMATS.has(hash.format) ? hash.format : null;

  let url = image;
  if (local.startsWith(MEDIA)) {
    const rest = local.slice(MEDIA.length).replace(/^size\/[^/]+\/(format\/[^/]+\/)?/, '');
    const sized = size && !FIXED.test(rest) ? `size/w${size.width ?? ''}${size.height ? `h${size.height}` : ''}/${format ? `format/${format}/` : ''}` : '';
    url = `${MEDIA}${sized}${rest}`;
  } else if (size && /^https:\/\/images\.unsplash\.com\//.test(image)) {
    const unsplash = new URL(image);
    if (size.width) unsplash.searchParams.set('w', String(size.width));
    if (size.height) unsplash.searchParams.set('h', String(size.height));
    if (format) unsplash.searchParams.set('fm', format);
    url = unsplash.toString();
  }
  const result = isTrue(hash.absolute) && url.startsWith('/') ? `${siteUrl}${url}` : url;
  // Escaped for an attribute, but not so much that "=" in a query becomes "&#x3D;".
  return new SafeString(result.replace(/[&"'<>]/g, (char) => `&#${char.charCodeAt(0)};`).replace(/&#38;/g, '&amp;'));
}
