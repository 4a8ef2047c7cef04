/**
 * Fragment caching: a partial whose HTML can only depend on its context object, the page's
 * globals (@site, @custom, @config, @page, the page's contexts for {{#is}}) and its place in a
 * loop (@index, @first ...) is rendered once per such inputs and kept on the context object.
 *
 * The site hands renders the same post views for as long as its content stays the same (its
 * render memo), and new ones as soon as it changes, so a card kept on a view can never outlive the
 * content it shows: a listing renders each card once per content version, not once per request.
 * A context made afresh for each render (a post page's post) simply never hits.
 *
 * Which partials qualify is read once per theme from their syntax trees: every helper they call
 * (through the partials they include too) must be one whose answer follows from those inputs,
 * and they may not reach outside them (`@root`, `../`, `@blocks`, inline or dynamic partials).
 * Anything else, {{#get}}, {{contentFor}}, a plugin's helper, renders every time.
 */
import type Handlebars from 'handlebars';
import { childrenOf, type SyntaxNode as Node } from './syntax.ts';

type Template = Handlebars.TemplateDelegate;

/** Helpers whose output follows from their arguments, the context and the globals in the key. */
const PURE_HELPERS = new Set([
  // Handlebars' own (log writes to the console: not kept)
  'blockHelperMissing', 'each', 'helperMissing', 'if', 'lookup', 'unless', 'with',
  // core/themes/helpers
  'asset', 'author', 'authors', 'comment_count', 'concat', 'content', 'date', 'encode', 'excerpt', 'facebook_url',
  'foreach', 'has', 'img_url', 'is', 'json', 'lang', 'match', 'plural', 'post_class', 'primary_author', 'primary_tag',
  'raw', 'readable_url', 'reading_time', 'social_accounts', 'social_url', 'split', 't', 'tags', 'title', 'twitter_url', 'url',
]);

/** The data variables a kept partial may read: the globals in the key and the loop position. */
const KNOWN_DATA = new Set(['site', 'custom', 'config', 'page', 'member', 'key', 'index', 'number', 'first', 'last', 'odd', 'even', 'rowStart', 'rowEnd']);

/** Variants kept per context object (page kinds, addresses it is reached at) before they are started afresh. */
const MAX_VARIANTS = 16;

/** What one partial uses, for deciding whether it may be kept. */
interface PartialUse {
  /** Every name in a helper or mustache position: a helper, or else a field of the context. */
  readonly names: Set<string>;
  readonly partials: Set<string>;
  /** It reaches outside the inputs of the key, or includes a partial that cannot be known before render. */
  readonly open: boolean;
}

/** The fragment caching of one render pass: the partials it may keep and the key of its globals. */
export interface RenderFragments {
  readonly cacheable: ReadonlySet<string>;
  /** The globals this render shows, as one string: computed on the first kept partial. */
  globals(): string;
}

/** The globals of a render a kept partial may read, as one string (see KNOWN_DATA). */
export function globalsKey(data: {
  site: unknown;
  custom: unknown;
  config: unknown;
  page: unknown;
  guild: { contexts: readonly string[]; commentCount?: number };
  theme: { assetVersion: string };
}): string {
  return `${keyOf(data.custom)} ${keyOf(data.config)} ${keyOf(data.page)} ${JSON.stringify([data.site, data.guild.contexts, data.guild.commentCount ?? null, data.theme.assetVersion])}`;
}

/**
 * A global by its value or, frozen, by its identity. A site hands every page the same deeply
 * frozen @custom, @config and @page for as long as it is open (they follow from its manifest and
 * theme), and stringifying them for every page cost more than the rest of the key together.
 */
function keyOf(value: unknown): string {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return JSON.stringify(value);
  let id = frozenIds.get(value);
  if (id === undefined) frozenIds.set(value, (id = `#${++lastFrozenId}`));
  return id;
}

const frozenIds = new WeakMap<object, string>();
let lastFrozenId = 0;

/** The theme's partials that may be kept: decided once per theme, narrowed per set of plugin extras. */
export class FragmentRules {
  readonly #uses = new Map<string, PartialUse>();
  readonly #closure = new Map<string, { names: Set<string>; partials: Set<string> } | null>();

  constructor(partials: ReadonlyMap<string, hbs.AST.Program>, helpers: ReadonlySet<string>) {
    for (const [name, program] of partials) this.#uses.set(name, partialUse(program));
    for (const name of partials.keys()) {
      const closure = this.#close(name, new Set());
      const pure = closure && [...closure.names].every((used) => !helpers.has(used) || PURE_HELPERS.has(used));
      this.#closure.set(name, pure ? closure : null);
    }
  }

  /** The partials that may be kept when a site adds these helpers and partials of its plugins. */
  cacheable(extras: { helpers?: Readonly<Record<string, unknown>>; partials?: Readonly<Record<string, unknown>> }): Set<string> {
    const cacheable = new Set<string>();
    for (const [name, closure] of this.#closure) {
      if (!closure) continue;
      // A plugin's helper or partial under a name the partial uses may answer anything.
      if ([...closure.names].some((used) => extras.helpers?.[used] !== undefined)) continue;
      if ([...closure.partials].some((used) => extras.partials?.[used] !== undefined)) continue;
      cacheable.add(name);
    }
    return cacheable;
  }

  /** Every name and partial a partial uses through the partials it includes; null when it cannot be kept. */
  #close(name: string, visiting: Set<string>): { names: Set<string>; partials: Set<string> } | null {
    const use = this.#uses.get(name);
    if (!use || use.open || visiting.has(name)) return null;
    visiting.add(name);
    const names = new Set(use.names);
    const partials = new Set([name]);
    for (const included of use.partials) {
      const inner = this.#close(included, visiting);
      if (!inner) return null;
      for (const used of inner.names) names.add(used);
      for (const used of inner.partials) partials.add(used);
    }
    visiting.delete(name);
    return { names, partials };
  }
}

/** Wraps a compiled partial so that a render which allows it keeps its HTML per context object and inputs. */
export function keptPartial(name: string, partial: Template): Template {
  const kept = new WeakMap<object, Map<string, Map<string, string>>>();
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    const data = options?.data as { theme?: { fragments?: RenderFragments } } & Record<string, unknown> | undefined;
    const fragments = data?.theme?.fragments;
    if (!fragments || !fragments.cacheable.has(name) || typeof context !== 'object' || context === null) return partial(context, options);
    const globals = fragments.globals();
    let variants = kept.get(context);
    if (!variants || variants.size >= MAX_VARIANTS) kept.set(context, (variants = new Map()));
    let byPlace = variants.get(globals);
    if (!byPlace) variants.set(globals, (byPlace = new Map()));
    const place = `${data.key}|${data.index}|${data.first}|${data.last}|${data.rowStart}|${data.rowEnd}`;
    let html = byPlace.get(place);
    if (html === undefined) byPlace.set(place, (html = partial(context, options)));
    return html;
  };
}

function partialUse(program: hbs.AST.Program): PartialUse {
  const use = { names: new Set<string>(), partials: new Set<string>(), open: false };
  visit(program as Node, use);
  return use;
}

function visit(node: Node | null | undefined, use: { names: Set<string>; partials: Set<string>; open: boolean }): void {
  if (!node || typeof node !== 'object' || use.open) return;
  switch (node.type) {
    case 'Program':
    case 'Hash':
      for (const child of childrenOf(node)) visit(child, use);
      return;
    case 'MustacheStatement':
    case 'BlockStatement':
    case 'SubExpression':
      if (node.path.type === 'PathExpression' && !node.path.data && node.path.depth === 0) use.names.add(node.path.parts[0] ?? 'this');
      for (const child of childrenOf(node)) visit(child, use);
      return;
    case 'PartialStatement':
      if (node.name.type !== 'StringLiteral' && !(node.name.type === 'PathExpression' && !node.name.data)) use.open = true;
      else use.partials.add(node.name.type === 'StringLiteral' ? node.name.value : node.name.original);
      for (const param of node.params) visit(param, use);
      visit(node.hash, use);
      return;
    case 'PartialBlockStatement':
    case 'DecoratorBlock':
    case 'Decorator':
      use.open = true;
      return;
    case 'PathExpression':
      if (node.depth > 0 || (node.data && !KNOWN_DATA.has(node.parts[0]))) use.open = true;
      return;
    case 'StringLiteral':
      // {{#has any="@root.x"}} and {{#match}} read data by a path given as a string.
      if (node.value.startsWith('@') && !KNOWN_DATA.has(node.value.slice(1).split('.')[0]!)) use.open = true;
      return;
    default:
      return;
  }
}
