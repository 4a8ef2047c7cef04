export { coreHooks, coreNamespaces, isCoreHook, type CoreHookName, type CoreHooks } from './catalog.ts';
export { FailureWindow, type FailureWindowOptions } from './failures.ts';
export { HookRegistry, type HookRegistryOptions, type RunArgs } from './registry.ts';
export * from './payloads.ts';
export * from './types.ts';
