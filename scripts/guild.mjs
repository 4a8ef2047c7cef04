#!/usr/bin/env node
// The `guild` command. The CLI and the host are TypeScript; this bootstrap bundles them with
// esbuild into one module the first time they run (and again whenever a source file changes),
// so a fresh clone needs no build step, and every later run starts in a fraction of the time
// loading hundreds of TypeScript files through a loader would take. If bundling fails for any
// reason, it falls back to running the sources through tsx.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const INSTALL = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = path.join(INSTALL, 'scripts', 'cli', 'main.ts');
const OUT_DIR = path.join(INSTALL, '.guild', 'cli');

/** A fingerprint of every source file the bundle is made from: names, sizes and times. */
function fingerprint() {
  const hash = createHash('sha1');
  for (const dir of ['core', 'scripts']) {
    for (const entry of readdirSync(path.join(INSTALL, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|mjs|json|hbs)$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const info = statSync(file);
      hash.update(`${file}:${info.size}:${info.mtimeMs}\n`);
    }
  }
  hash.update(String(statSync(path.join(INSTALL, 'package.json')).mtimeMs));
  return hash.digest('hex').slice(0, 16);
}

async function bundle() {
  const file = path.join(OUT_DIR, `guild-${fingerprint()}.mjs`);
  if (existsSync(file)) return file;
  const esbuild = await import('esbuild');
  const { lineSourceMap } = await import('./line-source-map.mjs');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // Stack traces read the sources from disk when they show a line; the map need not carry them.
    sourcesContent: false,
    write: false,
    outfile: file,
    logLevel: 'silent',
    alias: { '@guild/sdk': path.join(INSTALL, 'core', 'sdk', 'index.ts') },
    plugins: [
      {
        // Modules find their files (schemas, templates, workers) next to themselves through
        // import.meta.url; in one bundle each must keep its own source file's address.
        name: 'own-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
            const { readFile } = await import('node:fs/promises');
            // esbuild's define replaces the expression in code only, never inside strings.
            const { code } = await esbuild.transform(await readFile(args.path, 'utf8'), {
              loader: args.path.endsWith('x') ? 'tsx' : 'ts',
              sourcefile: args.path,
              sourcemap: 'inline',
              define: { 'import.meta.url': JSON.stringify(pathToFileURL(args.path).href) },
            });
            return { contents: code, loader: 'js' };
          });
        },
      },
    ],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  // Written under a temporary name and renamed, so two commands starting at once cannot read half a file.
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.path.endsWith('.map') ? lineSourceMap(output.text) : output.contents);
    renameSync(temporary, output.path);
  }
  return file;
}

if (process.argv[2] === 'start') process.setSourceMapsEnabled(true);
let entry;
try {
  entry = pathToFileURL(await bundle()).href;
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  entry = pathToFileURL(ENTRY).href;
}
await import(entry);
