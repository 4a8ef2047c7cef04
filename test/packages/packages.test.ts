/** Package archives: written reproducibly with a manifest of hashes, and refused when unsafe or damaged. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractPackage, packDirectory, readPackage } from '../../core/packages/index.ts';
import { isGuildError } from '../../core/errors.ts';

let dir: string;
const write = (relative: string, content: string) => {
  mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  writeFileSync(path.join(dir, relative), content);
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'guild-pack-test-'));
  write('src/package.json', '{"name":"demo","version":"1.0.0"}');
  write('src/index.hbs', '{{title}}');
  write('src/assets/css/screen.css', 'body{}');
  write('src/.DS_Store', 'junk');
  write('src/node_modules/x/index.js', 'junk');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pack = (out = path.join(dir, 'demo.tar.gz')) => packDirectory({ dir: path.join(dir, 'src'), kind: 'theme', id: 'demo', version: '1.0.0', out });

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  expect(isGuildError(error, 'GUILD_ERR_PACKAGE')).toBe(true);
  return (error as Error).message;
};

/** Writes an archive by hand, for the shapes packDirectory would never write. */
const handMade = async (entries: Record<string, string>, options: { links?: Record<string, string> } = {}) => {
  const staging = path.join(dir, 'staging');
  mkdirSync(staging, { recursive: true });
  for (const [name, content] of Object.entries(entries)) {
    mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
    writeFileSync(path.join(staging, name), content);
  }
  for (const [name, target] of Object.entries(options.links ?? {})) symlinkSync(target, path.join(staging, name));
  const file = path.join(dir, 'hand.tar.gz');
  await tar.create({ gzip: true, file, cwd: staging, preservePaths: true }, [...Object.keys(entries), ...Object.keys(options.links ?? {})]);
  return file;
};

describe('packDirectory', () => {
  it('writes every file under package/ with a manifest of sizes and sha256 hashes, leaving out junk', async () => {
    const packed = await pack();
    expect(packed.manifest.files.map((file) => file.path)).toEqual(['assets/css/screen.css', 'index.hbs', 'package.json']);
    expect(packed.manifest.files[1]).toEqual({ path: 'index.hbs', size: 9, integrity: expect.stringMatching(/^sha256-[A-Za-z0-9+/]{43}=$/) });
    const { manifest, files } = await readPackage(packed.file);
    expect(manifest).toEqual(packed.manifest);
    expect(files.get('index.hbs')!.toString()).toBe('{{title}}');
  });

  it('is reproducible: the same files give the same archive', async () => {
    const first = readFileSync((await pack(path.join(dir, 'a.tar.gz'))).file);
    const second = readFileSync((await pack(path.join(dir, 'b.tar.gz'))).file);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses a folder holding a link', async () => {
    symlinkSync('/etc/passwd', path.join(dir, 'src', 'secret'));
    expect(await refusal(pack())).toContain('secret is a link');
  });
});

describe('readPackage and extractPackage', () => {
  it('extract a verified package', async () => {
    const packed = await pack();
    await extractPackage(packed.file, path.join(dir, 'out'));
    expect(readFileSync(path.join(dir, 'out', 'assets', 'css', 'screen.css'), 'utf8')).toBe('body{}');
  });

  it('refuse an archive whose file does not match its hash, and write nothing', async () => {
    const packed = await pack();
    const manifest = JSON.stringify(packed.manifest);
    const file = await handMade({ 'package/guild-package.json': manifest, 'package/index.hbs': '{{evil}}', 'package/package.json': '{"name":"demo","version":"1.0.0"}', 'package/assets/css/screen.css': 'body{}' });
    expect(await refusal(extractPackage(file, path.join(dir, 'out')))).toContain('index.hbs: does not match its hash');
    expect(() => readFileSync(path.join(dir, 'out', 'package.json'))).toThrow();
  });

  it('refuse "..", absolute paths, links, unlisted files and a missing manifest', async () => {
    expect(await refusal(readPackage(await handMade({ 'package/../escape.txt': 'x' })))).toContain('may not be an absolute path or climb with ".."');
    rmSync(path.join(dir, 'staging'), { recursive: true });
    expect(await refusal(readPackage(await handMade({ 'package/a.txt': 'x' }, { links: { 'package/link': '/etc/passwd' } })))).toContain('is a SymbolicLink');
    rmSync(path.join(dir, 'staging'), { recursive: true });
    expect(await refusal(readPackage(await handMade({ 'package/a.txt': 'x' })))).toContain('has no package/guild-package.json');
    rmSync(path.join(dir, 'staging'), { recursive: true });
    const manifest = JSON.stringify({ guild: 1, kind: 'theme', id: 'x', version: '1.0.0', files: [] });
    expect(await refusal(readPackage(await handMade({ 'package/guild-package.json': manifest, 'package/extra.txt': 'x' })))).toContain('extra.txt: is not listed in the manifest');
    writeFileSync(path.join(dir, 'not.tar.gz'), 'plain text');
    expect(await refusal(readPackage(path.join(dir, 'not.tar.gz')))).toContain('not a readable .tar.gz');
  });
});
