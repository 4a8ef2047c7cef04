/** A valid plugin.json for a test plugin with the given capabilities. */
export function pluginManifest(id: string, capabilities: string[], extra: object = {}) {
  return { guild: 1, id, name: id, version: '1.0.0', author: { handle: 'tester' }, license: 'MIT', engine: '^0.1.0', entry: 'index.ts', capabilities, ...extra };
}
