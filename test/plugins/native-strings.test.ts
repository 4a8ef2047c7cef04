// Strings into and out of a sandbox's memory through Node's UTF-8 code, to Emscripten's contract:
// NUL-terminated UTF-8, bounded by the space given, read again after the memory grows.
import { describe, expect, it } from 'vitest';
import { useNativeStrings, type EmscriptenStrings } from '../../core/plugins/sandbox/native-strings.ts';

function strings(): { module: EmscriptenStrings; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const module = {} as EmscriptenStrings;
  useNativeStrings(module, memory);
  return { module, memory };
}

describe('native strings in a sandbox’s memory', () => {
  it('write and read back UTF-8 with its NUL, a lone surrogate replaced, and measure it as written', () => {
    const { module, memory } = strings();
    for (const text of ['', 'plain', 'é€😀', 'a\ud800b']) {
      const size = module.lengthBytesUTF8(text);
      expect(module.stringToUTF8(text, 16, size + 1)).toBe(size);
      expect(new Uint8Array(memory.buffer)[16 + size]).toBe(0);
      expect(module.UTF8ToString(16)).toBe(text.replace('\ud800', '\ufffd'));
    }
  });

  it('stay within the bytes given, read at most as many as asked, and work on after the memory grows', () => {
    const { module, memory } = strings();
    expect(module.stringToUTF8('abcdef', 8, 4)).toBe(3);
    expect(module.UTF8ToString(8)).toBe('abc');
    expect(module.UTF8ToString(8, 2)).toBe('ab');
    expect(module.UTF8ToString(0)).toBe('');
    memory.grow(1);
    const far = 65536 + 100;
    module.stringToUTF8('after growing', far, 64);
    expect(module.UTF8ToString(far)).toBe('after growing');
  });
});
