/**
 * The one way a plugin's HTTP request leaves the host (capability "network"): only to the hosts
 * its plugin.json names, http(s) only, redirects handed back to the plugin (so each hop is checked
 * again here), a deadline and a cap on the answer's size. The host-wide guard against private and
 * loopback addresses wraps this function too, as it does every fetch the host makes.
 */
import { GuildError } from '../errors.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { HttpRequest, HttpResponse } from '../sdk/context.ts';

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 2 * 1024 * 1024;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the manifest's "network" list allows this host ("api.example.com", "*.example.com", "host:port"). */
export function allowsHost(manifest: PluginManifest, url: URL): boolean {
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  return (manifest.network ?? []).some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed));
}

export async function outboundFetch(manifest: PluginManifest, address: string, request: HttpRequest = {}): Promise<HttpResponse> {
  const refuse = (reason: string): never => {
    throw new GuildError('GUILD_ERR_PLUGIN_NETWORK', manifest.id, String(address), reason);
  };
  let url: URL;
  try {
    url = new URL(String(address));
  } catch {
    return refuse('it is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('only http and https are allowed');
  if (!allowsHost(manifest, url)) refuse(`its host is not in plugin.json's "network" list (${(manifest.network ?? []).join(', ') || 'empty'})`);
  const method = String(request.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) refuse(`the method ${method} is not allowed`);
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [String(name), String(value)]));
  const response = await fetch(url, { method, headers, body: request.body === undefined ? undefined : String(request.body), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await readCapped(response, () => refuse(`its answer is larger than ${MAX_BYTES / 1024 / 1024} MB`));
  return { status: response.status, headers: Object.fromEntries(response.headers), text };
}

async function readCapped(response: Response, tooLarge: () => never): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BYTES) tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
