/** The logged-in person's own account: name, password, logging out. */
import { useState } from 'preact/hooks';
import { del, put, type Session } from '../api.ts';
import { signedIn } from '../app.tsx';
import { session, toast } from '../state.ts';
import { Button, Field, PageHeader, useAction } from '../ui.tsx';

export function ProfileScreen() {
  const current = session.get()!;
  const [name, setName] = useState(current.user.name);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const action = useAction();
  const { busy, error } = action;
  const run = (work: () => Promise<void>) => action.run(work, { toastErrors: true });

  return (
    <section class="narrow">
      <PageHeader title="Your account">
        <Button onClick={() => run(async () => {
          await del('/session');
          session.set(null);
        })}>Log out</Button>
      </PageHeader>
      <form class="card" onSubmit={(event) => (event.preventDefault(), run(async () => {
        signedIn(await put<Session>('/me', { name }));
        toast('Name saved.');
      }))}>
        <p class="lead">{current.user.email} · {current.user.role} of {current.site.title}</p>
        <Field label="Name" hint="Shown on the posts you write." error={error?.field('name')}>
          {(id, described) => <input id={id} autocomplete="name" value={name} aria-describedby={described} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={busy}>Save name</Button>
      </form>
      <form class="card" onSubmit={(event) => (event.preventDefault(), run(async () => {
        signedIn(await put<Session>('/me/password', { currentPassword, newPassword }));
        setCurrentPassword('');
        setNewPassword('');
        toast('Password changed. Other devices have been logged out.');
      }))}>
        <h2>Change password</h2>
        <Field label="Current password" error={error?.field('currentPassword')}>
          {(id, described) => <input id={id} type="password" autocomplete="current-password" value={currentPassword} aria-describedby={described} onInput={(e) => setCurrentPassword(e.currentTarget.value)} />}
        </Field>
        <Field label="New password" hint="At least 10 characters." error={error?.field('newPassword')}>
          {(id, described) => <input id={id} type="password" autocomplete="new-password" value={newPassword} aria-describedby={described} onInput={(e) => setNewPassword(e.currentTarget.value)} />}
        </Field>
        <Button type="submit" busy={busy}>Change password</Button>
      </form>
    </section>
  );
}
