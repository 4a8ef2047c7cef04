/** People who can log in to this site (owners only): roles, invitations, removal. */
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, put, type Role } from '../api.ts';
import { session, toast } from '../state.ts';
import { Button, Dialog, ErrorNotice, Field, formatDate, FormError, Icon, Loading, PageHeader, relativeTime, useAction } from '../ui.tsx';

interface Member {
  id: number;
  email: string;
  name: string;
  role: Role;
  lastSeenAt: string | null;
}

interface Invitation {
  id: number;
  email: string;
  role: Role;
  expiresAt: string;
}

const ROLE_HELP: Record<Role, string> = {
  owner: 'Everything, including people, theme and plugins',
  editor: 'All posts and pages, media, navigation and settings',
  author: 'Their own posts only',
};

export function UsersScreen() {
  const [data, setData] = useState<{ members: Member[]; invitations: Invitation[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const load = () => get<{ members: Member[]; invitations: Invitation[] }>('/users').then(setData, setError);
  useEffect(() => void load(), []);
  if (error) return <ErrorNotice error={error} retry={load} />;
  if (!data) return <Loading />;
  const me = session.get()?.user.id;

  const changeRole = async (member: Member, role: Role) => {
    try {
      await put(`/users/${member.id}`, { role });
      toast(`${member.name} is now ${role === 'owner' ? 'an owner' : `an ${role}`}.`);
    } catch (caught) {
      toast((caught as Error).message, 'error');
    }
    void load();
  };

  return (
    <section class="narrow">
      <PageHeader title="People">
        <Button variant="primary" onClick={() => setInviting(true)}>
          <Icon name="plus" /> Invite someone
        </Button>
      </PageHeader>
      <ul class="people">
        {data.members.map((member) => (
          <li key={member.id} class="person">
            <span class="avatar" aria-hidden="true">{member.name.charAt(0)}</span>
            <span class="person-name">
              <strong>{member.name}{member.id === me ? ' (you)' : ''}</strong>
              <small>{member.email} · last seen {relativeTime(member.lastSeenAt)}</small>
            </span>
            <label>
              <span class="visually-hidden">Role of {member.name}</span>
              <select value={member.role} onChange={(e) => changeRole(member, e.currentTarget.value as Role)}>
                <option value="owner">Owner</option>
                <option value="editor">Editor</option>
                <option value="author">Author</option>
              </select>
            </label>
            <button type="button" class="icon-button" aria-label={`Remove ${member.name}`} onClick={() => setRemoving(member)}>
              <Icon name="trash" />
            </button>
          </li>
        ))}
      </ul>
      {data.invitations.length ? (
        <>
          <h2 class="section-title">Invited</h2>
          <ul class="people">
            {data.invitations.map((invitation) => (
              <li key={invitation.id} class="person">
                <span class="avatar avatar-pending" aria-hidden="true">?</span>
                <span class="person-name">
                  <strong>{invitation.email}</strong>
                  <small>{invitation.role} · link valid until {formatDate(invitation.expiresAt)}</small>
                </span>
                <Button variant="ghost" onClick={async () => {
                  await del(`/invitations/${invitation.id}`).catch((caught: Error) => toast(caught.message, 'error'));
                  void load();
                }}>Cancel</Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {inviting ? <InviteDialog onClose={() => setInviting(false)} onSent={() => (setInviting(false), void load())} /> : null}
      {removing ? (
        <Dialog
          title={`Remove ${removing.name}?`}
          onClose={() => setRemoving(null)}
          footer={
            <>
              <Button onClick={() => setRemoving(null)}>Keep</Button>
              <Button variant="danger" onClick={async () => {
                try {
                  await del(`/users/${removing.id}`);
                  toast(`${removing.name} can no longer log in here.`);
                } catch (caught) {
                  toast((caught as Error).message, 'error');
                }
                setRemoving(null);
                void load();
              }}>Remove</Button>
            </>
          }
        >
          <p>{removing.email} is logged out of this site and cannot log in again unless invited. Their posts stay.</p>
        </Dialog>
      ) : null}
    </section>
  );
}

function InviteDialog(props: { onClose: () => void; onSent: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const { busy, error, run } = useAction();
  const send = async (event: Event) => {
    event.preventDefault();
    if (await run(() => post('/invitations', { email, role }).then(() => true), { success: `Invitation sent to ${email}.` })) props.onSent();
  };
  return (
    <Dialog title="Invite someone" onClose={props.onClose}>
      <form onSubmit={send}>
        <FormError error={error} />
        <Field label="Email" error={error?.field('email')}>
          {(id, described) => <input id={id} type="email" required value={email} aria-describedby={described} onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />}
        </Field>
        <fieldset class="choices">
          <legend>Role</legend>
          {(['editor', 'author', 'owner'] as Role[]).map((option) => (
            <label key={option}>
              <input type="radio" name="role" checked={role === option} onChange={() => setRole(option)} />
              <span>
                <strong>{option.charAt(0).toUpperCase() + option.slice(1)}</strong>
                <small>{ROLE_HELP[option]}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div class="row">
          <Button type="submit" variant="primary" busy={busy}>Send invitation</Button>
        </div>
      </form>
    </Dialog>
  );
}
