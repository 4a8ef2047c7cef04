/**
 * The sandbox engine: QuickJS compiled to WebAssembly (quickjs-emscripten). The WebAssembly code is
 * compiled once per process; every sandbox (one plugin on one site) gets an instance of its own,
 * with its own linear memory: a plugin that found a bug in QuickJS itself could reach no other
 * site's memory, and a crash ends that instance only. See docs/plugins.md for the measurements
 * behind the choice.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';

let compiled: Promise<WebAssembly.Module> | undefined;

function wasmModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const require = createRequire(import.meta.url);
    return WebAssembly.compile(await readFile(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')));
  })();
  return compiled;
}

/** A fresh QuickJS instance with nothing in it but the ECMAScript built-ins. */
export async function newEngine(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmModule: await wasmModule() }));
}
