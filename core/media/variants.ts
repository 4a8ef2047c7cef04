/**
 * Resized copies of an uploaded image at the sizes the site's theme declares in its package.json
 * (`config.image_sizes`), stored Ghost's way (`size/w800/2026/05/name.jpg`) so theme helpers can
 * find them. An image smaller than a size gets no copy for it: the original serves there.
 */
import path from 'node:path';
import type Sharp from 'sharp';
import type { SiteMedia } from './storage/index.ts';

/**
 * sharp (libvips) is loaded on the first upload, not at start: it adds about 30 MB to a host
 * process, and most hosts serve far more pages than they receive images.
 */
let loading: Promise<typeof Sharp> | undefined;
function sharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}

export type ImageSizes = Readonly<Record<string, { readonly width?: number; readonly height?: number }>>;

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
}

/** Reads the image's dimensions; throws when the bytes cannot be decoded as an image. */
export async function imageInfo(bytes: Buffer): Promise<ImageInfo> {
  const metadata = await (await sharp())(bytes, { animated: true }).metadata();
  if (!metadata.width || !metadata.height) throw new Error('the image has no dimensions');
  // EXIF orientations 5-8 turn the picture a quarter, which swaps what a viewer sees as width and height.
  const turned = (metadata.orientation ?? 1) >= 5;
  const height = metadata.pageHeight ?? metadata.height;
  return turned ? { width: height, height: metadata.width } : { width: metadata.width, height };
}

/** The folder of one size under the images folder: `size/w800` or `size/w800h600`. */
function sizeFolder(size: { width?: number; height?: number }): string {
  return `size/${size.width ? `w${size.width}` : ''}${size.height ? `h${size.height}` : ''}`;
}

/**
 * Writes the variants of the image stored at `relative`; returns size name → key. Those written
 * before a failure are removed again, so a failed upload leaves nothing behind.
 */
export async function writeVariants(media: SiteMedia, relative: string, bytes: Buffer, info: ImageInfo, sizes: ImageSizes): Promise<Record<string, string>> {
  const written: Record<string, string> = {};
  for (const [name, size] of Object.entries(sizes)) {
    if (!size.width && !size.height) continue;
    const fits = (!size.width || info.width <= size.width) && (!size.height || info.height <= size.height);
    if (fits) continue;
    const target = path.posix.join(sizeFolder(size), relative);
    try {
      const resized = await (await sharp())(bytes, { animated: true })
        .rotate()
        .resize({ width: size.width, height: size.height, fit: size.width && size.height ? 'cover' : 'inside', withoutEnlargement: true })
        .toBuffer();
      await media.write(target, resized);
    } catch (error) {
      await media.remove(Object.values(written)).catch(() => undefined);
      throw error;
    }
    written[name] = target;
  }
  return written;
}
