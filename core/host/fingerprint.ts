/**
 * What this host's pages are made of besides each site's own files: Guild's version, its code, and
 * the themes and plugins it can load, as names, sizes and modification times of their files,
 * hashed. Computed at start and whenever a site reloads (a few hundred stat calls); a page
 * cached by a host whose code or packages differed never matches, so an upgrade, a package
 * changed while running (which reloads its sites), or a theme edited while the host was stopped,
 * is never served stale.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GUILD_VERSION } from '../version.ts';

/** Folders that hold no code: dependencies, version control, sites' data. */
const SKIPPED = new Set(['node_modules', '.git', 'data']);

export function codeFingerprint(dirs: readonly string[]): string {
  const hash = createHash('sha1').update(GUILD_VERSION);
  for (const dir of [...new Set(dirs)].sort()) walk(dir, hash);
  return hash.digest('base64url').slice(0, 16);
}

function walk(dir: string, hash: Hash): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) walk(file, hash);
    } else if (entry.isFile()) {
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
}
