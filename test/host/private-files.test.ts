// Secrets at rest (issue 11 item 4): databases (with their WAL and SHM files), private keys and
// the folders made for them are readable by the host's user only, even under a permissive umask.
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/content/index.ts';
import type { Host } from '../../core/host/index.ts';
import { Keyring } from '../../core/signing/index.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('private files', () => {
  let box: Sandbox;
  let host: Host;
  let umask: number;

  beforeAll(async () => {
    umask = process.umask(0o002); // a shared-group umask must not loosen them either
    box = sandbox();
    box.site('alpha', { builtBy: 'ada' });
    host = await box.host();
    // Opening the site makes its content database; a write makes the WAL and SHM files.
    expect((await request(host.app).get('/').set('Host', 'alpha.localhost')).status).toBe(200);
    await host.auth.grant({ site: 'alpha', email: 'ed@alpha.test', role: 'editor', password: 'a long enough password' });
  });
  afterAll(async () => {
    process.umask(umask);
    await box.remove();
  });

  it('makes host.db, every content.db and the directory database 0600 with their WAL and SHM, in 0700 folders', () => {
    const databases = [
      path.join(host.config.dataDir, 'host.db'),
      path.join(box.sitesDir, 'alpha', 'data', 'content.db'),
      path.join(host.config.directoryDataDir, 'directory.db'),
    ];
    for (const file of databases) {
      for (const part of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(part), part).toBe(true);
        expect(modeOf(part).toString(8), part).toBe('600');
      }
      expect(modeOf(path.dirname(file)).toString(8), path.dirname(file)).toBe('700');
    }
  });

  it("keeps the directory's signing key 0600", () => {
    expect(modeOf(path.join(host.config.directoryDataDir, 'directory-key.pem')).toString(8)).toBe('600');
  });

  it('keeps a developer’s signing keys 0600 in a 0700 folder', async () => {
    const keyring = new Keyring(path.join(box.root, 'home'));
    await keyring.create('ada');
    const files = readdirSync(keyring.dir);
    expect(files).toHaveLength(1);
    expect(modeOf(path.join(keyring.dir, files[0]!)).toString(8)).toBe('600');
    expect(modeOf(keyring.dir).toString(8)).toBe('700');
  });

  it('tightens a database that was made with a looser mode when it is opened', () => {
    const file = path.join(box.root, 'loose', 'old.db');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-shm`, '');
    chmodSync(`${file}-shm`, 0o664);
    const db = openDatabase(file);
    expect(modeOf(file).toString(8)).toBe('600');
    expect(modeOf(`${file}-shm`).toString(8)).toBe('600');
    db.close();
  });

  it('leaves an in-memory database in memory (no file named ":memory:")', () => {
    const cwd = process.cwd();
    process.chdir(box.root);
    try {
      openDatabase(':memory:').close();
      expect(existsSync(path.join(box.root, ':memory:'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});

