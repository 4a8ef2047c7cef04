/**
 * A real directory on a temp folder for tests, listening on a free port, with helpers to make
 * developers (keys), plugin and theme folders, and archives crafted byte by byte (for the
 * hostile ones no honest packer would write).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { createDirectoryApp, Directory, DirectoryClient, type DirectoryOptions } from '../../core/directory/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { buildPluginPackage } from '../../core/plugins/index.ts';
import { buildThemePackage } from '../../core/themes/index.ts';
import { generateKeyPair, type StoredKey } from '../../core/signing/index.ts';
import { REPO } from './sandbox.ts';

export interface DirectoryBox {
  readonly directory: Directory;
  readonly url: string;
  readonly client: DirectoryClient;
  readonly root: string;
  close(): Promise<void>;
}

export async function directoryServer(options: Partial<DirectoryOptions> = {}): Promise<DirectoryBox> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'guild-directory-'));
  const directory = await Directory.open({ dataDir: path.join(root, 'data'), ...options });
  const app = createDirectoryApp(directory, silentLogger());
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    directory,
    url,
    root,
    client: new DirectoryClient(url),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      directory.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A developer's key pair, registered with the directory. */
export async function developer(box: Pick<DirectoryBox, 'client'>, handle: string, name?: string): Promise<StoredKey> {
  const pair = generateKeyPair();
  const key: StoredKey = { handle, ...pair, created: new Date().toISOString() };
  await box.client.registerKey(key, name);
  return key;
}

export interface PluginSpec {
  readonly id: string;
  readonly version: string;
  readonly author: string;
  readonly engine?: string;
  readonly price?: { amount: number; currency: string; months?: number; terms?: string };
  /** The HTML the plugin adds to every page's foot. */
  readonly marker?: string;
}

/** A plugin folder that adds `marker` to the foot of every page. */
export function pluginFolder(parent: string, spec: PluginSpec): string {
  const dir = path.join(parent, `${spec.id}-${spec.version}`);
  mkdirSync(path.join(dir, 'screenshots'), { recursive: true });
  const manifest = {
    guild: 1,
    id: spec.id,
    name: `Plugin ${spec.id}`,
    description: `Adds a marker to every page (${spec.version}).`,
    version: spec.version,
    author: { handle: spec.author },
    license: spec.price ? 'proprietary' : 'MIT',
    engine: spec.engine ?? '^0.1.0',
    entry: 'index.ts',
    capabilities: ['hooks'],
    ...(spec.price ? { price: spec.price } : {}),
  };
  writeFileSync(path.join(dir, 'plugin.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(
    path.join(dir, 'index.ts'),
    `import { definePlugin } from '@guild/sdk';\nexport default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:foot', (html) => html + ${JSON.stringify(spec.marker ?? `<p>${spec.id} ${spec.version}</p>`)}); } });\n`,
  );
  writeFileSync(path.join(dir, 'README.md'), `# ${spec.id}\n\nIt adds a **marker**. <script>alert("readme")</script>\n\n[a link](javascript:alert(1))\n`);
  writeFileSync(path.join(dir, 'screenshots', 'front.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  return dir;
}

/** A copy of the first-party journal theme under another name and version, optionally paid, optionally printing `marker` on every page. */
export function themeFolder(parent: string, spec: { name: string; version: string; price?: PluginSpec['price']; marker?: string }): string {
  // The checker wants a theme's folder named after the theme.
  const dir = path.join(parent, spec.version, spec.name);
  cpSync(path.join(REPO, 'themes', 'journal'), dir, { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const manifest = { ...journal, name: spec.name, version: spec.version, description: `The ${spec.name} theme.`, license: spec.price ? 'proprietary' : 'MIT', ...(spec.price ? { price: spec.price } : {}) };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'README.md'), `# ${spec.name}\n\nA theme.\n`);
  if (spec.marker) writeFileSync(path.join(dir, 'default.hbs'), readFileSync(path.join(dir, 'default.hbs'), 'utf8').replace('</body>', `${spec.marker}</body>`));
  return dir;
}

/** Builds a plugin folder made by pluginFolder() and publishes it through the directory's API. */
export async function publishPlugin(client: DirectoryClient, key: StoredKey, parent: string, spec: PluginSpec): Promise<void> {
  const built = await buildPluginPackage(pluginFolder(parent, spec));
  await client.publish(key, { id: spec.id, version: spec.version, archive: readFileSync(built.packed.file) });
}

/** Builds a theme folder made by themeFolder() and publishes it through the directory's API. */
export async function publishTheme(client: DirectoryClient, key: StoredKey, parent: string, spec: Parameters<typeof themeFolder>[1]): Promise<void> {
  const built = await buildThemePackage(themeFolder(parent, spec), path.join(parent, `${spec.name}-${spec.version}.tar.gz`));
  if (!built.ok) throw new Error(built.reason);
  await client.publish(key, { id: spec.name, version: spec.version, archive: readFileSync(built.packed.file) });
}

export interface RawEntry {
  readonly path: string;
  readonly type?: 'File' | 'SymbolicLink' | 'Directory';
  readonly content?: string | Buffer;
  readonly linkpath?: string;
}

/** A .tar.gz written entry by entry, exactly as given (no path cleaning), for hostile archives. */
export function rawTarGz(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const header = new tar.Header({ path: entry.path, mode: 0o644, size: entry.type && entry.type !== 'File' ? 0 : content.length, type: entry.type ?? 'File', mtime: new Date(0), linkpath: entry.linkpath ?? '' });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (content.length > 0 && (entry.type ?? 'File') === 'File') blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
