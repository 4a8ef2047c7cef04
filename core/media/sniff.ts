/**
 * What a file really is, from its first bytes (its "magic number"), never from its name or the
 * type the browser declared. Only image formats browsers show and sharp reads are allowed; SVG
 * is not, since it can carry scripts.
 */

export interface SniffedType {
  readonly mime: string;
  readonly extension: string;
}

const ascii = (bytes: Uint8Array, from: number, text: string) =>
  bytes.length >= from + text.length && [...text].every((char, index) => bytes[from + index] === char.charCodeAt(0));

const SIGNATURES: ReadonlyArray<SniffedType & { readonly matches: (bytes: Uint8Array) => boolean }> = [
  { mime: 'image/jpeg', extension: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', extension: 'png', matches: (b) => ascii(b, 1, 'PNG\r\n\x1a\n') && b[0] === 0x89 },
  { mime: 'image/gif', extension: 'gif', matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { mime: 'image/webp', extension: 'webp', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { mime: 'image/avif', extension: 'avif', matches: (b) => ascii(b, 4, 'ftypavif') || ascii(b, 4, 'ftypavis') },
];

/** The names of the allowed types, for error messages. */
export const ALLOWED_TYPES = 'JPEG, PNG, GIF, WebP and AVIF images';

export function sniffType(bytes: Uint8Array): SniffedType | undefined {
  const match = SIGNATURES.find((signature) => signature.matches(bytes));
  return match && { mime: match.mime, extension: match.extension };
}

/** The type a stored file is served as, from its extension (stored names carry the sniffed one). */
export function typeOfName(name: string): string {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return SIGNATURES.find((signature) => signature.extension === extension || (extension === 'jpeg' && signature.extension === 'jpg'))?.mime ?? 'application/octet-stream';
}
