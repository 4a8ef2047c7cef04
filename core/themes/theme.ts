/**
 * A theme on disk, loaded once and shared by every site that uses it: its package.json, its
 * templates compiled up front, its partials and translations, a version of its assets for cache
 * busting, and the checker's report. A theme that fails a fatal check is refused at load with
 * every such problem, so a site can never be activated on it.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { GuildError } from '../errors.ts';
import { formatProblem, type ManifestProblem, type ThemeManifest } from '../manifest/index.ts';
import { withFields } from '../objects.ts';
import { checkThemeFiles, fatalProblems, parsedFiles, type CheckReport } from './check.ts';
import { isPluginPartial } from './extras.ts';
import { FragmentRules, globalsKey, keptPartial } from './fragments.ts';
import { counted, countPartialCalls, renderWithin } from './render-budget.ts';
import { listFiles, readThemeFiles, type TemplateFile } from './files.ts';
import { helpers } from './helpers/index.ts';
import type { HelperData } from './helpers/shared.ts';
import { RenderRequests } from './requests.ts';
import { Translations } from './translations.ts';
import { templateUsage } from './usage.ts';
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

/**
 * The extras of every site whose plugins add no helpers or partials: one object, so the theme
 * merges its runtime for them once rather than once per site that opens.
 */
export const NO_EXTRAS: RenderExtras = Object.freeze({});

const MAX_LAYOUT_DEPTH = 5;
/** Render passes for one page: enough for {{#get}} inside {{#get}} inside {{#get}}. */
const MAX_PASSES = 4;

export class Theme {
  readonly id: string;
  readonly dir: string;
  readonly manifest: ThemeManifest;
  readonly assetsDir: string;
  readonly assetVersion: string;
  readonly postsPerPage: number;
  /** What the checker found; warnings and recommendations for the theme's author and the site owner. */
  readonly report: CheckReport;
  readonly #hbs: typeof Handlebars;
  readonly #templates: ReadonlyMap<string, ThemeTemplate>;
  readonly #partials: ReadonlyMap<string, Template>;
  /** The plugin partials ("acme.form/card") the theme's templates include. */
  readonly #pluginPartials: readonly string[];
  readonly #translations: Translations;
  readonly #fragments: FragmentRules;
  readonly #merged = new WeakMap<RenderExtras, Merged>();

  constructor(init: {
    dir: string;
    manifest: ThemeManifest;
    assetVersion: string;
    report: CheckReport;
    hbs: typeof Handlebars;
    templates: ReadonlyMap<string, ThemeTemplate>;
    partials: ReadonlyMap<string, Template>;
    pluginPartials: readonly string[];
    translations: Translations;
    fragments: FragmentRules;
  }) {
    this.id = init.manifest.name;
    this.dir = init.dir;
    this.manifest = init.manifest;
    this.assetsDir = path.join(init.dir, 'assets');
    this.assetVersion = init.assetVersion;
    this.postsPerPage = init.manifest.config?.posts_per_page ?? 5;
    this.report = init.report;
    this.#hbs = init.hbs;
    this.#templates = init.templates;
    this.#partials = init.partials;
    this.#pluginPartials = init.pluginPartials;
    this.#translations = init.translations;
    this.#fragments = init.fragments;
  }

  has(name: string): boolean {
    return this.#templates.has(name);
  }

  /** The names of the theme's `custom-*` templates, for a post's or page's template picker. */
  customTemplates(): string[] {
    return [...this.#templates.keys()].filter((name) => name.startsWith('custom-')).sort();
  }

  /** The first of the candidate templates this theme has. */
  pick(candidates: readonly string[]): ThemeTemplate | undefined {
    for (const name of candidates) {
      const template = this.#templates.get(name);
      if (template) return template;
    }
    return undefined;
  }

  /**
   * Renders a template inside its layout chain (`{{!< default}}`). Renders again while helpers
   * ask for content not fetched yet ({{#get}}), fetching all of a pass's requests at once.
   */
  async render(template: ThemeTemplate, context: TemplateContext, data: RenderData, extras: RenderExtras = NO_EXTRAS): Promise<string> {
    const requests = new RenderRequests(data.content);
    for (let pass = 1; ; pass++) {
      requests.final = pass === MAX_PASSES;
      const html = this.#renderPass(template, context, data, extras, requests);
      if (requests.waiting === 0) return html;
      await requests.fetch();
    }
  }

  #renderPass(template: ThemeTemplate, context: TemplateContext, data: RenderData, extras: RenderExtras, requests: RenderRequests): string {
    return renderWithin(this.id, () => this.#renderLayouts(template, context, data, extras, requests));
  }

  #renderLayouts(template: ThemeTemplate, context: TemplateContext, data: RenderData, extras: RenderExtras, requests: RenderRequests): string {
    const { cacheable, runtime: prepared } = this.#withExtras(extras);
    let globals: string | undefined;
    const frame: HelperData = {
      ...data,
      root: context,
      blocks: {},
      member: null,
      theme: {
        assetVersion: this.assetVersion,
        requests,
        translate: (phrase) => this.#translations.translate(data.site.locale, phrase),
        renderPartial: (name, partialContext, partialData) => this.#renderPartial(name, partialContext, partialData, extras),
        fragments: { cacheable, globals: () => (globals ??= globalsKey(frame)) },
      },
    };
    const runtime: Handlebars.RuntimeOptions = withFields(prepared, { data: frame });
    let html = template.render(context, runtime);
    let layout = template.layout;
    for (let depth = 0; layout; depth++) {
      const outer = this.#templates.get(layout);
      if (!outer || depth >= MAX_LAYOUT_DEPTH) throw new Error(`${template.file}: layout "${layout}" cannot be used`);
      html = outer.render(withFields(context, { body: new Handlebars.SafeString(html) }), runtime);
      layout = outer.layout;
    }
    return html;
  }

  #renderPartial(name: string, context: unknown, data: HelperData, extras: RenderExtras): string {
    const partial = extras.partials?.[name] ?? this.#partials.get(name);
    if (!partial) throw new Error(`The partial "${name}" does not exist in theme "${this.id}".`);
    return partial(context, withFields(this.#withExtras(extras).runtime, { data }));
  }

  /**
   * The theme's helpers and partials with a site's plugin extras, merged once per set of extras
   * (a site keeps one until its plugins change) rather than on every render, and which partials
   * renders with them may keep (fragments.ts).
   */
  #withExtras(extras: RenderExtras): Merged {
    let merged = this.#merged.get(extras);
    if (!merged) {
      // A plugin partial the theme includes but no plugin of this site provides renders as nothing,
      // as an unknown helper does: a site without the plugin still serves.
      const absent = this.#pluginPartials.filter((name) => !extras.partials?.[name]);
      merged = {
        runtime: preparedRuntime(this.#hbs, {
          ...(extras.helpers ? { helpers: { ...this.#hbs.helpers, ...extras.helpers } } : {}),
          ...(extras.partials || absent.length ? { partials: { ...this.#hbs.partials, ...Object.fromEntries(absent.map((name) => [name, nothing])), ...extras.partials } } : {}),
        }),
        cacheable: this.#fragments.cacheable(extras),
      };
      this.#merged.set(extras, merged);
    }
    return merged;
  }
}

interface Merged {
  /** What every template call of a render goes in with (see preparedRuntime), its data aside. */
  readonly runtime: Handlebars.RuntimeOptions;
  readonly cacheable: ReadonlySet<string>;
}

/**
 * Handlebars sets a template call from outside up anew on every call, wrapping each of the ~100
 * helpers again; a page makes several (its template, its layouts, partials helpers render), which
 * came to a tenth of a page's CPU. Here the set-up is made once, by Handlebars itself: a probe
 * template's decorator, which runs before the template does and is handed the set-up, keeps it.
 * Every call after passes it on, as Handlebars passes it to the partials a template includes.
 */
function preparedRuntime(hbs: typeof Handlebars, given: Pick<Handlebars.RuntimeOptions, 'helpers' | 'partials'>): Handlebars.RuntimeOptions {
  let setUp: Record<string, unknown> | undefined;
  const keep = (_program: unknown, _props: unknown, container: Record<string, unknown>) => {
    setUp = container;
    return () => '';
  };
  probeOf(hbs)({}, { ...given, decorators: { keep } });
  const { helpers: wrapped, partials, hooks, protoAccessControl } = setUp!;
  // Handlebars also wraps each helper, on every call, to hand it `options.lookupProperty`. The
  // core's own helpers never read it, so they are called as they are; Handlebars' helpers and a
  // plugin's keep the wrapper.
  const registered = given.helpers ?? hbs.helpers;
  const helpers = Object.fromEntries(
    Object.entries(wrapped as Record<string, HelperFunction>).map(([name, helper]) => {
      const called = CORE_HELPERS.has(registered[name]) ? (registered[name] as HelperFunction) : helper;
      return [name, LOOPS.has(name) ? counted(called) : called];
    }),
  );
  // `partial: true` is how Handlebars tells a call that comes with its set-up.
  return { partial: true, helpers, partials, decorators: hbs.decorators, hooks, protoAccessControl } as Handlebars.RuntimeOptions;
}

const CORE_HELPERS: ReadonlySet<unknown> = new Set(Object.values(helpers));

type HelperFunction = (...args: unknown[]) => unknown;

/**
 * The helpers that render their block more than once, each call a step of the render's time limit
 * (render-budget.ts): with partial calls, the only ways a template multiplies its work. Other
 * helpers render their block at most once, or return a string.
 */
const LOOPS: ReadonlySet<string> = new Set(['each', 'foreach', 'blockHelperMissing']);

/**
 * The probe, compiled once per Handlebars environment: every site that opens prepares its runtime
 * with it, and compiling it took as long as the rest of that. Its decorator is looked up on each
 * call, so each call hands it its own. The partial is never rendered (the decorator replaces the
 * template): it has the set-up include partials.
 */
const probes = new WeakMap<typeof Handlebars, Handlebars.TemplateDelegate>();

function probeOf(hbs: typeof Handlebars): Handlebars.TemplateDelegate {
  let probe = probes.get(hbs);
  if (!probe) {
    probe = hbs.compile('{{* keep}}{{> probe}}');
    probes.set(hbs, probe);
  }
  return probe;
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

/** Loads and checks a theme folder; throws GUILD_ERR_THEME_INVALID listing every fatal problem. */
export async function loadTheme(dir: string): Promise<Theme> {
  const files = await readThemeFiles(dir);
  const report = checkThemeFiles(files);
  if (!report.canActivate || !files.manifest.ok) throw new ThemeInvalid(files.id, fatalProblems(report));

  const hbs = Handlebars.create();
  hbs.registerHelper(helpers as Handlebars.HelperDeclareSpec);
  countPartialCalls(hbs);
  const compile = (template: TemplateFile): Template => hbs.compile(template.ast!, { preventIndent: true });
  const partials = new Map<string, Template>();
  for (const [name, partial] of [...files.defaultPartials, ...files.partials]) partials.set(name, compile(partial));
  for (const [name, partial] of partials) hbs.registerPartial(name, keptPartial(name, partial));
  const templates = new Map<string, ThemeTemplate>();
  for (const [name, template] of files.templates) templates.set(name, { name, file: template.file, layout: template.layout, render: compile(template) });

  return new Theme({
    dir,
    manifest: files.manifest.manifest,
    assetVersion: await assetVersion(path.join(dir, 'assets')),
    report,
    hbs,
    templates,
    partials,
    pluginPartials: [...new Set(parsedFiles(files).flatMap((template) => templateUsage(template.ast!).partials.map((use) => use.name)))].filter(isPluginPartial),
    translations: new Translations(files.locales),
    fragments: new FragmentRules(new Map([...files.defaultPartials, ...files.partials].map(([name, partial]) => [name, partial.ast!])), new Set(Object.keys(hbs.helpers))),
  });
}

const nothing: Template = () => '';

/** A short hash of the assets' names, sizes and times: it changes whenever an asset does. */
async function assetVersion(assetsDir: string): Promise<string> {
  const hash = createHash('sha1');
  for (const file of await listFiles(assetsDir, '', true)) {
    const info = await stat(file);
    hash.update(`${path.relative(assetsDir, file)}:${info.size}:${info.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 10);
}
