export { PluginBuilder } from './build.ts';
export { manifestCapabilityProblems, requireCapability } from './capabilities.ts';
export { PluginCatalog } from './catalog.ts';
export { outboundFetch } from './network.ts';
export { createPluginContext, type PluginContextInit } from './context.ts';
export { definitionOf, startPlugin } from './start.ts';
export { ScopedStorage, ownsName, storagePrefix } from './storage.ts';
export type { AnyFunction, LogLevel, PluginSurface } from './surface.ts';
export { buildPluginPackage, checkPluginFolder, type BuiltPlugin, type PluginCheckResult } from './package.ts';
