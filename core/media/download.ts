/**
 * Fetches one file from another site into memory within limits: http(s) only, a size cap checked
 * against Content-Length and again while the bytes arrive, a deadline for the whole transfer, and
 * a bounded number of redirects. What it fetched is checked like an upload by MediaLibrary.add.
 * Failures are errors whose message says what went wrong in words an editor can act on.
 */
import type { MediaLibrary } from './library.ts';
import { formatBytes } from './upload.ts';

export interface DownloadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
  /** Stops the transfer early (the host is closing). */
  readonly signal?: AbortSignal;
}

export class DownloadError extends Error {}

/** How long one file may take to arrive. */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Downloading files from other sites into a library, as one who added them: an import's attachment fetch. */
export function downloadsInto(library: MediaLibrary, limits: DownloadLimits, addedBy?: string) {
  return {
    download: (url: string) => download(url, limits),
    save: async (file: { bytes: Buffer; name: string; alt: string }) => (await library.add({ bytes: file.bytes, originalName: file.name, alt: file.alt, ...(addedBy ? { uploadedBy: addedBy } : {}) })).url,
  };
}

export async function download(url: string, limits: DownloadLimits): Promise<Buffer> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([deadline, limits.signal]) : deadline;
  try {
    return await follow(url, limits, signal, limits.maxRedirects ?? 5);
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (limits.signal?.aborted) throw new DownloadError('was not fetched: the host stopped');
    if (deadline.aborted) throw new DownloadError(`did not arrive within ${Math.round(limits.timeoutMs / 1000)} s`);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DownloadError(`could not be reached${cause ? ` (${cause})` : ''}; is the old site still online?`);
  }
}

async function follow(url: string, limits: DownloadLimits, signal: AbortSignal, redirectsLeft: number): Promise<Buffer> {
  const target = webUrl(url);
  const response = await fetch(target, { signal, redirect: 'manual', headers: { accept: 'image/*' } });
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    await response.body?.cancel();
    if (redirectsLeft === 0) throw new DownloadError('redirects too many times');
    return follow(new URL(location, target).href, limits, signal, redirectsLeft - 1);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(`answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const tooLarge = () => new DownloadError(`is larger than the upload limit of ${formatBytes(limits.maxBytes)}`);
  if (Number(response.headers.get('content-length') ?? 0) > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    size += part.value.byteLength;
    if (size > limits.maxBytes) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

function webUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('is not a web address');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DownloadError(`is a ${parsed.protocol} address; only http and https are fetched`);
  return parsed;
}
