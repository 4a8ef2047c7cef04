/**
 * Logging in and out, the caller's own account, password resets and accepting invitations.
 * These routes work without a session (except logout and the account's own), so they sit in
 * front of the gate; a wrong email and a wrong password get the same answer in the same time.
 */
import express, { type Request, type Response } from 'express';
import { GuildError } from '../../errors.ts';
import { capabilitiesOf, passwordProblem, verifyPassword, type Account, type Auth, type Membership, type OneTimeToken } from '../../auth/index.ts';
import type { Site } from '../../site/index.ts';
import { locals, sessionOf, type ApiDeps } from './context.ts';
import { clearSessionCookie, loginAccount, loginGuard, mailLimiters, requireSession, setSessionCookie, type LoginLimits } from './gate.ts';
import { Input } from './input.ts';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Makes sure the content author an account writes as exists on the site. */
async function ensureAuthor(site: Site, account: Account, membership: Membership): Promise<void> {
  if (!(await site.store.getAuthor(membership.authorSlug))) await site.store.saveAuthor({ slug: membership.authorSlug, name: account.name });
}

export function sessionBody(res: Response, account: Account, membership: Membership, csrfToken: string) {
  const { site, baseUrl } = locals(res);
  const info = site.info(baseUrl);
  return {
    csrfToken,
    user: { id: account.id, email: account.email, name: account.name, role: membership.role, author: membership.authorSlug },
    site: { id: info.id, title: info.title, url: info.url, locale: info.locale, timezone: info.timezone, logo: info.logo, icon: info.icon },
    capabilities: capabilitiesOf(membership.role),
  };
}

/** Logs the account in on this site: a new session, its cookie on the response, and the body that describes it. */
export async function openSession(auth: Auth, res: Response, account: Account, membership: Membership) {
  await ensureAuthor(locals(res).site, account, membership);
  const opened = await auth.sessions.open(account.id, membership.site);
  setSessionCookie(res, opened);
  return sessionBody(res, account, membership, opened.csrfToken);
}

export function sessionRoutes(deps: ApiDeps, limits?: LoginLimits): express.Router {
  const { auth } = deps;
  const router = express.Router();
  const guard = loginGuard(limits);
  const open = (res: Response, account: Account, membership: Membership) => openSession(auth, res, account, membership);

  router.post('/session', ...guard.limiters, async (req, res) => {
    const input = new Input(req.body);
    const email = input.string('email', { required: true, max: 320 });
    const password = input.string('password', { required: true, max: 1024 });
    input.check();
    const found = await auth.checkLogin(locals(res).site.slug, email!, password!);
    if (!found) throw new GuildError('GUILD_ERR_LOGIN_FAILED');
    guard.remember(res, loginAccount(email!));
    res.json(await open(res, found.account, found.membership));
  });

  router.get('/session', (_req, res) => {
    const session = sessionOf(res);
    res.json(sessionBody(res, session.account, session.membership, session.csrfToken));
  });

  router.delete('/session', requireSession, async (_req, res) => {
    await auth.sessions.close(sessionOf(res).tokenHash);
    clearSessionCookie(res);
    res.status(204).end();
  });

  // Always 202: whether the address has an account here is not for a stranger to find out. Only
  // a mail server that refuses the message is told (502, GUILD_ERR_MAIL_FAILED), since the person
  // would otherwise wait for a mail that never comes.
  router.post('/password-reset', ...mailLimiters(), async (req, res) => {
    const input = new Input(req.body);
    const email = input.string('email', { required: true, max: 320, pattern: EMAIL, hint: 'must be an email address' });
    input.check();
    const { site } = locals(res);
    const account = await auth.accounts.findByEmail(email!);
    if (account && (await auth.accounts.membership(site.slug, account.id))) {
      const { token } = await auth.tokens.issue('password-reset', { site: site.slug, email: account.email });
      const link = `${deps.adminUrl(site.slug)}/admin/reset/${token}`;
      await auth.mail.send({
        to: account.email,
        from: site.manifest.mail?.from,
        subject: `Reset your password for ${site.manifest.title}`,
        text: `Someone (hopefully you) asked to reset the password of ${account.email} on ${site.manifest.title}.\n\nChoose a new password here within an hour:\n${link}\n\nIf it was not you, ignore this mail; your password stays as it is.`,
      });
    }
    res.status(202).json({ sent: true });
  });

  router.post('/password-reset/:token', async (req, res) => {
    const record = await validToken('password-reset', req, res);
    const input = new Input(req.body);
    const password = newPassword(input, 'password');
    input.check();
    const account = await auth.accounts.findByEmail(record.email);
    if (!account || !(await auth.tokens.use(record))) throw new GuildError('GUILD_ERR_TOKEN_INVALID', 'password reset');
    await auth.accounts.setPassword(account.id, password!);
    await auth.sessions.closeAll(account.id);
    const membership = await auth.accounts.membership(record.site, account.id);
    if (!membership) throw new GuildError('GUILD_ERR_TOKEN_INVALID', 'password reset');
    const { passwordHash: _, ...plain } = account;
    res.json(await open(res, plain, membership));
  });

  router.get('/invitations/:token', async (req, res) => {
    const record = await validToken('invitation', req, res);
    const { site } = locals(res);
    res.json({ email: record.email, role: record.role, site: site.manifest.title, accountExists: Boolean(await auth.accounts.findByEmail(record.email)) });
  });

  // A new person names themself and picks a password; someone with an account proves it with theirs.
  router.post('/invitations/:token/accept', ...guard.limiters, async (req, res) => {
    const record = await validToken('invitation', req, res);
    const input = new Input(req.body);
    const existing = await auth.accounts.findByEmail(record.email);
    let account: Account;
    if (existing) {
      const password = input.string('password', { required: true, max: 1024 });
      input.check();
      if (!(await verifyPassword(password!, existing.passwordHash))) throw new GuildError('GUILD_ERR_LOGIN_FAILED');
      const { passwordHash: _, ...plain } = existing;
      account = plain;
    } else {
      const name = input.string('name', { required: true, min: 1, max: 100 });
      const password = newPassword(input, 'password');
      input.check();
      account = await auth.accounts.create({ email: record.email, name: name!, password: password! });
    }
    if (!(await auth.tokens.use(record))) throw new GuildError('GUILD_ERR_TOKEN_INVALID', 'invitation');
    const { membership } = await auth.grant({ site: record.site, email: account.email, role: record.role ?? 'author' });
    res.status(201).json(await open(res, account, membership));
  });

  router.put('/me', requireSession, async (req, res) => {
    const session = sessionOf(res);
    const input = new Input(req.body);
    const name = input.string('name', { required: true, min: 1, max: 100 });
    input.check();
    await auth.accounts.setName(session.account.id, name!);
    res.json(sessionBody(res, (await auth.accounts.get(session.account.id))!, session.membership, session.csrfToken));
  });

  router.put('/me/password', requireSession, ...guard.limiters, async (req, res) => {
    const session = sessionOf(res);
    const input = new Input(req.body);
    const current = input.string('currentPassword', { required: true, max: 1024 });
    const password = newPassword(input, 'newPassword');
    input.check();
    const account = (await auth.accounts.findByEmail(session.account.email))!;
    if (!(await verifyPassword(current!, account.passwordHash))) throw new GuildError('GUILD_ERR_LOGIN_FAILED');
    await auth.accounts.setPassword(account.id, password!);
    // Other devices stay logged in with the old password no longer: end every session but this one.
    await auth.sessions.closeAll(account.id);
    res.json(await open(res, session.account, session.membership));
  });

  async function validToken(kind: 'invitation' | 'password-reset', req: Request, res: Response): Promise<OneTimeToken> {
    const record = await auth.tokens.peek(kind, String(req.params.token), locals(res).site.slug);
    if (!record) throw new GuildError('GUILD_ERR_TOKEN_INVALID', kind === 'invitation' ? 'invitation' : 'password reset');
    return record;
  }

  return router;
}

function newPassword(input: Input, field: string): string | undefined {
  const value = input.string(field, { required: true });
  const problem = value === undefined ? undefined : passwordProblem(value);
  if (problem) input.problem(field, problem.replace(/^a password /, ''));
  return problem ? undefined : value;
}
