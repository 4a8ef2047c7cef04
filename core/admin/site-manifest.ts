/**
 * Changes to a site's site.json from the admin: read the file as it is on disk (keeping keys the
 * admin does not know, such as "$schema"), apply the change, validate the result against the
 * site schema, and replace the file in one rename so the host's watcher never reads half a file.
 * Writes to one site are queued, so two saves at once cannot lose each other's change.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifest, type ManifestProblem } from '../manifest/index.ts';
import { InputError } from './api/input.ts';

export type RawManifest = Record<string, unknown>;

export class ManifestWriter {
  readonly #file: string;
  readonly #slug: string;
  readonly #afterWrite: () => Promise<void>;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string, slug: string, afterWrite: () => Promise<void>) {
    this.#file = file;
    this.#slug = slug;
    this.#afterWrite = afterWrite;
  }

  /**
   * Applies `change` to the manifest and saves it. Schema problems are thrown as a 422 whose
   * fields are named by `fieldOf` (a JSON path such as "/title" → "title").
   */
  update(change: (manifest: RawManifest) => void, fieldOf: (problem: ManifestProblem) => string = defaultField): Promise<RawManifest> {
    const run = this.#queue.then(async () => {
      const manifest = JSON.parse(await readFile(this.#file, 'utf8')) as RawManifest;
      change(manifest);
      const text = `${JSON.stringify(manifest, null, 2)}\n`;
      const checked = parseManifest('site', text, this.#file, this.#slug);
      if (!checked.ok) throw new InputError(checked.problems.map((problem) => ({ field: fieldOf(problem), message: problem.message })));
      const staging = path.join(path.dirname(this.#file), `.site.json.${randomBytes(4).toString('hex')}`);
      try {
        await writeFile(staging, text);
        await rename(staging, this.#file);
      } finally {
        await rm(staging, { force: true });
      }
      await this.#afterWrite();
      return manifest;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function defaultField(problem: ManifestProblem): string {
  return problem.path.replace(/^\//, '').split('/')[0] || 'site';
}
