/**
 * Everything a plugin gets from the site it runs on. Each part but `plugin`, `site` and `log`
 * belongs to a capability the plugin must list in its plugin.json; touching a part it did not
 * declare throws at setup with a message naming the capability, and the site serves without it.
 */
import type { SiteInfo } from '../hooks/payloads.ts';
import type { MailMessage } from '../mail/index.ts';
import type { Capability } from '../manifest/types.ts';
import type { AdminView } from './admin.ts';
import type { PluginHooks } from './hooks.ts';

export type { Capability };

export interface PluginLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** A request to one of the plugin's routes; plain data, so it can reach an isolated plugin. */
export interface PluginRequest {
  readonly method: string;
  /** The path below the plugin's own root, e.g. "/submit" for /p/acme.forms/submit. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** A parsed form or JSON body, or the text of a text/csv or text/plain body. */
  readonly body: unknown;
  /** The visitor's address, for rate limits; do not store it. */
  readonly ip: string;
  readonly site: SiteInfo;
}

/** What a route answers. `page` is shown inside the site's theme, like any of its pages. */
export interface PluginResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly json?: unknown;
  readonly redirect?: string;
  readonly page?: { readonly title: string; readonly html: string };
}

export type RouteHandler = (request: PluginRequest) => PluginResponse | Promise<PluginResponse>;
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Public routes, served under the plugin's own root: /p/<plugin-id>/<path>. */
export interface PluginRoutes {
  /** The public address of a route path, e.g. "/p/acme.forms/submit". */
  url(path: string): string;
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
}

export interface AdminPage {
  readonly title: string;
  render(request: PluginRequest): AdminView | Promise<AdminView>;
}

/** Pages and actions in the site's admin, reached only by the site's owner and editors. */
export interface PluginAdmin {
  /** A page in the admin's menu; its view is data the admin shows. */
  page(path: string, page: AdminPage): void;
  /** An action behind a page: a form's target, a CSV download, an import. */
  route(method: RouteMethod, path: string, handler: RouteHandler): void;
}

/** Where a helper is called: the site and the page being rendered. */
export interface HelperCall {
  readonly site: SiteInfo;
  readonly path: string;
}

/** A helper returns HTML; escape what it did not write itself (escapeHtml). */
export type HelperFunction = (args: readonly unknown[], hash: Readonly<Record<string, unknown>>, call: HelperCall) => string;

export interface PluginHelpers {
  /** Adds {{name ...}} for themes; the name starts with the plugin's name, e.g. "contact_form" for acme.contact-form. */
  add(name: string, helper: HelperFunction): void;
}

export interface PluginPartials {
  /** Adds a Handlebars partial, included as {{> "<plugin-id>/<name>"}}. */
  add(name: string, source: string): void;
}

export interface FieldSpec {
  readonly type: 'text' | 'textarea' | 'html' | 'url' | 'email' | 'image' | 'number' | 'date' | 'checkbox' | 'select';
  readonly label?: string;
  readonly required?: boolean;
  readonly options?: readonly string[];
  readonly help?: string;
}

export interface ContentTypeDefinition {
  /** Singular name, e.g. "project"; the theme's "project.hbs" shows one. */
  readonly name: string;
  readonly label: string;
  readonly plural: string;
  /** The public address: /<path>/ lists them, /<path>/<slug>/ shows one; the theme's "<path>.hbs" shows the list. */
  readonly path: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Handlebars used when the theme has no template of its own. */
  readonly templates?: { readonly entry?: string; readonly list?: string };
}

export interface PluginContentTypes {
  define(type: ContentTypeDefinition): void;
}

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

/**
 * The plugin's own tables in the site's database. Every table is named with the plugin's prefix
 * (`table('submissions')`); a statement that reaches any other table is refused.
 */
export interface PluginStorage {
  /** e.g. "acme__contact_form__"; table names are this plus a name starting with a letter. */
  readonly prefix: string;
  table(name: string): string;
  run(sql: string, ...params: unknown[]): RunResult;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  /** Runs several statements (a migration's DDL, say); each is checked like any other. */
  exec(sql: string): void;
  transaction<T>(work: () => T): T;
}

export interface PluginMigration {
  readonly version: number;
  readonly name: string;
  up(storage: PluginStorage): void;
}

export interface PluginJobs {
  /** Runs `job` every `intervalMs` (at least 1000) while the site is open. */
  every(name: string, intervalMs: number, job: () => void | Promise<void>): void;
}

export type { MailMessage };

export interface PluginMail {
  send(message: MailMessage): Promise<void>;
}

/** An outbound request; the body is text (JSON.stringify an object yourself). */
export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The answer, read in full. A redirect comes back as is (status 3xx, headers.location). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface PluginHttp {
  /** Fetches a URL on one of the hosts plugin.json lists under "network". */
  fetch(url: string, request?: HttpRequest): Promise<HttpResponse>;
}

export interface PluginContext<Settings = Record<string, unknown>> {
  readonly plugin: { readonly id: string; readonly version: string };
  /** The site, with its main address as `url`. */
  readonly site: SiteInfo;
  /** Lines are tagged with the site and the plugin. */
  readonly log: PluginLogger;
  /** The site's cached pages; tell it when something the plugin stores changes how pages look. */
  readonly pages: { invalidate(): void };
  /** capability "hooks" */
  readonly hooks: PluginHooks;
  /** capability "settings": this site's settings, already checked against the plugin's settings schema. */
  readonly settings: Readonly<Settings>;
  /** capability "routes" */
  readonly routes: PluginRoutes;
  /** capability "admin" */
  readonly admin: PluginAdmin;
  /** capability "helpers" */
  readonly helpers: PluginHelpers;
  /** capability "partials" */
  readonly partials: PluginPartials;
  /** capability "content-types" */
  readonly contentTypes: PluginContentTypes;
  /** capability "storage" */
  readonly storage: PluginStorage;
  /** capability "jobs" */
  readonly jobs: PluginJobs;
  /** capability "mail" */
  readonly mail: PluginMail;
  /** capability "network", to the hosts plugin.json lists under "network" */
  readonly http: PluginHttp;
}

export interface PluginDefinition<Settings = Record<string, unknown>> {
  /** The plugin's tables, versioned (capability "storage"); pending ones run before install and setup. */
  readonly migrations?: readonly PluginMigration[];
  /** Runs once per site, the first time the plugin is activated there, after the migrations. */
  install?(context: PluginContext<Settings>): void | Promise<void>;
  /** Called each time a site using the plugin opens. Register taps here; keep it quick. */
  setup(context: PluginContext<Settings>): void | Promise<void>;
}
