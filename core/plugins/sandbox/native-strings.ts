/**
 * Strings into and out of a QuickJS instance through Node's own UTF-8 code. Emscripten's runtime
 * measures, encodes and looks for the end of every string with a JavaScript loop, a character at a
 * time; for a page's head HTML handed to a `theme:head` tap that was a tenth of the tap's cost.
 * TextEncoder and TextDecoder do the same natively, to the same contract: NUL-terminated UTF-8 in
 * the instance's memory, a lone surrogate replaced (call-protocol.ts's `carriesIntact`).
 */

/** The string functions of an Emscripten module, which quickjs-emscripten calls on every string. */
export interface EmscriptenStrings {
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, maxBytes: number): number;
  UTF8ToString(pointer: number, maxBytes?: number, ignoreNul?: boolean): string;
}

/** Replaces `module`'s string functions with native ones reading and writing `memory`. */
export function useNativeStrings(module: EmscriptenStrings, memory: WebAssembly.Memory): void {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let view = new Uint8Array(memory.buffer);
  // Growing the memory replaces its buffer (and empties the old one's views).
  const heap = (): Uint8Array => (view.buffer === memory.buffer ? view : (view = new Uint8Array(memory.buffer)));
  module.lengthBytesUTF8 = (text) => Buffer.byteLength(text, 'utf8');
  module.stringToUTF8 = (text, pointer, maxBytes) => {
    if (!(maxBytes > 0)) return 0;
    const bytes = heap();
    const { written } = encoder.encodeInto(text, bytes.subarray(pointer, pointer + maxBytes - 1));
    bytes[pointer + written] = 0;
    return written;
  };
  module.UTF8ToString = (pointer, maxBytes, ignoreNul) => {
    if (!pointer) return '';
    const bytes = heap();
    const limit = maxBytes === undefined ? bytes.length : Math.min(bytes.length, pointer + maxBytes);
    const nul = ignoreNul ? -1 : bytes.indexOf(0, pointer);
    return decoder.decode(bytes.subarray(pointer, nul >= 0 && nul < limit ? nul : limit));
  };
}
