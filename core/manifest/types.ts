/**
 * The TypeScript side of the published schemas in ./schemas. The schemas are the contract;
 * these types describe data that has passed them.
 */

export type ManifestKind = 'site' | 'plugin' | 'theme';

/** One thing wrong with a manifest: which file, where in it, and what is expected there. */
export interface ManifestProblem {
  readonly file: string;
  /** A JSON pointer such as `/domains/0`, or a line and column for files that do not parse. */
  readonly path: string;
  readonly message: string;
}

/** Where a package installed from a directory came from, as `guild add` records it. */
export interface PackagePin {
  /** The exact version the site uses. */
  readonly version?: string;
  /** The semver range `guild update` may move it within. */
  readonly range?: string;
}

export interface SitePluginEntry extends PackagePin {
  readonly id: string;
  /** The licence token of a paid plugin. */
  readonly licence?: string;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** False while the plugin is deactivated on the site: its settings and data are kept. */
  readonly active?: boolean;
}

export interface SiteManifest {
  readonly guild: 1;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly domains?: readonly string[];
  readonly theme: { readonly id: string; readonly licence?: string; readonly settings?: Readonly<Record<string, unknown>> } & PackagePin;
  readonly plugins?: readonly SitePluginEntry[];
  readonly builtBy: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly logo?: string;
  readonly icon?: string;
  /** Ghost's private mode: every page asks for this password first (while a site is being built, say). */
  readonly private?: { readonly password: string };
  /** In maintenance since this time (`guild site disable`): visitors get a 503 page, the admin stays open. */
  readonly disabled?: { readonly since: string; readonly message?: string };
  /** Social profiles by network, a handle or a URL each: {"instagram": "harbourbakery"}. */
  readonly social?: Readonly<Record<string, string>>;
  /** The site's own sender for invitations, resets and plugins' mail: "Acme <hello@acme.example>". */
  readonly mail?: { readonly from?: string };
  /** The brand colour Ghost themes read as --ghost-accent-color and @site.accent_color. */
  readonly accentColor?: string;
  /** Ghost's @site.cover_image. */
  readonly coverImage?: string;
  /** The owner's HTML for every page, before </head> and before </body>. */
  readonly codeInjection?: { readonly head?: string; readonly foot?: string };
}

export type Capability = 'hooks' | 'routes' | 'admin' | 'settings' | 'helpers' | 'partials' | 'content-types' | 'storage' | 'jobs' | 'mail' | 'network';

export interface PluginHookDeclaration {
  readonly kind: 'action' | 'filter';
  readonly mode: 'sync' | 'async';
  readonly doc: string;
}

/** What a licence for one site costs (amount in minor units), how long it lasts, on what terms. */
export interface PackagePrice {
  readonly amount: number;
  readonly currency: string;
  readonly months?: number;
  readonly terms?: string;
}

export interface PluginManifest {
  readonly guild: 1;
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly version: string;
  readonly author: { readonly handle: string; readonly name?: string; readonly email?: string; readonly url?: string };
  readonly license: string;
  readonly engine: string;
  readonly entry: string;
  readonly capabilities: readonly Capability[];
  /** The hosts it may fetch from (capability "network"), e.g. "api.example.com" or "*.example.com". */
  readonly network?: readonly string[];
  readonly hooks?: Readonly<Record<string, PluginHookDeclaration>>;
  readonly settings?: { readonly type: 'object'; readonly properties: Readonly<Record<string, unknown>> };
  readonly price?: PackagePrice;
}

export interface ThemeCustomSetting {
  readonly type: 'select' | 'boolean' | 'color' | 'image' | 'text';
  readonly options?: readonly string[];
  readonly default?: unknown;
  readonly group?: 'homepage' | 'post';
  readonly description?: string;
  /** Ghost's condition for showing the setting in the form, e.g. "hero_layout:[Split image]". */
  readonly visibility?: string;
}

export interface ThemeManifest {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly license?: string;
  readonly price?: PackagePrice;
  readonly engines?: { readonly guild?: string };
  readonly config?: {
    readonly posts_per_page?: number;
    /** Link Guild's stylesheet for WordPress's block markup from {{ghost_head}} (core/site/wordpress.css). */
    readonly wordpress_assets?: boolean;
    readonly image_sizes?: Readonly<Record<string, { readonly width?: number; readonly height?: number }>>;
    readonly custom?: Readonly<Record<string, ThemeCustomSetting>>;
  };
}

export interface ManifestOf {
  site: SiteManifest;
  plugin: PluginManifest;
  theme: ThemeManifest;
}

/**
 * In a site folder a host mirrored from the network's database (GUILD_DATABASE_URL): the slug it
 * was written for. It belongs to that host's copy of the site, not to the site: archives leave it out.
 */
export const MIRROR_MARKER = '.manifest-from-database';
