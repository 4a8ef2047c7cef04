// The commands as a freelancer types them: import, repeat, a broken file, export and restore.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openContentStore } from '../../core/content/index.ts';
import { siteContentLocation } from '../../core/site/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';
import { describeEachHost } from '../support/stores.ts';

const run = promisify(execFile);
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'wxr');

describeEachHost('guild import wxr, guild site export and guild site restore', (engine) => {
  let box: Sandbox;
  let databaseUrl: string | undefined;
  let drop: () => Promise<void>;
  const guild = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), ...args], { env: { ...process.env, PORT: '3000', GUILD_SITES: box.sitesDir, GUILD_CACHE: path.join(box.root, 'cache'), GUILD_DATABASE_URL: databaseUrl ?? '' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    const prepared = await engine.prepare();
    ({ databaseUrl } = prepared.options);
    drop = prepared.drop;
    box = sandbox();
    box.site('bakery', { title: 'Corner Bakery', domains: ['bakery.test'] });
  });
  afterAll(async () => {
    await box.remove();
    await drop();
  });

  it('imports an export and reports counts per kind and what it left out', async () => {
    const result = await guild('import', 'wxr', 'bakery', path.join(FIXTURES, 'edge-cases.xml'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported from wordpress:bakery.example:');
    expect(result.stdout).toMatch(/posts\s+6 new, 0 updated, 0 unchanged/);
    expect(result.stdout).toContain('Left out:');
    expect(result.stdout).toContain('[contact-form-7] × 1');
  });

  it('says nothing changed when run again', async () => {
    const result = await guild('import', 'wxr', 'bakery', path.join(FIXTURES, 'edge-cases.xml'));
    expect(result.stdout).toContain('Nothing changed: this export was imported before.');
  });

  it('refuses a malformed file with its line, exit code 1', async () => {
    const result = await guild('import', 'wxr', 'bakery', path.join(FIXTURES, 'malformed.xml'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/malformed\.xml line 257: not well-formed XML .* Nothing was imported/);
  });

  const archive = () => path.join(box.root, 'bakery.tar.gz');

  it('exports the site as an archive', async () => {
    expect((await guild('site', 'export', 'bakery', '--out', archive())).stdout).toContain('site archive of bakery');
  });

  it('exports the content as a WordPress file', async () => {
    const wxr = path.join(box.root, 'bakery.xml');
    expect((await guild('site', 'export', 'bakery', '--format', 'wxr', '--out', wxr)).code).toBe(0);
    expect(existsSync(wxr)).toBe(true);
  });

  it('restores the archive as a copy with its own domain', async () => {
    const restored = await guild('site', 'restore', archive(), '--as', 'bakery-copy', '--domain', 'copy.test');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('http://copy.test:3000/');
    // On PostgreSQL all of the site is in its schema, and it has no SQLite file.
    expect(existsSync(path.join(box.sitesDir, 'bakery-copy', 'data', 'content.db'))).toBe(!databaseUrl);
    // The imported content came along, into the engine this host keeps content in.
    const published = async (slug: string) => {
      const store = await openContentStore(siteContentLocation(path.join(box.sitesDir, slug), slug, databaseUrl));
      try {
        return (await store.listPosts({ status: 'any', limit: 100 })).items.map((post) => post.slug).sort();
      } finally {
        await store.close();
      }
    };
    const original = await published('bakery');
    expect(original.length).toBeGreaterThan(3);
    expect(await published('bakery-copy')).toEqual(original);
  });

  it('refuses to restore over a site that exists', async () => {
    const again = await guild('site', 'restore', archive(), '--as', 'bakery-copy');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A site called "bakery-copy" already exists');
  });
});
