/** Logging in, asking for a password reset, setting a new password, and accepting an invitation. */
import { useEffect, useState } from 'preact/hooks';
import { get, post, type Session } from '../api.ts';
import { signedIn } from '../app.tsx';
import { navigate } from '../router.ts';
import { Button, ErrorNotice, Field, FormError, Loading, useAction } from '../ui.tsx';

function Card(props: { title: string; intro?: string; children: preact.ComponentChildren }) {
  return (
    <main class="auth-card">
      <div class="auth-mark" aria-hidden="true">G</div>
      <h1>{props.title}</h1>
      {props.intro ? <p class="auth-intro">{props.intro}</p> : null}
      {props.children}
    </main>
  );
}

export function LoginScreen() {
  const [mode, setMode] = useState<'login' | 'forgot' | 'sent'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      if (mode === 'login') {
        signedIn(await post<Session>('/session', { email, password }));
        if (!/^\/admin\/(posts|pages|media|navigation|settings|users|profile)/.test(location.pathname)) navigate('/posts', { replace: true });
      } else {
        await post('/password-reset', { email });
        setMode('sent');
      }
    });
  };

  if (mode === 'sent') {
    return (
      <Card title="Check your mail" intro={`If ${email} can log in here, a link to choose a new password is on its way. It works for an hour.`}>
        <Button variant="secondary" onClick={() => setMode('login')}>Back to login</Button>
      </Card>
    );
  }
  return (
    <Card title={mode === 'login' ? 'Log in' : 'Reset your password'} intro={mode === 'forgot' ? 'Enter your email and we will send you a link to choose a new password.' : document.title.replace(/^Admin · /, '')}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field label="Email" error={error?.field('email')}>
          {(id, described) => <input id={id} type="email" autocomplete="username" required value={email} aria-describedby={described} onInput={(e) => setEmail(e.currentTarget.value)} autoFocus />}
        </Field>
        {mode === 'login' ? (
          <Field label="Password" error={error?.field('password')}>
            {(id, described) => <input id={id} type="password" autocomplete="current-password" required value={password} aria-describedby={described} onInput={(e) => setPassword(e.currentTarget.value)} />}
          </Field>
        ) : null}
        <Button type="submit" variant="primary" class="button-block" busy={busy}>
          {mode === 'login' ? 'Log in' : 'Send the link'}
        </Button>
      </form>
      <p class="auth-switch">
        <button type="button" class="link-button" onClick={() => setMode(mode === 'login' ? 'forgot' : 'login')}>
          {mode === 'login' ? 'Forgot your password?' : 'Back to login'}
        </button>
      </p>
    </Card>
  );
}

export function ResetScreen(props: { token: string }) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      signedIn(await post<Session>(`/password-reset/${props.token}`, { password }));
      navigate('/posts', { replace: true });
    });
  };
  return (
    <Card title="Choose a new password" intro="At least 10 characters. A few unrelated words make a strong one that is easy to remember.">
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field label="New password" error={error?.field('password')}>
          {(id, described) => <input id={id} type="password" autocomplete="new-password" minLength={10} required value={password} aria-describedby={described} onInput={(e) => setPassword(e.currentTarget.value)} autoFocus />}
        </Field>
        <Button type="submit" variant="primary" class="button-block" busy={busy}>Save and log in</Button>
      </form>
    </Card>
  );
}

interface Invitation {
  email: string;
  role: string;
  site: string;
  accountExists: boolean;
}

export function InviteScreen(props: { token: string }) {
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  useEffect(() => {
    get<Invitation>(`/invitations/${props.token}`).then(setInvitation, setLoadError);
  }, [props.token]);
  if (loadError) return <Card title="This invitation cannot be used"><ErrorNotice error={loadError} /></Card>;
  if (!invitation) return <Loading />;
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      signedIn(await post<Session>(`/invitations/${props.token}/accept`, invitation.accountExists ? { password } : { name, password }));
      navigate('/posts', { replace: true });
    });
  };
  return (
    <Card title={`Join ${invitation.site}`} intro={`You are invited as ${invitation.role === 'owner' ? 'an owner' : `an ${invitation.role}`} with ${invitation.email}.${invitation.accountExists ? ' Log in with your existing password to accept.' : ''}`}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        {invitation.accountExists ? null : (
          <Field label="Your name" hint="Shown on the posts you write." error={error?.field('name')}>
            {(id, described) => <input id={id} autocomplete="name" required value={name} aria-describedby={described} onInput={(e) => setName(e.currentTarget.value)} autoFocus />}
          </Field>
        )}
        <Field label={invitation.accountExists ? 'Your password' : 'Choose a password'} hint={invitation.accountExists ? undefined : 'At least 10 characters.'} error={error?.field('password')}>
          {(id, described) => (
            <input id={id} type="password" autocomplete={invitation.accountExists ? 'current-password' : 'new-password'} required value={password} aria-describedby={described} onInput={(e) => setPassword(e.currentTarget.value)} />
          )}
        </Field>
        <Button type="submit" variant="primary" class="button-block" busy={busy}>Accept the invitation</Button>
      </form>
    </Card>
  );
}
