/**
 * The sidebar's plugin section: each admin page the site's running plugins offer (messages,
 * analytics, redirects ...) and, for the owner, the Plugins screen, flagged when a plugin is in
 * trouble.
 */
import { useEffect } from 'preact/hooks';
import { can } from '../state.ts';
import { Icon } from '../ui.tsx';
import { loadPlugins, plugins } from './list.ts';
import './plugins.css';

const TROUBLE = new Set(['failing', 'failed', 'switched-off']);

export function PluginNav(props: { path: string }) {
  const list = plugins.use();
  useEffect(() => {
    if (can('plugins:pages')) loadPlugins().catch(() => plugins.set([]));
  }, []);
  if (!list) return null;
  const pages = list.filter((plugin) => plugin.state === 'active' || plugin.state === 'failing').flatMap((plugin) => plugin.pages.map((page) => ({ ...page, href: `/admin/plugins/${plugin.id}/${page.path}` })));
  const trouble = list.filter((plugin) => TROUBLE.has(plugin.state)).length;
  const manage = can('plugins:manage') && list.length > 0;
  if (!pages.length && !manage) return null;
  return (
    <div class="plugin-nav">
      <h2 class="nav-heading" id="plugin-nav-heading">Plugins</h2>
      <ul aria-labelledby="plugin-nav-heading">
        {pages.map((page) => (
          <li key={page.href}>
            <a href={page.href} aria-current={props.path === page.href.slice(6) ? 'page' : undefined}>
              <Icon name="plugin" /> {page.title}
            </a>
          </li>
        ))}
        {manage ? (
          <li>
            <a href="/admin/plugins" aria-current={props.path === '/plugins' ? 'page' : undefined}>
              <Icon name="grid" /> All plugins
              {trouble ? <span class="nav-alert" title={`${trouble} in trouble`}>{trouble}<span class="visually-hidden"> in trouble</span></span> : null}
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
