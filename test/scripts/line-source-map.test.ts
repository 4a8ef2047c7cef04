// The host's bundle keeps only the source-map mappings where the original file or line changes
// (scripts/line-source-map.mjs): a stack trace must still name the TypeScript file and line, for
// every position the full map knows.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the bootstrap, without types
import { lineSourceMap } from '../../scripts/line-source-map.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'guild-line-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PRICE = `export interface Line { readonly price: number; readonly quantity: number }

export function total(lines: readonly Line[]): number {
  return lines.reduce((sum, line) => sum + checked(line).price * line.quantity, 0);
}

function checked(line: Line): Line {
  if (line.quantity < 0) throw new RangeError(\`a quantity cannot be negative (\${line.quantity})\`);
  return line;
}

// esbuild joins an arrow's body to the line of its arrow: one bundle line, two source lines.
export const label = (line: Line) =>
  \`\${line.quantity} × \${line.price}\`;
`;
const ENTRY = `import { label, total } from './price.ts';

export const labels = (quantity: number) => [label({ price: 2, quantity })];
export const order = (quantity: number) => total([{ price: 3, quantity: 1 }, { price: 2, quantity }]);
`;

async function bundled(): Promise<{ file: string; full: string; lines: string }> {
  writeFileSync(path.join(dir, 'price.ts'), PRICE);
  writeFileSync(path.join(dir, 'entry.ts'), ENTRY);
  const file = path.join(dir, 'out.mjs');
  const result = await build({ entryPoints: [path.join(dir, 'entry.ts')], bundle: true, platform: 'node', format: 'esm', sourcemap: 'linked', sourcesContent: false, write: false, outfile: file });
  const full = result.outputFiles.find((output) => output.path.endsWith('.map'))!.text;
  const lines = lineSourceMap(full) as string;
  writeFileSync(file, result.outputFiles.find((output) => output.path === file)!.contents);
  writeFileSync(`${file}.map`, lines);
  return { file, full, lines };
}

describe('the bundle’s line source map', () => {
  it('maps every position of the bundle to the same file and line as the full map', async () => {
    const { file, full, lines } = await bundled();
    const before = new SourceMap(JSON.parse(full));
    const after = new SourceMap(JSON.parse(lines));
    const code = readFileSync(file, 'utf8').split('\n');
    let compared = 0;
    code.forEach((text, line) => {
      for (let column = 0; column < text.length; column++) {
        const expected = before.findEntry(line, column) as { originalSource?: string; originalLine?: number };
        if (expected.originalSource === undefined) continue;
        const entry = after.findEntry(line, column) as { originalSource?: string; originalLine?: number };
        expect([entry.originalSource, entry.originalLine], `bundle ${line + 1}:${column + 1}`).toEqual([expected.originalSource, expected.originalLine]);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(100);
    expect(lines.length).toBeLessThan(full.length);
  });

  it('lets a stack trace name the TypeScript file and line that threw', async () => {
    const { file } = await bundled();
    const script = `import(${JSON.stringify(file)}).then((bundle) => bundle.order(-1))`;
    const failed = await promisify(execFile)(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script]).catch((error: { stderr: string }) => error);
    const stderr = 'stderr' in failed ? failed.stderr : '';
    expect(stderr).toContain('a quantity cannot be negative (-1)');
    expect(stderr).toMatch(/price\.ts:8\b/);
    expect(stderr).toMatch(/price\.ts:4\b/);
  });
});
