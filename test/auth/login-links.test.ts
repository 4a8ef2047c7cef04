// One-time login links for owners who have no password (issue 11 item 4), at the accounts level,
// on host.db and on PostgreSQL's guild_host (issue 17).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth, openHostDatabase, type HostDatabase } from '../../core/auth/index.ts';
import { authMigrations } from '../../core/auth/migrations.ts';
import { migrate, openDatabase } from '../../core/content/index.ts';
import { logMailTransport } from '../../core/mail/index.ts';
import { silentLogger } from '../../core/log/index.ts';
import { hostStore, type HostStore } from '../support/host-stores.ts';
import { describeEachStore } from '../support/stores.ts';

const mail = logMailTransport(silentLogger());

describeEachStore('login links', (engine) => {
  let store: HostStore;
  let auth: Auth;

  beforeEach(async () => {
    store = await hostStore(engine);
    auth = await Auth.open(store.open(), mail);
  });
  afterEach(() => store.remove());

  it('makes an owner without a password, whom no password opens, and gives a link only while that lasts', async () => {
    await auth.ensureOwner('alpha', 'ada@guild.localhost');
    for (const guess of ['', 'password', 'ada@guild.localhost']) expect(await auth.checkLogin('alpha', 'ada@guild.localhost', guess)).toBeUndefined();
    const first = (await auth.loginLink('alpha'))!;
    expect(first.email).toBe('ada@guild.localhost');
    const second = (await auth.loginLink('alpha'))!;
    expect(await auth.tokens.peek('login', first.token, 'alpha')).toBeUndefined(); // replaced
    expect(await auth.tokens.peek('login', second.token, 'alpha')).toMatchObject({ email: 'ada@guild.localhost', site: 'alpha' });
    expect(await auth.tokens.peek('login', second.token, 'beta')).toBeUndefined(); // for its own site only

    await auth.accounts.setPassword((await auth.accounts.findByEmail('ada@guild.localhost'))!.id, 'her own password');
    expect(await auth.loginLink('alpha')).toBeUndefined();
    expect(await auth.checkLogin('alpha', 'Ada@Guild.localhost', 'her own password')).toBeDefined();
  });

  it('keeps a site with one owner at least, even when two demotions race', async () => {
    await auth.grant({ site: 'alpha', email: 'ada@alpha.test', role: 'owner', password: 'a long enough password' });
    await auth.grant({ site: 'alpha', email: 'bob@alpha.test', role: 'owner', password: 'a long enough password' });
    const [ada, bob] = await Promise.all(['ada@alpha.test', 'bob@alpha.test'].map(async (email) => (await auth.accounts.findByEmail(email))!));
    const outcomes = await Promise.allSettled([auth.accounts.setRole('alpha', ada!.id, 'editor'), auth.accounts.setRole('alpha', bob!.id, 'editor')]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await auth.accounts.members('alpha')).filter((member) => member.role === 'owner')).toHaveLength(1);
    await expect(auth.accounts.removeMember('alpha', (await auth.accounts.members('alpha')).find((member) => member.role === 'owner')!.accountId)).rejects.toMatchObject({ code: 'GUILD_ERR_LAST_OWNER' });
  });

  it('sees what another process writes at once: an account made there logs in here', async () => {
    const other = await Auth.open(store.open(), mail);
    await other.grant({ site: 'alpha', email: 'cli@alpha.test', role: 'editor', password: 'made by the cli' });
    expect(await auth.checkLogin('alpha', 'cli@alpha.test', 'made by the cli')).toMatchObject({ membership: { role: 'editor' } });
  });
});

describe('login links on a host.db made before them', () => {
  let dir: string;
  let db: HostDatabase;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'guild-auth-'));
  });
  afterEach(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades it, keeping its invitations and resets', async () => {
    const old = openDatabase(path.join(dir, 'host.db'));
    migrate(old, 'auth', authMigrations.slice(0, 1));
    old.prepare(`INSERT INTO one_time_tokens (token_hash, kind, site, email, role, created_at, expires_at)
      VALUES ('hash', 'invitation', 'alpha', 'new@alpha.test', 'editor', ?, ?)`).run(new Date().toISOString(), new Date(Date.now() + 60_000).toISOString());
    old.close();
    db = openHostDatabase({ file: path.join(dir, 'host.db') });
    const auth = await Auth.open(db, mail);
    expect(await auth.tokens.pending('alpha', 'invitation')).toEqual([expect.objectContaining({ email: 'new@alpha.test', role: 'editor' })]);
    expect((await auth.tokens.issue('login', { site: 'alpha', email: 'ada@guild.localhost' })).token).toMatch(/^[\w-]{43}$/);
  });
});
