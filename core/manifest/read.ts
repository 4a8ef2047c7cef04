/**
 * Reads a manifest file and returns either the manifest or every problem with it: a file that is
 * missing or does not parse is reported with its line and column, a file that parses is checked
 * against its schema and then against the rules a schema cannot express.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lineOf } from './locate.ts';
import type { ManifestKind, ManifestOf, ManifestProblem, SiteManifest } from './types.ts';
import { schemaProblems } from './validate.ts';

export type ManifestResult<K extends ManifestKind> =
  | { readonly ok: true; readonly manifest: ManifestOf[K] }
  | { readonly ok: false; readonly problems: readonly ManifestProblem[] };

/** Reads and validates a manifest file. `expectedId` is the folder name a site's id must match. */
export async function readManifest<K extends ManifestKind>(kind: K, file: string, expectedId?: string): Promise<ManifestResult<K>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    return { ok: false, problems: [{ file, path: '/', message: reason }] };
  }
  return parseManifest(kind, text, file, expectedId);
}

/** Validates manifest text that is already in memory (e.g. from an upload or an archive). */
export function parseManifest<K extends ManifestKind>(kind: K, text: string, file: string, expectedId?: string): ManifestResult<K> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [parseProblem(text, file, error as Error)] };
  }
  const fromSchema = schemaProblems(kind, data, file);
  const problems = [...fromSchema, ...ruleProblems(kind, data, file, expectedId).filter((rule) => !fromSchema.some((problem) => problem.path === rule.path))];
  return problems.length ? { ok: false, problems } : { ok: true, manifest: data as ManifestOf[K] };
}

/** The one-line form the CLI and the logs print: `sites/acme/site.json /domains/0: must be ...`. */
export function formatProblem(problem: ManifestProblem, cwd = process.cwd()): string {
  return `${shownFile(problem.file, cwd)} ${problem.path}: ${problem.message}`;
}

/** The same with the line of the JSON path in `text`: `sites/acme/site.json:7 /theme/id: ...`, as the host logs it. */
export function formatProblemAt(problem: ManifestProblem, text: string, cwd = process.cwd()): string {
  if (!problem.path.startsWith('/')) return formatProblem(problem, cwd);
  return `${shownFile(problem.file, cwd)}:${lineOf(text, problem.path)} ${problem.path}: ${problem.message}`;
}

function shownFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function parseProblem(text: string, file: string, error: Error): ManifestProblem {
  const position = /at position (\d+)/.exec(error.message);
  const offset = position ? Number(position[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before.at(-1)!.length + 1;
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '').replace(/ of JSON input$/, ' of the file');
  return { file, path: `line ${line} column ${column}`, message: `is not valid JSON: ${reason}` };
}

function ruleProblems(kind: ManifestKind, data: unknown, file: string, expectedId: string | undefined): ManifestProblem[] {
  if (kind !== 'site' || typeof data !== 'object' || data === null) return [];
  const site = data as Partial<SiteManifest>;
  const problems: ManifestProblem[] = [];
  if (expectedId !== undefined && typeof site.id === 'string' && site.id !== expectedId) {
    problems.push({ file, path: '/id', message: `must be "${expectedId}", the name of the site's folder` });
  }
  const seen = new Set<string>();
  (Array.isArray(site.plugins) ? site.plugins : []).forEach((plugin, index) => {
    if (typeof plugin?.id !== 'string') return;
    if (seen.has(plugin.id)) problems.push({ file, path: `/plugins/${index}/id`, message: `lists "${plugin.id}" a second time; list each plugin once` });
    seen.add(plugin.id);
  });
  return problems;
}
