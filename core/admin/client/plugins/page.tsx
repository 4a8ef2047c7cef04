/**
 * One admin page of a plugin (/admin/plugins/<plugin-id>/<page>): the view the plugin describes
 * as data, drawn block by block, and drawn again after each of its actions.
 */
import type { AdminView } from '../../../sdk/admin.ts';
import { ApiError } from '../api.ts';
import { can, toast } from '../state.ts';
import { EmptyState, ErrorNotice, Loading, PageHeader, useLoaded } from '../ui.tsx';
import { Chart, DownloadLink, Stats, Table } from './blocks.tsx';
import { PluginForm } from './form.tsx';
import './plugins.css';

export function PluginPageScreen(props: { plugin: string; page: string }) {
  const { plugin, page } = props;
  const { data: answer, error, reload: load } = useLoaded<{ title: string; view: AdminView }>(`/plugins/${encodeURIComponent(plugin)}/pages/${encodeURIComponent(page)}`);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title="This plugin page is not here" action={can('plugins:manage') ? <a class="button button-primary" href="/admin/plugins">See the plugins</a> : undefined}>
        The plugin may be switched off or gone from this site.
      </EmptyState>
    );
  }
  if (error) return <ErrorNotice error={error} retry={load} />;
  if (!answer) return <Loading />;
  const changed = (message?: string) => {
    if (message) toast(message);
    load();
  };
  return (
    <section class="plugin-page">
      <PageHeader title={answer.title} />
      {answer.view.blocks.map((block, index) => {
        switch (block.type) {
          case 'text':
            return <p key={index} class="plugin-text">{block.text}</p>;
          case 'stats':
            return <Stats key={index} items={block.items} />;
          case 'table':
            return <Table key={index} plugin={plugin} block={block} onChanged={changed} />;
          case 'form':
            return <PluginForm key={index} plugin={plugin} form={block} onDone={() => changed()} />;
          case 'chart':
            return <Chart key={index} block={block} />;
          case 'link':
            return <DownloadLink key={index} plugin={plugin} block={block} />;
          default:
            return null;
        }
      })}
    </section>
  );
}
