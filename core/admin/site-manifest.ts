/**
 * Changes to a site's site.json from the admin, through the one site.json editor
 * (`editSiteManifest`: validated, written in one rename). Writes to one site are queued, so two
 * saves at once cannot lose each other's change; schema problems become a 422 naming the fields;
 * after a write the site reloads with it.
 */
import { editSiteManifest, InvalidSiteManifest, type ManifestProblem, type RawManifest } from '../manifest/index.ts';
import { InputError } from './api/input.ts';

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
  update(change: (manifest: RawManifest) => void, fieldOf: (problem: ManifestProblem) => string = defaultField): Promise<void> {
    const run = this.#queue.then(async () => {
      try {
        await editSiteManifest(this.#file, this.#slug, change);
      } catch (error) {
        if (error instanceof InvalidSiteManifest) throw new InputError(error.problems.map((problem) => ({ field: fieldOf(problem), message: problem.message })));
        throw error;
      }
      await this.#afterWrite();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function defaultField(problem: ManifestProblem): string {
  return problem.path.replace(/^\//, '').split('/')[0] || 'site';
}
