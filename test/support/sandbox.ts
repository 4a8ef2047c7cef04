/**
 * A throwaway Guild install for tests: a temp folder with its own sites/, themes/ and plugins/
 * (searched after the repository's), a real host over them, and helpers to write files into it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createHost, type Host, type HostOptions } from '../../core/host/index.ts';
import { createLogger, silentLogger, type Logger } from '../../core/log/index.ts';
import type { SiteManifest } from '../../core/manifest/index.ts';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface Sandbox {
  readonly root: string;
  readonly sitesDir: string;
  readonly themesDir: string;
  readonly pluginsDir: string;
  write(relative: string, content: string | object): string;
  site(slug: string, manifest?: Partial<SiteManifest> & Record<string, unknown>, seed?: object): string;
  host(options?: Partial<HostOptions>): Promise<Host>;
  remove(): Promise<void>;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-test-'));
  const sitesDir = path.join(root, 'sites');
  const themesDir = path.join(root, 'themes');
  const pluginsDir = path.join(root, 'plugins');
  for (const dir of [sitesDir, themesDir, pluginsDir]) mkdirSync(dir, { recursive: true });
  const hosts: Host[] = [];

  const write = (relative: string, content: string | object) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    return file;
  };

  return {
    root,
    sitesDir,
    themesDir,
    pluginsDir,
    write,
    site(slug, manifest = {}, seed) {
      if (seed) write(`sites/${slug}/seed.json`, seed);
      return write(`sites/${slug}/site.json`, {
        guild: 1,
        id: slug,
        title: `Site ${slug}`,
        theme: { id: 'journal' },
        builtBy: 'tester',
        ...manifest,
      });
    },
    async host(options = {}) {
      const host = await createHost({
        log: silentLogger(),
        sitesDir,
        themesDirs: [path.join(REPO, 'themes'), themesDir],
        pluginsDirs: [path.join(REPO, 'plugins'), pluginsDir],
        cacheDir: path.join(root, 'cache'),
        packagesDir: path.join(root, 'packages'),
        directoryDataDir: path.join(root, 'directory'),
        port: 0,
        ...options,
      });
      hosts.push(host);
      return host;
    },
    async remove() {
      for (const host of hosts) await host.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` passes or the time is up; for things that happen on their own, like a reload. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A logger whose JSON lines the test can read back; it writes `level` and above (default: everything from debug). */
export function captureLog(level = 'debug'): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level, pretty: false, destination });
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}
