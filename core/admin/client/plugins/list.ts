/**
 * The site's plugins and the content types they declare, as the admin API lists them (GET
 * /plugins), kept for the sidebar, the Plugins screen and the content type screens; and the
 * address of a plugin's admin action.
 */
import type { FormField } from '../../../hooks/payloads.ts';
import { get } from '../api.ts';
import { store } from '../state.ts';

export interface PluginInfo {
  id: string;
  name: string;
  description: string;
  state: 'active' | 'failing' | 'failed' | 'switched-off' | 'inactive';
  version?: string;
  isolated?: boolean;
  /** Only owners are told reasons and last errors. */
  reason?: string;
  since?: string;
  lastError?: { hook: string; reason: string; at: string };
  settings: boolean;
  pages: Array<{ path: string; title: string }>;
}

/** A content type a running plugin declares (a portfolio's projects), with its fields in order. */
export interface ContentTypeInfo {
  name: string;
  label: string;
  plural: string;
  /** Its public address: /<path>/ lists the published entries, /<path>/<slug>/ shows one. */
  path: string;
  plugin: string;
  fields: FormField[];
}

export const plugins = store<PluginInfo[] | undefined>(undefined);
export const contentTypes = store<ContentTypeInfo[] | undefined>(undefined);

let loading: Promise<PluginInfo[]> | undefined;

/** Asks the API again; the sidebar and a screen opened at once share one request. */
export function loadPlugins(): Promise<PluginInfo[]> {
  loading ??= get<{ plugins: PluginInfo[]; contentTypes: ContentTypeInfo[] }>('/plugins')
    .then((answer) => {
      plugins.set(answer.plugins);
      contentTypes.set(answer.contentTypes);
      return answer.plugins;
    })
    .finally(() => (loading = undefined));
  return loading;
}

/** The API path of one of a plugin's admin routes; ":key" in `path` is filled from `row`. */
export function actionPath(plugin: string, path: string, row: Readonly<Record<string, unknown>> = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(String(row[key] ?? '')));
  return `/plugins/${encodeURIComponent(plugin)}/actions${filled}`;
}

/** A confirm text or label with ":key" filled from the row, for people to read. */
export function fillText(text: string, row: Readonly<Record<string, unknown>>): string {
  return text.replace(/:(\w+)/g, (whole, key: string) => (row[key] === undefined ? whole : String(row[key])));
}
