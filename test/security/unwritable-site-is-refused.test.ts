// Issue 12, item 7: a site whose database files cannot be opened read-write is refused (503, with
// the reason in `guild site list`) instead of being opened, where SQLite would take the whole
// host down with SIGBUS on its next write; the other sites keep serving. A page cached before the
// files broke is still answered: the page cache needs no database, so the site is not opened for it.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { contentDatabaseFile } from '../../core/site/index.ts';
import { guild } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('a site whose files cannot be written', () => {
  let box: Sandbox;
  let database: string;

  beforeEach(async () => {
    box = sandbox();
    box.site('broken');
    box.site('healthy');
    // Serve once so the database exists, then close: a clean close removes -wal and -shm.
    const first = await box.host();
    expect((await request(first.app).get('/').set('Host', 'broken.localhost')).status).toBe(200);
    await first.close();
    database = contentDatabaseFile(path.join(box.sitesDir, 'broken'));
  });
  afterEach(() => box.remove());

  const serve = async (): Promise<Host> => box.host();

  it('is refused with 503 and the reason when its -shm cannot be opened read-write, and the host keeps serving the rest', async () => {
    // What root cannot write either: a -shm that is a folder (permissions do not stop root).
    mkdirSync(`${database}-shm`);
    const host = await serve();
    expect((await request(host.app).get('/').set('Host', 'broken.localhost')).status).toBe(200); // cached
    const refused = await request(host.app).get('/about/').set('Host', 'broken.localhost');
    expect(refused.status).toBe(503);
    expect((await request(host.app).get('/').set('Host', 'healthy.localhost')).status).toBe(200);
    const status = await host.registry.status(host.registry.get('broken')!);
    expect(status.state).toBe('refused');
    expect(status.reason).toMatch(/content\.db-shm is a folder, not a file/);
    const listed = await guild(box, 'site', 'list');
    expect(listed.stdout).toMatch(/broken[\s\S]*content\.db-shm is a folder/);
  });

  it('is refused when its -wal is not a regular file', async () => {
    mkdirSync(`${database}-wal`);
    const host = await serve();
    expect((await request(host.app).get('/about/').set('Host', 'broken.localhost')).status).toBe(503);
    expect((await host.registry.status(host.registry.get('broken')!)).reason).toMatch(/content\.db-wal is a folder/);
  });

  it('serves again once the file is put right', async () => {
    mkdirSync(`${database}-shm`);
    const host = await serve();
    expect((await request(host.app).get('/about/').set('Host', 'broken.localhost')).status).toBe(503);
    rmSync(`${database}-shm`, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the registry tries a refused site again after 2 s
    expect((await request(host.app).get('/about/').set('Host', 'broken.localhost')).status).toBe(200);
  });

  // Permissions stop only an unprivileged user; CI runs as one, this machine's tests as root.
  it.skipIf(process.getuid?.() === 0)('is refused when its database file is read-only to the host', async () => {
    chmodSync(database, 0o444);
    const host = await serve();
    expect((await request(host.app).get('/about/').set('Host', 'broken.localhost')).status).toBe(503);
    expect((await host.registry.status(host.registry.get('broken')!)).reason).toMatch(/content\.db cannot be written by this process/);
  });
});
