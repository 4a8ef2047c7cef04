// Issue 13, item 8: with GUILD_BACKUP_EVERY the host backs up every site on its own, skips a
// site whose last backup is recent (so a restart does not repeat a round), and the last backup
// of each site can be read for overviews.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastBackup, listBackups, resolveConfig } from '../../core/host/index.ts';
import { eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('backups on a schedule (GUILD_BACKUP_EVERY)', () => {
  let box: Sandbox;
  let backupDir: string;
  const recent = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    box = sandbox();
    backupDir = path.join(box.root, 'backups');
    box.site('bakery');
    box.site('corner');
    // corner was backed up a minute ago, by an earlier run of the host.
    mkdirSync(path.join(backupDir, 'corner'), { recursive: true });
    writeFileSync(path.join(backupDir, 'corner', `corner-${recent.toISOString().replace(/:/g, '-')}.tar.gz`), 'earlier');
    await box.host({ backupDir, backupEveryMs: 6 * 3_600_000, backupKeep: 3 });
  });
  afterAll(() => box.remove());

  it('backs up the sites that are due as soon as it starts, and leaves the one backed up recently', async () => {
    const taken = await eventually(async () => {
      const at = await lastBackup(backupDir, 'bakery');
      expect(at).toBeDefined();
      return at!;
    }, 15_000);
    expect(Date.now() - taken.getTime()).toBeLessThan(60_000);
    expect(await listBackups(backupDir, 'corner')).toEqual([{ file: expect.stringMatching(/corner-.*\.tar\.gz$/), at: recent }]);
  });

  it('reads GUILD_BACKUP_EVERY as an interval, and refuses one it cannot read', () => {
    expect(resolveConfig({}, { GUILD_BACKUP_EVERY: '6h' }).backupEveryMs).toBe(6 * 3_600_000);
    expect(resolveConfig({}, { GUILD_BACKUP_EVERY: '1d' }).backupEveryMs).toBe(86_400_000);
    expect(resolveConfig({}, {}).backupEveryMs).toBeUndefined();
    expect(resolveConfig({}, { GUILD_BACKUP_KEEP: '3' }).backupKeep).toBe(3);
    expect(() => resolveConfig({}, { GUILD_BACKUP_EVERY: 'hourly' })).toThrow(/GUILD_BACKUP_EVERY is "hourly", which is not an interval/);
    expect(() => resolveConfig({}, { GUILD_BACKUP_EVERY: '5s' })).toThrow(/at least a minute/);
  });
});
