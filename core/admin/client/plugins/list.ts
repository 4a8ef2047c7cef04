/**
 * The site's plugins as the admin API lists them (GET /plugins), kept for the sidebar and the
 * Plugins screen, and the address of a plugin's admin action.
 */
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

export const plugins = store<PluginInfo[] | undefined>(undefined);

export async function loadPlugins(): Promise<PluginInfo[]> {
  const answer = await get<{ plugins: PluginInfo[] }>('/plugins');
  plugins.set(answer.plugins);
  return answer.plugins;
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
