export { PluginBuilder } from './build.ts';
export { PluginCatalog } from './catalog.ts';
export { createPluginContext, type PluginContextInit } from './context.ts';
export { buildPluginPackage, type BuiltPlugin } from './pack-plugin.ts';
