// Issue 13, item 8: `guild backup` archives a site while the host serves it, keeps the newest
// GUILD_BACKUP_KEEP, and carries the site's members (password hashes, never passwords); `guild
// site restore` of that backup on another host gives back a site one logs into with the old
// password and finds the posts, the uploaded media and the plugins' data in.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastBackup, listBackups, type Host } from '../../core/host/index.ts';
import { logIn, member, PASSWORD, type Client } from '../support/admin.ts';
import { guildWith } from '../support/cli.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('guild backup and guild site restore', () => {
  let box: Sandbox;
  let host: Host;
  let owner: Client;
  let backupDir: string;
  let mediaUrl: string;
  const env = () => ({ GUILD_BACKUP_DIR: backupDir, GUILD_BACKUP_KEEP: '2' });

  beforeAll(async () => {
    box = sandbox();
    backupDir = path.join(box.root, 'backups');
    box.site('bakery', { title: 'Harbour Bakery', domains: ['harbour-bakery.example'], plugins: [{ id: 'guild.contact-form' }] });
    box.site('corner', { title: 'Corner Shop' });
    host = await box.host();
    await host.listen();
    await member(host, 'bakery', 'ada@freelance.test', 'owner');
    await member(host, 'bakery', 'marta@client.test', 'editor', 'sourdough since 2014');
    owner = await logIn(host, 'bakery.localhost', 'ada@freelance.test');
    expect((await owner.post('/admin/api/posts', { title: 'Rye on Fridays', html: '<p>Dark rye, every Friday.</p>', status: 'published' })).status).toBe(201);
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c84' } }).jpeg().toBuffer();
    const uploaded = await owner.agent.post('/admin/api/media').set('Host', owner.host).set('X-CSRF-Token', owner.csrf).attach('file', image, { filename: 'loaf.jpg', contentType: 'image/jpeg' });
    expect(uploaded.status).toBe(201);
    mediaUrl = new URL(uploaded.body.url, 'http://bakery.localhost').pathname;
    const form = await request(host.app).post('/p/guild.contact-form/submit').set('Host', 'bakery.localhost').type('form').send({ name: 'Linus', email: 'linus@example.com', message: 'Two loaves for Saturday.', return: '/', website: '' });
    expect(form.status).toBe(200);
  });
  afterAll(() => box.remove());

  it('backs up every site while the host serves them, and keeps only the newest GUILD_BACKUP_KEEP', async () => {
    expect(await lastBackup(backupDir, 'bakery')).toBeUndefined();
    const first = await guildWith(box, env(), 'backup');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Backed up bakery to .*bakery-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.tar\.gz \(/m);
    expect(first.stdout).toMatch(/^Backed up corner to /m);
    expect((await request(host.app).get('/').set('Host', 'bakery.localhost')).status).toBe(200);
    for (let round = 0; round < 2; round++) expect((await guildWith(box, env(), 'backup', 'bakery')).code).toBe(0);
    const kept = await listBackups(backupDir, 'bakery');
    expect(kept).toHaveLength(2);
    expect(await lastBackup(backupDir, 'bakery')).toEqual(kept[1]!.at);
    expect(Date.now() - kept[1]!.at.getTime()).toBeLessThan(60_000);
    expect(await listBackups(backupDir, 'corner')).toHaveLength(1);
    const listed = await guildWith(box, env(), 'backup', '--list');
    expect(listed.stdout.split('\n').filter((line) => line.startsWith('bakery'))).toHaveLength(2);
  }, 90_000);

  it('carries the members with their password hashes, never a password', async () => {
    const file = (await listBackups(backupDir, 'bakery')).at(-1)!.file;
    const out = path.join(box.root, 'unpacked');
    mkdirSync(out, { recursive: true });
    await extract({ file, cwd: out });
    const members = JSON.parse(readFileSync(path.join(out, 'accounts.json'), 'utf8')) as Array<Record<string, string>>;
    expect(members.map((entry) => [entry.email, entry.role])).toEqual([['ada@freelance.test', 'owner'], ['marta@client.test', 'editor']]);
    expect(members.every((entry) => entry.passwordHash!.startsWith('scrypt$'))).toBe(true);
    const text = readFileSync(path.join(out, 'accounts.json'), 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('sourdough since 2014');
  });

  it('restores a backup on another host: the old passwords log in, the posts, media and plugin data are there', async () => {
    const file = (await listBackups(backupDir, 'bakery')).at(-1)!.file;
    const other = sandbox();
    try {
      const restored = await guildWith(other, {}, 'site', 'restore', file);
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('2 people can log in with the passwords they had: ada@freelance.test (owner), marta@client.test (editor).');
      const again = await other.host();
      const ada = await logIn(again, 'harbour-bakery.example', 'ada@freelance.test');
      expect((await ada.get('/admin/api/session')).body.user).toMatchObject({ email: 'ada@freelance.test', role: 'owner' });
      await logIn(again, 'bakery.localhost', 'marta@client.test', 'sourdough since 2014');
      const home = await request(again.app).get('/').set('Host', 'harbour-bakery.example');
      expect(home.text).toContain('Rye on Fridays');
      const media = await request(again.app).get(mediaUrl).set('Host', 'harbour-bakery.example');
      expect(media.status).toBe(200);
      expect(media.headers['content-type']).toBe('image/jpeg');
      const csv = await ada.get('/admin/api/plugins/guild.contact-form/actions/messages.csv');
      expect(csv.text).toContain('Two loaves for Saturday.');
    } finally {
      await other.remove();
    }
  }, 60_000);
});
