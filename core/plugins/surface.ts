/**
 * What the host offers one plugin on one site: everything a plugin registers goes through here.
 * The site implements it; a sandboxed plugin's calls reach it through the same context as an
 * in-host plugin's. The surface checks capabilities itself, so a plugin cannot reach past its
 * manifest by skipping the SDK.
 */
import type { HookKind } from '../hooks/index.ts';
import type { PluginManifest } from '../manifest/index.ts';
import type { AdminPage, ContentTypeDefinition, HelperFunction, HttpRequest, HttpResponse, MailMessage, RouteHandler, RouteMethod } from '../sdk/context.ts';

export type AnyFunction = (...args: any[]) => unknown;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface PluginSurface {
  readonly manifest: PluginManifest;
  addTap(name: string, kind: HookKind, fn: AnyFunction, priority?: number): void;
  removeTap(name: string, fn: AnyFunction, priority?: number): boolean;
  /** With a function, the priority it is tapped at or false (with a priority, whether it is tapped there); without, whether the hook has taps. */
  hasTap(name: string, fn?: AnyFunction, priority?: number): number | boolean;
  /** Removes every tap of a hook on the site, or those at one priority. */
  removeAllTaps(name: string, priority?: number): void;
  /** Runs one of the plugin's own hooks as the kind the plugin means (refused if it is the other). */
  runOwnHook(name: string, kind: HookKind, args: readonly unknown[]): unknown;
  /** Whether a hook runs its taps synchronously; undefined while it is not declared on the site. */
  hookMode(name: string): 'sync' | 'async' | undefined;
  did(name: string): number;
  doing(name?: string): boolean;
  current(): string | undefined;
  currentPriority(): number | false;
  addRoute(method: RouteMethod, path: string, handler: RouteHandler): void;
  addAdminPage(path: string, page: AdminPage): void;
  addAdminRoute(method: RouteMethod, path: string, handler: RouteHandler): void;
  addHelper(name: string, helper: HelperFunction): void;
  addPartial(name: string, source: string): void;
  defineContentType(type: ContentTypeDefinition): void;
  addJob(name: string, intervalMs: number, job: () => unknown): void;
  sendMail(message: MailMessage): Promise<void>;
  fetch(url: string, request?: HttpRequest): Promise<HttpResponse>;
  log(level: LogLevel, message: string, details?: Record<string, unknown>): void;
  /** Marks the site's cached pages stale. */
  invalidatePages(): void;
}
