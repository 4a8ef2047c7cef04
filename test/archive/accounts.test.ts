// Issue 13, item 8: an archive carries the site's members (password hashes, never passwords) in
// accounts.json under its checksums; restoring returns them for the host database, and an
// accounts.json that is not what an export writes is refused with nothing changed.
import { createReadStream, createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { create, extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, CHECKSUMS, exportSite, restoreSite, type ArchivedMember } from '../../core/archive/index.ts';
import { formatChecksums, sha256File } from '../../core/archive/format.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const members: ArchivedMember[] = [
  { email: 'ada@freelance.test', name: 'Ada', passwordHash: 'scrypt$32768$8$1$c2FsdA$a2V5', role: 'owner', authorSlug: 'ada' },
  { email: 'marta@client.test', name: 'Marta', passwordHash: 'scrypt$32768$8$1$c2FsdB$a2V6', role: 'editor', authorSlug: 'marta' },
];

describe('accounts in a site archive', () => {
  let box: Sandbox;
  let archive: string;
  const restore = (file: string, as: string) => restoreSite(createReadStream(file), { sitesDir: box.sitesDir, name: path.basename(file), as, domainOwner: () => undefined });

  /** The archive unpacked, accounts.json replaced, its checksum made to match again: only the content is wrong. */
  async function withAccounts(content: unknown): Promise<string> {
    const work = path.join(box.root, `work-${Math.random().toString(36).slice(2)}`);
    mkdirSync(work);
    await extract({ file: archive, cwd: work });
    writeFileSync(path.join(work, ACCOUNTS), JSON.stringify(content));
    const sums = new Map(readFileSync(path.join(work, CHECKSUMS), 'utf8').trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)] as const));
    sums.set(ACCOUNTS, await sha256File(path.join(work, ACCOUNTS)));
    writeFileSync(path.join(work, CHECKSUMS), formatChecksums(sums));
    const file = `${work}.tar.gz`;
    await create({ gzip: true, cwd: work, file }, readdirSync(work));
    return file;
  }

  beforeAll(async () => {
    box = sandbox();
    const dir = path.dirname(box.site('alpha', { title: 'Alpha' }));
    archive = path.join(box.root, 'alpha.tar.gz');
    const out = createWriteStream(archive);
    await exportSite({ slug: 'alpha', dir, manifest: JSON.parse(readFileSync(path.join(dir, 'site.json'), 'utf8')), members }, out);
    await finished(out);
  });
  afterAll(() => box.remove());

  it('gives the members back on restore', async () => {
    const restored = await restore(archive, 'alpha-copy');
    expect(restored.members).toEqual(members);
    expect(restored.descriptor.version).toBe(2);
  });

  it('refuses an accounts.json with a plain password or a role that does not exist, changing nothing', async () => {
    const before = readdirSync(box.sitesDir).sort();
    const plain = await withAccounts([{ email: 'ada@freelance.test', name: 'Ada', password: 'hunter22', role: 'owner', authorSlug: 'ada' }]);
    await expect(restore(plain, 'alpha-plain')).rejects.toMatchObject({ code: 'GUILD_ERR_ARCHIVE_INVALID', message: expect.stringContaining('accounts.json entry 0 (ada@freelance.test) has no password hash') });
    const admin = await withAccounts([{ ...members[0], role: 'admin' }]);
    await expect(restore(admin, 'alpha-admin')).rejects.toMatchObject({ message: expect.stringContaining('has no role (owner, editor or author)') });
    expect(readdirSync(box.sitesDir).sort()).toEqual(before);
  });
});
