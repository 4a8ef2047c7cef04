/**
 * The sidebar's plugin sections: the content types the site's running plugins declare (projects,
 * testimonials ...), each admin page they offer (messages, analytics, redirects ...) and, for the
 * owner, the Plugins screen, flagged when a plugin is in trouble.
 */
import { useEffect } from 'preact/hooks';
import { can } from '../state.ts';
import { Icon } from '../ui.tsx';
import { contentTypes, loadPlugins, plugins } from './list.ts';
import './plugins.css';

const TROUBLE = new Set(['failing', 'failed', 'switched-off']);

export function PluginNav(props: { path: string }) {
  const list = plugins.use();
  useEffect(() => {
    if (can('plugins:pages')) {
      loadPlugins().catch(() => {
        plugins.set([]);
        contentTypes.set([]);
      });
    }
  }, []);
  if (!list) return null;
  return (
    <>
      <ContentTypeNav path={props.path} />
      <PluginPagesNav path={props.path} />
    </>
  );
}

/** One entry per content type, for those who edit the site's content (the API's own gate). */
function ContentTypeNav(props: { path: string }) {
  const types = contentTypes.use();
  if (!types?.length) return null;
  return (
    <div class="plugin-nav">
      <h2 class="nav-heading" id="types-nav-heading">Content types</h2>
      <ul aria-labelledby="types-nav-heading">
        {types.map((type) => (
          <li key={type.name}>
            <a href={`/admin/types/${type.name}`} aria-current={props.path === `/types/${type.name}` || props.path.startsWith(`/types/${type.name}/`) ? 'page' : undefined}>
              <Icon name="collection" /> {type.plural}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PluginPagesNav(props: { path: string }) {
  const list = plugins.use() ?? [];
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
