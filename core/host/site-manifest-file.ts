/**
 * Changes a site's site.json on disk: read it as it is (keeping keys Guild does not know, such as
 * "$schema"), apply the change, validate the result, and replace the file in one rename, so a
 * running host's watcher never reads half a file and reloads the site with the change.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { formatProblem, parseManifest, type SiteManifest } from '../manifest/index.ts';

export type RawManifest = Record<string, unknown>;

export async function editSiteManifest(file: string, slug: string, change: (manifest: RawManifest) => void): Promise<SiteManifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as RawManifest;
  change(manifest);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const checked = parseManifest('site', text, file, slug);
  if (!checked.ok) throw new GuildError('GUILD_ERR_MANIFEST_INVALID', file, checked.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
  const staging = path.join(path.dirname(file), `.site.json.${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(staging, text);
    await rename(staging, file);
  } finally {
    await rm(staging, { force: true });
  }
  return checked.manifest;
}
