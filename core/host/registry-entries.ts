/**
 * How the site registry (registry.ts) sees one site folder: its site.json read into an entry
 * (refused with its problems, or with the host names it still names), every entry's host names
 * mapped (a domain goes to the first site that claims it), and an entry's state as
 * `guild site list` shows it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblemAt, parseManifest } from '../manifest/index.ts';
import type { PluginStatus } from '../site/index.ts';
import type { SiteEntry, SiteStatus } from './registry-types.ts';

/**
 * A site as its folder holds it now; undefined once its site.json is gone. `codeFingerprint`
 * (this host's code and packages) goes with the text into the entry's cached-page version.
 */
export async function readEntry(sitesDir: string, slug: string, codeFingerprint: string): Promise<SiteEntry | undefined> {
  const dir = path.join(sitesDir, slug);
  const manifestFile = path.join(dir, 'site.json');
  let text: string;
  try {
    text = await readFile(manifestFile, 'utf8');
  } catch {
    return undefined;
  }
  const read = parseManifest('site', text, manifestFile, slug);
  return {
    slug,
    dir,
    manifestFile,
    manifest: read.ok ? read.manifest : undefined,
    fingerprint: createHash('sha1').update(`${codeFingerprint}\n${text}`).digest('base64url').slice(0, 16),
    problems: read.ok ? [] : read.problems.map((problem) => formatProblemAt(problem, text)),
    editProblems: [],
    salvagedDomains: read.ok ? [] : salvageDomains(text),
    conflict: undefined,
    openError: undefined,
    runtime: undefined,
  };
}

/**
 * Every host name to its site: `<slug>.localhost` and each domain, the first site naming a domain
 * keeping it (the others get a `conflict`). Entries come sorted by slug, so the winner is stable.
 */
export function mapHostNames(entries: readonly SiteEntry[]): Map<string, SiteEntry> {
  const byHost = new Map<string, SiteEntry>();
  for (const entry of entries) {
    entry.conflict = undefined;
    byHost.set(`${entry.slug}.localhost`, entry);
  }
  for (const entry of entries) {
    for (const domain of entry.manifest?.domains ?? []) {
      const owner = byHost.get(domain);
      if (owner && owner !== entry) {
        entry.conflict = `${entry.manifestFile} /domains: "${domain}" is already served by site "${owner.slug}"; a domain can point at one site only`;
        continue;
      }
      byHost.set(domain, entry);
    }
  }
  // A site refused from the start still owns the domains it names (503, not 404), unless a valid site serves them.
  for (const entry of entries) for (const domain of entry.salvagedDomains) if (!byHost.has(domain)) byHost.set(domain, entry);
  return byHost;
}

/** A site's state from its entry, why it is refused (if it is) and its plugins (if it opened). */
export function statusOf(entry: SiteEntry, reason: string | undefined, plugins: readonly PluginStatus[]): SiteStatus {
  const manifest = entry.manifest;
  return {
    slug: entry.slug,
    title: manifest?.title,
    domains: [...(manifest?.domains ?? entry.salvagedDomains), `${entry.slug}.localhost`],
    theme: manifest?.theme.id,
    builtBy: manifest?.builtBy,
    state: reason ? 'refused' : manifest?.disabled ? 'disabled' : 'serving',
    reason,
    manifestProblems: entry.editProblems,
    disabled: manifest?.disabled,
    plugins,
  };
}

/** The host names a site.json that does not pass names: from its "domains" list if that much still reads. */
function salvageDomains(text: string): string[] {
  let domains: unknown;
  try {
    domains = (JSON.parse(text) as { domains?: unknown }).domains;
  } catch {
    const list = /"domains"\s*:\s*(\[[^\]]*\])/.exec(text)?.[1];
    try {
      domains = list ? JSON.parse(list) : undefined;
    } catch {
      domains = undefined;
    }
  }
  return Array.isArray(domains) ? domains.filter((domain): domain is string => typeof domain === 'string').map((domain) => domain.toLowerCase()) : [];
}
