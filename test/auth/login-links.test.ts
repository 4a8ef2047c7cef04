// One-time login links for owners who have no password (issue 11 item 4), at the accounts level.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth } from '../../core/auth/index.ts';
import { authMigrations } from '../../core/auth/migrations.ts';
import { migrate, openDatabase, type SqliteDatabase } from '../../core/content/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import { silentLogger } from '../../core/log/index.ts';

let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'guild-auth-'));
  db = openDatabase(path.join(dir, 'host.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const newAuth = () => new Auth(db, logMailTransport(silentLogger()));

describe('login links', () => {
  it('makes an owner without a password, whom no password opens, and gives a link only while that lasts', async () => {
    const auth = newAuth();
    await auth.ensureOwner('alpha', 'ada@guild.localhost');
    for (const guess of ['', 'password', 'ada@guild.localhost']) expect(await auth.checkLogin('alpha', 'ada@guild.localhost', guess)).toBeUndefined();
    const first = auth.loginLink('alpha')!;
    expect(first.email).toBe('ada@guild.localhost');
    const second = auth.loginLink('alpha')!;
    expect(auth.tokens.peek('login', first.token, 'alpha')).toBeUndefined(); // replaced
    expect(auth.tokens.peek('login', second.token, 'alpha')).toMatchObject({ email: 'ada@guild.localhost', site: 'alpha' });
    expect(auth.tokens.peek('login', second.token, 'beta')).toBeUndefined(); // for its own site only

    await auth.accounts.setPassword(auth.accounts.findByEmail('ada@guild.localhost')!.id, 'her own password');
    expect(auth.loginLink('alpha')).toBeUndefined();
    expect(await auth.checkLogin('alpha', 'ada@guild.localhost', 'her own password')).toBeDefined();
  });

  it('upgrades a host database made before login links, keeping its invitations and resets', () => {
    migrate(db, 'auth', authMigrations.slice(0, 1));
    db.prepare(`INSERT INTO one_time_tokens (token_hash, kind, site, email, role, created_at, expires_at)
      VALUES ('hash', 'invitation', 'alpha', 'new@alpha.test', 'editor', ?, ?)`).run(new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    const auth = newAuth();
    expect(auth.tokens.pending('alpha', 'invitation')).toEqual([expect.objectContaining({ email: 'new@alpha.test', role: 'editor' })]);
    expect(auth.tokens.issue('login', { site: 'alpha', email: 'ada@guild.localhost' }).token).toMatch(/^[\w-]{43}$/);
  });
});
