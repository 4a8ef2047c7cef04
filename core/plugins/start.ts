/** Starting a plugin in the host: migrations, first install, setup (sandbox/guest.ts does the same inside a sandbox). */
import type { PluginManifest } from '../manifest/index.ts';
import type { PluginContext, PluginDefinition } from '../sdk/context.ts';
import type { CheckedStorage } from './storage.ts';

/** The plugin's definition from its module, or a message saying what the entry must export. */
export function definitionOf(module: { default?: unknown }, manifest: PluginManifest): PluginDefinition<any> {
  const definition = module.default as PluginDefinition<any> | undefined;
  if (typeof definition?.setup !== 'function') throw new Error(`${manifest.entry} must export default definePlugin({ setup(context) { ... } })`);
  return definition;
}

export async function startPlugin(definition: PluginDefinition<any>, context: PluginContext, install: boolean): Promise<void> {
  // Reaching for context.storage refuses a plugin with migrations but no "storage" capability.
  if (definition.migrations?.length) (context.storage as CheckedStorage).migrate(definition.migrations);
  if (install) await definition.install?.(context);
  await definition.setup(context);
}
