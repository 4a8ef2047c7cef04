/**
 * Changes a site's site.json on disk: read the file as it is (keeping keys Guild does not know,
 * such as "$schema"), apply the change, validate the result against the site schema, and replace
 * the file in one rename, so a running host's watcher never reads half a file. A change that
 * would leave the file invalid writes nothing and throws every problem.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { formatProblem, parseManifest } from './read.ts';
import type { ManifestProblem, SiteManifest } from './types.ts';

/** site.json as parsed, before validation: what a change edits. */
export type RawManifest = Record<string, unknown>;

/** A change that would have left site.json invalid; the file is as it was. */
export class InvalidSiteManifest extends GuildError {
  readonly problems: readonly ManifestProblem[];

  constructor(file: string, problems: readonly ManifestProblem[]) {
    super('GUILD_ERR_MANIFEST_INVALID', file, problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
    this.problems = problems;
  }
}

export async function editSiteManifest(file: string, slug: string, change: (manifest: RawManifest) => void): Promise<SiteManifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as RawManifest;
  change(manifest);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const checked = parseManifest('site', text, file, slug);
  if (!checked.ok) throw new InvalidSiteManifest(file, checked.problems);
  const staging = path.join(path.dirname(file), `.site.json.${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(staging, text);
    await rename(staging, file);
  } finally {
    await rm(staging, { force: true });
  }
  return checked.manifest;
}
