/**
 * The one way a plugin's HTTP request leaves the host (capability "network"): only to the hosts
 * its plugin.json names, http(s) only, redirects handed back to the plugin (so each hop is checked
 * again here), a deadline and a cap on the answer's size. Like every fetch the host makes on
 * someone's behalf it goes through core/net, which refuses private, loopback and link-local
 * addresses after resolving the name, and connects to the address it checked.
 */
import { GuildError } from '../errors.ts';
import type { PluginManifest } from '../manifest/index.ts';
import { NOT_FETCHED, OutboundRefused, requestPublic } from '../net/index.ts';
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
  let response;
  try {
    const body = request.body === undefined ? {} : { body: String(request.body) };
    response = await requestPublic(url, { method, headers, ...body, maxRedirects: 0, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    // The plugin learns no more than a person would: which internal address refused is for the log.
    if (error instanceof OutboundRefused) return refuse(NOT_FETCHED);
    throw error;
  }
  const text = await readCapped(response.body, () => {
    response.body.destroy();
    return refuse(`its answer is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  });
  const answered = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
  return { status: response.status, headers: answered, text };
}

async function readCapped(body: AsyncIterable<Uint8Array>, tooLarge: () => never): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BYTES) tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
