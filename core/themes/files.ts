/**
 * A theme folder as read from disk, before anything runs: its package.json (validated), its
 * templates and partials parsed (a syntax error is kept with its line, not thrown), and its
 * translations. The loader compiles from this and the checker inspects it, so both see one truth.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { readManifest, type ManifestResult } from '../manifest/index.ts';

export interface TemplateFile {
  /** "post", "custom-wide", or for partials "cards/post". */
  readonly name: string;
  readonly file: string;
  readonly source: string;
  /** The parsed template, or null when it does not parse (see `error`). */
  readonly ast: hbs.AST.Program | null;
  readonly error: { readonly line: number | undefined; readonly message: string } | null;
  /** The layout named by `{{!< default}}` on the first line. */
  readonly layout: string | null;
}

export interface LocaleFile {
  readonly file: string;
  readonly messages: Readonly<Record<string, string>> | null;
  readonly error: string | null;
}

export interface ThemeFiles {
  readonly id: string;
  readonly dir: string;
  readonly manifestFile: string;
  readonly manifest: ManifestResult<'theme'>;
  readonly templates: ReadonlyMap<string, TemplateFile>;
  readonly partials: ReadonlyMap<string, TemplateFile>;
  /** Guild's own partials (navigation, pagination), used where the theme has none. */
  readonly defaultPartials: ReadonlyMap<string, TemplateFile>;
  readonly locales: ReadonlyMap<string, LocaleFile>;
}

const LAYOUT_DIRECTIVE = /^\s*\{\{!<\s*([\w./-]+)\s*\}\}/;
const DEFAULTS_DIR = fileURLToPath(new URL('./defaults/', import.meta.url));

export async function readThemeFiles(dir: string): Promise<ThemeFiles> {
  const manifestFile = path.join(dir, 'package.json');
  const partialsDir = path.join(dir, 'partials');
  const named = (base: string) => (file: string) => path.relative(base, file).slice(0, -'.hbs'.length).split(path.sep).join('/');
  return {
    id: path.basename(dir),
    dir,
    manifestFile,
    manifest: await readManifest('theme', manifestFile),
    templates: await readTemplates(await listFiles(dir, '.hbs'), named(dir)),
    partials: await readTemplates(await listFiles(partialsDir, '.hbs', true), named(partialsDir)),
    defaultPartials: await readTemplates(await listFiles(DEFAULTS_DIR, '.hbs'), named(DEFAULTS_DIR)),
    locales: await readLocales(path.join(dir, 'locales')),
  };
}

async function readTemplates(files: readonly string[], nameOf: (file: string) => string): Promise<Map<string, TemplateFile>> {
  const templates = new Map<string, TemplateFile>();
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    const name = nameOf(file);
    const layout = LAYOUT_DIRECTIVE.exec(source)?.[1] ?? null;
    try {
      templates.set(name, { name, file, source, ast: Handlebars.parse(source), error: null, layout });
    } catch (error) {
      templates.set(name, { name, file, source, ast: null, error: describeTemplateError(error as Error & { lineNumber?: number }), layout });
    }
  }
  return templates;
}

async function readLocales(dir: string): Promise<Map<string, LocaleFile>> {
  const locales = new Map<string, LocaleFile>();
  for (const file of await listFiles(dir, '.json')) {
    const locale = path.basename(file, '.json');
    try {
      const data: unknown = JSON.parse(await readFile(file, 'utf8'));
      const valid = data !== null && typeof data === 'object' && !Array.isArray(data) && Object.values(data).every((value) => typeof value === 'string');
      locales.set(locale, valid
        ? { file, messages: data as Record<string, string>, error: null }
        : { file, messages: null, error: 'must be a JSON object of phrases and their translations, all strings' });
    } catch (error) {
      locales.set(locale, { file, messages: null, error: `is not valid JSON: ${(error as Error).message}` });
    }
  }
  return locales;
}

/** Handlebars' parser lists every token it expected; a person needs the place and the gist. */
function describeTemplateError(error: Error & { lineNumber?: number }): { line: number | undefined; message: string } {
  const lines = error.message.split('\n');
  const line = error.lineNumber ?? Number(/on line (\d+)/.exec(error.message)?.[1] ?? /- (\d+):\d+$/.exec(error.message)?.[1]);
  const got = /got '([A-Z_]+)'/.exec(error.message)?.[1];
  let message = lines[0]!;
  if (got && lines.length >= 3) {
    const caret = lines[2]!.indexOf('^');
    const near = lines[1]!.slice(Math.max(caret - 14, 0), caret + 6).replace(/^\.\.\./, '');
    message = got === 'EOF'
      ? 'the template ends inside a tag or an open block; close it ({{/if}}, "}}")'
      : `unexpected text near "${near}": a tag is not closed with "}}", or has a stray character`;
  }
  return { line: Number.isFinite(line) ? line : undefined, message };
}

export async function listFiles(dir: string, extension: string, recursive = false): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
