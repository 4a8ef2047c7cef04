/**
 * A plugin gets exactly the capabilities its plugin.json lists. These checks run before its code
 * (for what the manifest itself asks for), when its setup reaches for a part of its context, and
 * again on the host's side of every registration.
 */
import { GuildError } from '../errors.ts';
import type { Capability, ManifestProblem, PluginManifest } from '../manifest/index.ts';

export function requireCapability(manifest: PluginManifest, capability: Capability, use: string): void {
  if (!manifest.capabilities.includes(capability)) throw new GuildError('GUILD_ERR_PLUGIN_CAPABILITY', manifest.id, capability, use);
}

/** What the manifest asks for that needs a capability it does not list. */
export function manifestCapabilityProblems(manifest: PluginManifest, file: string): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const need = (capability: Capability, path: string, what: string) => {
    if (!manifest.capabilities.includes(capability)) {
      problems.push({ file, path, message: `${what} needs the "${capability}" capability; add "${capability}" to "capabilities"` });
    }
  };
  if (manifest.settings) need('settings', '/settings', 'a settings schema');
  if (manifest.hooks && Object.keys(manifest.hooks).length > 0) need('hooks', '/hooks', 'declaring hooks');
  if (manifest.network) need('network', '/network', 'a list of hosts to fetch from');
  if (manifest.capabilities.includes('network') && !manifest.network?.length) {
    problems.push({ file, path: '/network', message: 'the "network" capability needs the hosts the plugin may fetch from: add "network": ["api.example.com"]' });
  }
  return problems;
}
