/**
 * Fetches one file from another site into memory within limits: http(s) only, public addresses
 * only (core/net checks every hop), a size cap checked against Content-Length and again while the
 * bytes arrive, a deadline for the whole transfer, and a bounded number of redirects. What it
 * fetched is checked like an upload by MediaLibrary.add. What the other site answered (a status,
 * a file too large) is said as it is; anything about reaching it only "could not be fetched".
 */
import type { Logger } from '../log/index.ts';
import { NOT_FETCHED, OutboundRefused, requestPublic, type OutboundResponse } from '../net/index.ts';
import type { MediaLibrary } from './library.ts';
import { formatBytes } from './upload.ts';

export interface DownloadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects?: number;
  /** Stops the transfer early (the host is closing). */
  readonly signal?: AbortSignal;
  /** Where the reason a file could not be fetched goes; the person is told only that it could not. */
  readonly log?: Logger;
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
    return await receive(await requestPublic(webUrl(url), { signal, maxRedirects: limits.maxRedirects ?? 5, headers: { accept: 'image/*' } }), limits);
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (limits.signal?.aborted) throw new DownloadError('was not fetched: the host stopped');
    // Refused, unreachable, unresolvable or too slow all read the same to the person, so the fetch
    // cannot be used to map what answers where; the operator finds the reason in the log.
    const detail = error instanceof OutboundRefused ? error.detail : deadline.aborted ? `it did not arrive within ${Math.round(limits.timeoutMs / 1000)} s` : describeCause(error);
    limits.log?.warn({ url, detail }, `${url} ${NOT_FETCHED}: ${detail}`);
    throw new DownloadError(NOT_FETCHED);
  }
}

async function receive(response: OutboundResponse, limits: DownloadLimits): Promise<Buffer> {
  if (response.status < 200 || response.status >= 300) {
    response.body.destroy();
    throw new DownloadError(`answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const tooLarge = () => new DownloadError(`is larger than the upload limit of ${formatBytes(limits.maxBytes)}`);
  if (Number(response.headers['content-length'] ?? 0) > limits.maxBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limits.maxBytes) {
      response.body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeCause(error: unknown): string {
  const code = (error as { code?: string }).code;
  return `${code ? `${code}: ` : ''}${error instanceof Error ? error.message : String(error)}`;
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
