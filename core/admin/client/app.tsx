/**
 * The admin's frame: a sidebar (a drawer on phones) with the screens this user's role may open,
 * and the screen for the current path. Without a session it shows the login, or the page a mailed
 * link leads to (password reset, invitation).
 */
import { useEffect, useState } from 'preact/hooks';
import { get, setCsrfToken, whenLoggedOut, type Session } from './api.ts';
import { onLinkClick, useLocation } from './router.ts';
import { PluginNav } from './plugins/nav.tsx';
import { PluginPageScreen } from './plugins/page.tsx';
import { PluginsScreen } from './plugins/states.tsx';
import { DirectoryScreen } from './screens/directory.tsx';
import { continuedScreens, EditorScreen } from './screens/editor.tsx';
import { InviteScreen, LoginScreen, ResetScreen } from './screens/login.tsx';
import { MediaScreen } from './screens/media.tsx';
import { CommentsScreen } from './screens/comments.tsx';
import { NavigationScreen } from './screens/navigation.tsx';
import { OldUrlsScreen } from './screens/old-urls.tsx';
import { PackageScreen } from './screens/package.tsx';
import { PostsScreen } from './screens/posts.tsx';
import { ProfileScreen } from './screens/profile.tsx';
import { SettingsScreen } from './screens/settings.tsx';
import { SitesScreen } from './screens/sites.tsx';
import { TransferScreen } from './screens/transfer.tsx';
import { UsersScreen } from './screens/users.tsx';
import { can, session } from './state.ts';
import { EntriesScreen } from './types/entries.tsx';
import { EntryScreen } from './types/entry.tsx';
import { EmptyState, Icon, Loading, Toasts } from './ui.tsx';

export function signedIn(next: Session): void {
  setCsrfToken(next.csrfToken);
  session.set(next);
}

whenLoggedOut(() => session.set(null));

export function App() {
  const current = session.use();
  const { path } = useLocation();

  useEffect(() => {
    get<Session>('/session').then(signedIn, () => session.set(null));
  }, []);

  const reset = /^\/reset\/([\w-]+)$/.exec(path);
  if (reset) return <Frameless><ResetScreen token={reset[1]!} /></Frameless>;
  const invite = /^\/invite\/([\w-]+)$/.exec(path);
  if (invite) return <Frameless><InviteScreen token={invite[1]!} /></Frameless>;
  if (current === undefined) return <Loading label="Opening the admin…" />;
  if (current === null) return <Frameless><LoginScreen /></Frameless>;
  return <Shell session={current} path={path} />;
}

function Frameless(props: { children: preact.ComponentChildren }) {
  return (
    <div class="frameless" onClick={onLinkClick}>
      {props.children}
      <Toasts />
    </div>
  );
}

interface NavEntry {
  readonly href: string;
  readonly label: string;
  readonly icon: string;
  readonly show: boolean;
}

function Shell(props: { session: Session; path: string }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const { path } = props;
  useEffect(() => setMenuOpen(false), [path]);
  const entries: NavEntry[] = [
    { href: '/admin/posts', label: 'Posts', icon: 'posts', show: true },
    { href: '/admin/pages', label: 'Pages', icon: 'pages', show: can('posts:all') },
    { href: '/admin/comments', label: 'Comments', icon: 'posts', show: can('posts:all') },
    { href: '/admin/media', label: 'Media', icon: 'media', show: can('media:upload') },
    { href: '/admin/navigation', label: 'Navigation', icon: 'nav', show: can('navigation:edit') },
    { href: '/admin/settings', label: 'Settings', icon: 'settings', show: can('settings:edit') || can('plugins:settings') },
    { href: '/admin/users', label: 'People', icon: 'users', show: can('users:manage') },
    { href: '/admin/directory', label: 'Themes & plugins', icon: 'package', show: can('packages:manage') },
    { href: '/admin/import-export', label: 'Import & export', icon: 'transfer', show: can('content:import') || can('site:export') },
    { href: '/admin/old-urls', label: 'Old addresses', icon: 'nav', show: can('content:import') },
    { href: '/admin/sites', label: 'Sites', icon: 'grid', show: can('site:manage') },
  ];
  const editing = /^\/(posts|pages)\/(new|\d+)$/.exec(path);
  return (
    <div class={`app${menuOpen ? ' menu-open' : ''}`} onClick={onLinkClick}>
      <a class="skip-link" href="#content">Skip to content</a>
      <header class="topbar">
        <button type="button" class="icon-button menu-toggle" aria-label="Menu" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen)}>
          <Icon name="menu" />
        </button>
        <span class="topbar-title">{props.session.site.title}</span>
      </header>
      <nav id="sidebar" class="sidebar" aria-label="Admin">
        <div class="brand">
          {props.session.site.icon ? <img src={props.session.site.icon} alt="" width={28} height={28} /> : <span class="brand-mark" aria-hidden="true">{props.session.site.title.charAt(0)}</span>}
          <div>
            <strong>{props.session.site.title}</strong>
            <a class="brand-link" href={`${props.session.site.url}/`} target="_blank" rel="noopener">
              View site <Icon name="external" size={14} />
            </a>
          </div>
        </div>
        <ul onClick={() => setMenuOpen(false)}>
          {entries
            .filter((entry) => entry.show)
            .map((entry) => (
              <li key={entry.href}>
                <a href={entry.href} aria-current={path.startsWith(entry.href.slice(6)) ? 'page' : undefined}>
                  <Icon name={entry.icon} /> {entry.label}
                </a>
              </li>
            ))}
        </ul>
        <PluginNav path={path} />
        <a class="sidebar-user" href="/admin/profile" aria-current={path === '/profile' ? 'page' : undefined}>
          <span class="avatar" aria-hidden="true">{props.session.user.name.charAt(0)}</span>
          <span>
            <strong>{props.session.user.name}</strong>
            <small>{props.session.user.role}</small>
          </span>
        </a>
      </nav>
      <div class="scrim" onClick={() => setMenuOpen(false)} aria-hidden="true" />
      <main id="content" class={`content${editing ? ' content-editor' : ''}`} tabIndex={-1}>
        <Screen path={path} />
      </main>
      <Toasts />
    </div>
  );
}

function Screen(props: { path: string }) {
  const { path } = props;
  const editing = /^\/(posts|pages)\/(new|\d+)$/.exec(path);
  if (editing) return <EditorScreen key={continuedScreens.get(path) ?? path} type={editing[1] === 'pages' ? 'page' : 'post'} id={editing[2] === 'new' ? undefined : Number(editing[2])} />;
  if (path === '/' || path === '/posts') return <PostsScreen key="posts" type="post" />;
  if (path === '/pages') return <PostsScreen key="pages" type="page" />;
  if (path === '/media') return <MediaScreen />;
  if (path === '/navigation') return <NavigationScreen />;
  if (path === '/old-urls') return <OldUrlsScreen />;
  if (path === '/comments') return <CommentsScreen />;
  if (path.startsWith('/settings')) return <SettingsScreen path={path} />;
  if (path === '/users') return <UsersScreen />;
  if (path === '/plugins') return <PluginsScreen />;
  const pluginPage = /^\/plugins\/([\w.-]+)\/([\w-]+)$/.exec(path);
  if (pluginPage) return <PluginPageScreen plugin={pluginPage[1]!} page={pluginPage[2]!} />;
  const types = /^\/types\/([a-z][a-z0-9-]*)(?:\/(new|\d+))?$/.exec(path);
  if (types && types[2]) return <EntryScreen key={path} type={types[1]!} id={types[2] === 'new' ? undefined : Number(types[2])} />;
  if (types) return <EntriesScreen type={types[1]!} />;
  if (path === '/profile') return <ProfileScreen />;
  const pkg = /^\/directory\/packages\/(.+)$/.exec(path);
  if (pkg) return <PackageScreen key={pkg[1]} id={decodeURIComponent(pkg[1]!)} />;
  if (path === '/directory' || path === '/directory/installed') return <DirectoryScreen path={path} />;
  if (path === '/import-export') return <TransferScreen />;
  if (path === '/sites') return <SitesScreen />;
  return (
    <EmptyState title="There is no such screen" action={<a class="button button-primary" href="/admin/posts">Go to posts</a>}>
      The address {`/admin${path}`} does not lead anywhere in the admin.
    </EmptyState>
  );
}
