/**
 * Who may log in to this site (owners only): members with their roles, pending invitations, and
 * sending one. An invitation is a one-time link by mail; the invitee names themself and picks a
 * password, or logs in with the account they already have.
 */
import express from 'express';
import { GuildError } from '../../errors.ts';
import { ROLES, TOKEN_TTL_MS } from '../../auth/index.ts';
import { locals, requireCapability, type ApiDeps } from './context.ts';
import { idParam, Input } from './input.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function userRoutes(deps: ApiDeps): express.Router {
  const { auth } = deps;
  const router = express.Router();

  router.get('/users', async (_req, res) => {
    requireCapability(res, 'users:manage');
    const slug = locals(res).site.slug;
    const [members, invitations] = await Promise.all([auth.accounts.members(slug), auth.tokens.pending(slug, 'invitation')]);
    res.json({
      members: members.map((member) => ({
        id: member.accountId,
        email: member.email,
        name: member.name,
        role: member.role,
        author: member.authorSlug,
        since: member.createdAt,
        lastSeenAt: member.lastSeenAt,
      })),
      invitations: invitations.map((invitation) => ({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        createdAt: invitation.createdAt,
        expiresAt: invitation.expiresAt,
      })),
    });
  });

  router.post('/invitations', async (req, res) => {
    const session = requireCapability(res, 'users:manage');
    const input = new Input(req.body);
    const email = input.string('email', { required: true, max: 320, pattern: EMAIL, hint: 'must be an email address' });
    const role = input.oneOf('role', ROLES, { required: true });
    input.check();
    const { site } = locals(res);
    const existing = await auth.accounts.findByEmail(email!);
    if (existing && (await auth.accounts.membership(site.slug, existing.id))) throw new GuildError('GUILD_ERR_INVALID_INPUT', `${email} can log in to this site already; change their role instead`);
    const { token, record } = await auth.tokens.issue('invitation', { site: site.slug, email: email!, role: role!, invitedBy: session.account.id });
    const link = `${deps.adminUrl(site.slug)}/admin/invite/${token}`;
    const days = Math.round(TOKEN_TTL_MS.invitation / 86_400_000);
    try {
      await auth.mail.send({
        to: record.email,
        from: site.manifest.mail?.from,
        subject: `${session.account.name} invites you to ${site.manifest.title}`,
        text: `${session.account.name} has invited you to work on ${site.manifest.title} as an ${role}.\n\nAccept within ${days} days here:\n${link}\n`,
      });
    } catch (error) {
      // An invitation nobody received is not left pending: the owner sees why and can send it again.
      await auth.tokens.cancel(site.slug, 'invitation', record.id);
      throw error;
    }
    res.status(201).json({ id: record.id, email: record.email, role: record.role, createdAt: record.createdAt, expiresAt: record.expiresAt });
  });

  router.delete('/invitations/:id', async (req, res) => {
    requireCapability(res, 'users:manage');
    if (!(await auth.tokens.cancel(locals(res).site.slug, 'invitation', idParam(req.params.id, 'This invitation')))) throw new GuildError('GUILD_ERR_NOT_FOUND', 'This invitation');
    res.status(204).end();
  });

  router.put('/users/:id', async (req, res) => {
    requireCapability(res, 'users:manage');
    const input = new Input(req.body);
    const role = input.oneOf('role', ROLES, { required: true });
    input.check();
    const membership = await auth.accounts.setRole(locals(res).site.slug, idParam(req.params.id, 'This member'), role!);
    res.json({ id: membership.accountId, role: membership.role });
  });

  router.delete('/users/:id', async (req, res) => {
    requireCapability(res, 'users:manage');
    await auth.accounts.removeMember(locals(res).site.slug, idParam(req.params.id, 'This member'));
    res.status(204).end();
  });

  return router;
}
