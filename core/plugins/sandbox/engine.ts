/**
 * The sandbox engine: QuickJS compiled to WebAssembly (quickjs-emscripten), with every loop of its
 * WebAssembly guarded (loop-guard.ts). The WebAssembly code is rewritten and compiled once per
 * process; every sandbox (one plugin on one site) gets an instance of its own, with its own linear
 * memory and its own `tick`: a plugin that found a bug in QuickJS itself could reach no other
 * site's memory, and a crash or a forced stop ends that instance only. See docs/plugins.md for the
 * measurements behind the choice.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import { GUARD_MODULE, GUARD_TICK, guardLoops } from './loop-guard.ts';
import { useNativeStrings, type EmscriptenStrings } from './native-strings.ts';

let compiled: Promise<WebAssembly.Module> | undefined;

function wasmModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const require = createRequire(import.meta.url);
    return WebAssembly.compile(guardLoops(await readFile(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'))));
  })();
  return compiled;
}

/** The pages (64 KiB) QuickJS's build starts with: its own data and stack (not resident until used). */
const INITIAL_PAGES = 256;
const PAGE = 64 * 1024;

/**
 * A fresh QuickJS instance with nothing in it but the ECMAScript built-ins. Its WebAssembly memory
 * may grow only by the sandbox's limit: QuickJS's own limit does not cover every allocation (array
 * buffers, for one), and without this cap an instance would grow to 2 GB, zeroing pages for
 * seconds, before failing (measured: 7-15 s and 2 GB of RSS per hostile plugin; with it, ~20 ms).
 * `tick` is called by every loop of the instance every FUEL iterations: it returns the fuel for
 * the next ones, or throws to stop the instance where it stands. Strings cross natively (native-strings.ts).
 */
export async function newEngine(memoryMb: number, tick: () => number): Promise<QuickJSWASMModule> {
  const wasmMemory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: INITIAL_PAGES + Math.ceil((memoryMb * 1024 * 1024) / PAGE) });
  const module = await wasmModule();
  return newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, {
      wasmMemory,
      emscriptenModule: {
        // Emscripten calls this as a method of the module it builds: `this` is that module.
        instantiateWasm(this: EmscriptenStrings, imports, onSuccess) {
          useNativeStrings(this, wasmMemory);
          const instance = new WebAssembly.Instance(module, { ...imports, [GUARD_MODULE]: { [GUARD_TICK]: tick } });
          onSuccess(instance);
          return instance.exports;
        },
      },
    }),
  );
}
