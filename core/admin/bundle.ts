/**
 * The browser admin's code, bundled by esbuild from core/admin/client when the host first needs
 * it (or at `guild start`): TypeScript, the TipTap editor and preact in one minified script and
 * one stylesheet, served from memory under a content hash. Nothing is fetched from a CDN.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ENTRY = fileURLToPath(new URL('./client/main.tsx', import.meta.url));

export interface BundleFile {
  readonly body: Buffer;
  readonly type: string;
}

export interface AdminBundle {
  /** Changes whenever the code does; part of the asset URLs, so they can be cached for a year. */
  readonly version: string;
  readonly files: ReadonlyMap<string, BundleFile>;
}

export async function buildAdminBundle(): Promise<AdminBundle> {
  const result = await esbuild.build({
    entryPoints: { admin: ENTRY },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: '/admin-assets',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = new Map<string, BundleFile>();
  const hash = createHash('sha256');
  for (const output of result.outputFiles) {
    const name = output.path.slice(output.path.lastIndexOf('/') + 1);
    files.set(name, { body: Buffer.from(output.contents), type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' });
    hash.update(output.contents);
  }
  return { version: hash.digest('hex').slice(0, 12), files };
}
