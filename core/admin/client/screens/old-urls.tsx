/** The old addresses of a site moved from WordPress, each answered with a 301: change where one goes, or remove it. */
import { useEffect, useState } from 'preact/hooks';
import { del, get, put } from '../api.ts';
import { toast } from '../state.ts';
import { Button, EmptyState, ErrorNotice, Loading, PageHeader } from '../ui.tsx';

interface OldUrl {
  source: string;
  key: string;
  path: string;
  to: string;
}

export function OldUrlsScreen() {
  const [items, setItems] = useState<OldUrl[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ items: OldUrl[] }>('/old-urls').then((answer) => setItems(answer.items), setError);
  useEffect(() => void load(), []);

  if (error) return <ErrorNotice error={error} retry={() => (setError(null), load())} />;
  if (!items) return <Loading />;

  const query = (item: OldUrl) => `source=${encodeURIComponent(item.source)}&key=${encodeURIComponent(item.key)}`;
  const change = async (item: OldUrl, to: string) => {
    if (to === item.to) return;
    try {
      await put('/old-urls', { source: item.source, key: item.key, to });
      toast(`Visitors to ${item.path} now go to ${to}.`);
      await load();
    } catch (caught) {
      toast((caught as Error).message, 'error');
    }
  };
  const remove = async (item: OldUrl) => {
    if (!confirm(`Stop sending ${item.path} anywhere? Visitors asking for it get “not found”.`)) return;
    await del(`/old-urls?${query(item)}`).then(() => (toast(`${item.path} removed.`), load()), (caught: Error) => toast(caught.message, 'error'));
  };

  return (
    <section>
      <PageHeader title="Old addresses" />
      <p>The addresses your WordPress site had. Visitors and search engines asking for one are sent on (301, moved for good) to where it lives now.</p>
      {items.length === 0 ? (
        <EmptyState title="No old addresses">Importing a WordPress export records them here.</EmptyState>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Old address</th>
              <th scope="col">Goes to</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={`${item.source} ${item.key}`}>
                <td><code>{item.path}</code></td>
                <td>
                  <input aria-label={`Where ${item.path} goes`} value={item.to} onChange={(event) => change(item, (event.target as HTMLInputElement).value.trim())} />
                </td>
                <td>
                  <Button variant="danger" onClick={() => remove(item)}>Remove</Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
