/**
 * A theme on disk, loaded once and shared by every site that uses it: its package.json, its
 * templates parsed and compiled up front (so a syntax error is found at load, with its file and
 * line, not by the first visitor), its partials, and a version of its assets for cache busting.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { GuildError } from '../errors.ts';
import { formatProblem, readManifest, type ManifestProblem, type ThemeManifest } from '../manifest/index.ts';
import { helpers } from './helpers/index.ts';
import type { HelperData } from './helpers/shared.ts';
import type { RenderData, TemplateContext } from './types.ts';

type Template = Handlebars.TemplateDelegate;

export interface ThemeTemplate {
  readonly name: string;
  readonly file: string;
  readonly layout: string | null;
  readonly render: Template;
}

/** Helpers and partials a site adds for its own renders (from its plugins), beside the theme's. */
export interface RenderExtras {
  readonly helpers?: Readonly<Record<string, (...args: any[]) => unknown>>;
  readonly partials?: Readonly<Record<string, Template>>;
}

const LAYOUT_DIRECTIVE = /^\s*\{\{!<\s*([\w./-]+)\s*\}\}/;
const MAX_LAYOUT_DEPTH = 5;
/** Guild's own navigation and pagination partials, used where a theme has none. */
const DEFAULTS_DIR = fileURLToPath(new URL('./defaults/', import.meta.url));

export class Theme {
  readonly id: string;
  readonly dir: string;
  readonly manifest: ThemeManifest;
  readonly assetsDir: string;
  readonly assetVersion: string;
  readonly postsPerPage: number;
  readonly #hbs: typeof Handlebars;
  readonly #templates: ReadonlyMap<string, ThemeTemplate>;
  readonly #partials: ReadonlyMap<string, Template>;

  constructor(init: {
    dir: string;
    manifest: ThemeManifest;
    assetVersion: string;
    hbs: typeof Handlebars;
    templates: ReadonlyMap<string, ThemeTemplate>;
    partials: ReadonlyMap<string, Template>;
  }) {
    this.id = init.manifest.name;
    this.dir = init.dir;
    this.manifest = init.manifest;
    this.assetsDir = path.join(init.dir, 'assets');
    this.assetVersion = init.assetVersion;
    this.postsPerPage = init.manifest.config?.posts_per_page ?? 5;
    this.#hbs = init.hbs;
    this.#templates = init.templates;
    this.#partials = init.partials;
  }

  has(name: string): boolean {
    return this.#templates.has(name);
  }

  /** The first of the candidate templates this theme has. */
  pick(candidates: readonly string[]): ThemeTemplate | undefined {
    for (const name of candidates) {
      const template = this.#templates.get(name);
      if (template) return template;
    }
    return undefined;
  }

  /** Renders a template inside its layout chain (`{{!< default}}`). */
  render(template: ThemeTemplate, context: TemplateContext, data: RenderData, extras: RenderExtras = {}): string {
    const frame: HelperData = {
      ...data,
      root: context,
      blocks: {},
      theme: {
        assetVersion: this.assetVersion,
        renderPartial: (name, partialContext, partialData) => this.#renderPartial(name, partialContext, partialData, extras),
      },
    };
    const runtime: Handlebars.RuntimeOptions = { data: frame };
    if (extras.helpers) runtime.helpers = { ...this.#hbs.helpers, ...extras.helpers };
    if (extras.partials) runtime.partials = { ...this.#hbs.partials, ...extras.partials };

    let html = template.render(context, runtime);
    let layout = template.layout;
    for (let depth = 0; layout; depth++) {
      const outer = this.#templates.get(layout);
      if (!outer || depth >= MAX_LAYOUT_DEPTH) throw new Error(`${template.file}: layout "${layout}" cannot be used`);
      html = outer.render({ ...context, body: new Handlebars.SafeString(html) }, runtime);
      layout = outer.layout;
    }
    return html;
  }

  #renderPartial(name: string, context: unknown, data: HelperData, extras: RenderExtras): string {
    const partial = extras.partials?.[name] ?? this.#partials.get(name);
    if (!partial) throw new Error(`The partial "${name}" does not exist in theme "${this.id}".`);
    return partial(context, { data, helpers: { ...this.#hbs.helpers, ...extras.helpers } });
  }
}

/** A theme that cannot be used, with every problem found in it. */
export class ThemeInvalid extends GuildError {
  constructor(
    readonly theme: string,
    readonly problems: readonly ManifestProblem[],
  ) {
    super('GUILD_ERR_THEME_INVALID', theme, problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'));
  }
}

/** Loads and checks a theme folder; throws GUILD_ERR_THEME_INVALID listing every problem found. */
export async function loadTheme(dir: string): Promise<Theme> {
  const id = path.basename(dir);
  const manifestFile = path.join(dir, 'package.json');
  const read = await readManifest('theme', manifestFile);
  const problems: ManifestProblem[] = read.ok ? [] : [...read.problems];
  if (read.ok && read.manifest.name !== id) {
    problems.push({ file: manifestFile, path: '/name', message: `must be "${id}", the name of the theme's folder` });
  }

  const hbs = Handlebars.create();
  hbs.registerHelper(helpers as Handlebars.HelperDeclareSpec);
  const templates = new Map<string, ThemeTemplate>();
  const partials = new Map<string, Template>();

  for (const file of await listFiles(DEFAULTS_DIR, '.hbs')) {
    partials.set(path.basename(file, '.hbs'), compile(hbs, await readFile(file, 'utf8'), file, problems));
  }
  for (const file of await listFiles(path.join(dir, 'partials'), '.hbs', true)) {
    const name = path.relative(path.join(dir, 'partials'), file).slice(0, -'.hbs'.length).split(path.sep).join('/');
    partials.set(name, compile(hbs, await readFile(file, 'utf8'), file, problems));
  }
  for (const [name, partial] of partials) hbs.registerPartial(name, partial);

  for (const file of await listFiles(dir, '.hbs')) {
    const source = await readFile(file, 'utf8');
    const layout = LAYOUT_DIRECTIVE.exec(source)?.[1] ?? null;
    templates.set(path.basename(file, '.hbs'), { name: path.basename(file, '.hbs'), file, layout, render: compile(hbs, source, file, problems) });
  }
  for (const required of ['index', 'post']) {
    if (!templates.has(required)) problems.push({ file: path.join(dir, `${required}.hbs`), path: '/', message: 'is required: every theme needs index.hbs and post.hbs' });
  }
  for (const template of templates.values()) {
    if (template.layout && !templates.has(template.layout)) {
      problems.push({ file: template.file, path: 'line 1', message: `uses the layout "${template.layout}", but ${template.layout}.hbs does not exist` });
    }
  }

  if (problems.length > 0 || !read.ok) throw new ThemeInvalid(id, problems);
  return new Theme({ dir, manifest: read.manifest, assetVersion: await assetVersion(path.join(dir, 'assets')), hbs, templates, partials });
}

function compile(hbs: typeof Handlebars, source: string, file: string, problems: ManifestProblem[]): Template {
  try {
    // Parsing now finds syntax errors at load; compiling the parsed tree avoids parsing twice.
    return hbs.compile(hbs.parse(source), { preventIndent: true });
  } catch (error) {
    const { line, message } = describeTemplateError(error as Error & { lineNumber?: number });
    problems.push({ file, path: line ? `line ${line}` : '/', message });
    return () => '';
  }
}

function describeTemplateError(error: Error & { lineNumber?: number }): { line: number | undefined; message: string } {
  const line = error.lineNumber ?? Number(/on line (\d+)/.exec(error.message)?.[1] ?? /- (\d+):\d+$/.exec(error.message)?.[1]) ?? undefined;
  const message = error.message.split('\n').filter((part) => !/^(Parse error on line|[-.]*\^|\.\.\.)/.test(part.trim())).join(' ').trim();
  return { line: Number.isFinite(line) ? line : undefined, message: `template does not compile: ${message || error.message.split('\n')[0]}` };
}

async function listFiles(dir: string, extension: string, recursive = false): Promise<string[]> {
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

/** A short hash of the assets' names, sizes and times: it changes whenever an asset does. */
async function assetVersion(assetsDir: string): Promise<string> {
  const hash = createHash('sha1');
  for (const file of await listFiles(assetsDir, '', true)) {
    const info = await stat(file);
    hash.update(`${path.relative(assetsDir, file)}:${info.size}:${info.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 10);
}
