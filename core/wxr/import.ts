/**
 * Imports a WordPress export into a site's content store: the whole file is read and checked
 * first, then everything is written in one transaction, so a file that is not a whole export,
 * or a failure half way, leaves the site as it was. Running it again changes nothing; a later
 * export of the same WordPress site updates what changed there and adds what is new.
 */
import type { ContentStore } from '../content/index.ts';
import { readWxr } from './read.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { ImportRun, sourceOf, type ImportOptions } from './run.ts';
import { importAttachments } from './steps/attachments.ts';
import { importAuthors } from './steps/authors.ts';
import { importMenus } from './steps/menus.ts';
import { importPosts } from './steps/posts.ts';
import { importTags } from './steps/tags.ts';
import type { WxrDocument } from './types.ts';

export interface ImportInput {
  /** The export: a stream (an upload, a file), or its whole text. */
  readonly data: AsyncIterable<Buffer | string> | Buffer | string;
  /** What to call it in messages, e.g. the file name. */
  readonly name: string;
  /** Its size in bytes when known, for progress. */
  readonly size?: number;
}

export async function importWordPress(store: ContentStore, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const doc = await readWxr(input.data, {
    name: input.name,
    ...(input.size !== undefined ? { total: input.size } : {}),
    onProgress: (progress) => options.onProgress?.({ phase: 'reading', done: progress.bytes, total: progress.total }),
  });
  return importDocument(store, doc, options);
}

export async function importDocument(store: ContentStore, doc: WxrDocument, options: ImportOptions): Promise<ImportReport> {
  return store.transaction(async (tx) => {
    const run = new ImportRun(tx, doc, options, emptyReport(sourceOf(doc)));
    await importAuthors(run);
    await importTags(run);
    await importAttachments(run);
    await importPosts(run);
    await importMenus(run);
    return run.report;
  });
}
