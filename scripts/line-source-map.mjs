// A source map cut down to what a stack trace reads: the original file and line of each position
// in the bundle. With source maps on, Node turns the whole map into one small array per mapping
// the first time any stack is formatted, and keeps it for the life of the process: esbuild's map
// of the host's bundle has about 130,000 mappings (some 15 MB of the host's heap), one per token.
// A mapping that names the same file and line as the one before it on its line tells a stack
// frame nothing more, and the bundle keeps the sources' line structure, so about one in five is
// left; a frame still reports its TypeScript file and line, with the column of that line's mapping.
import { decode, encode } from '@jridgewell/sourcemap-codec';

/** The map (JSON text) with only the mappings where the original file or line changes. */
export function lineSourceMap(json) {
  const map = JSON.parse(json);
  const lines = decode(map.mappings).map((segments) => {
    const kept = [];
    for (const segment of segments) {
      const last = kept.at(-1);
      if (segment.length < 4 || (last && last[1] === segment[1] && last[2] === segment[2])) continue;
      kept.push(segment.slice(0, 4));
    }
    return kept;
  });
  return JSON.stringify({ ...map, mappings: encode(lines), names: [] });
}
