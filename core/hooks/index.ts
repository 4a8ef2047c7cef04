export { coreHooks, coreNamespaces, isCoreHook, type CoreHookName, type CoreHooks } from './catalog.ts';
export { FailureWindow, type FailureWindowOptions } from './failures.ts';
export { guardTap, type GuardedTap, type GuardOptions } from './guard.ts';
export { HookRegistry, type HookRegistryOptions, type RunArgs } from './registry.ts';
export * from './payloads.ts';
export * from './types.ts';
