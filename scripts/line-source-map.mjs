// A source map cut down to what a stack trace reads: the original file and line of each bundle
// line. With source maps on, Node turns the whole map into one small array per mapping the first
// time any stack is formatted, and keeps it for the life of the process: esbuild's map of the
// host's bundle has about 130,000 mappings (some 15 MB of the host's heap), one per token, where a
// stack frame needs one per line. The bundle keeps the sources' line structure, so a frame still
// reports its TypeScript file and line; only the column is the line's first.
import { decode, encode } from '@jridgewell/sourcemap-codec';

/** The map (JSON text) with only each generated line's first mapping into a source. */
export function lineSourceMap(json) {
  const map = JSON.parse(json);
  const lines = decode(map.mappings).map((segments) => {
    const first = segments.find((segment) => segment.length >= 4);
    return first ? [first.slice(0, 4)] : [];
  });
  return JSON.stringify({ ...map, mappings: encode(lines), names: [] });
}
