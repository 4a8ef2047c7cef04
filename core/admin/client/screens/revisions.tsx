/** A post's history: every saved version with who and when, what changed since, and restoring one. */
import { useEffect, useState } from 'preact/hooks';
import { get, post, type SavedPost } from '../api.ts';
import { toast } from '../state.ts';
import { Button, Dialog, EmptyState, ErrorNotice, formatDate, Loading } from '../ui.tsx';

interface RevisionSummary {
  id: number;
  title: string;
  reason: string;
  by: { name: string };
  createdAt: string;
}

interface DiffPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

interface RevisionDetail extends RevisionSummary {
  diff: { title: DiffPart[]; text: DiffPart[] };
}

const REASONS: Record<string, string> = {
  created: 'Created',
  saved: 'Saved',
  autosaved: 'Autosaved',
  published: 'Published',
  scheduled: 'Scheduled',
  unpublished: 'Unpublished',
  restored: 'Restored',
};

function Diff(props: { parts: DiffPart[] }) {
  return (
    <div class="diff">
      {props.parts.map((part, index) =>
        part.added ? <ins key={index}>{part.value}</ins> : part.removed ? <del key={index}>{part.value}</del> : <span key={index}>{part.value}</span>,
      )}
    </div>
  );
}

export function RevisionsDialog(props: { base: string; onRestored: (post: SavedPost) => void; onClose: () => void }) {
  const [items, setItems] = useState<RevisionSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<RevisionDetail | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ items: RevisionSummary[] }>(`${props.base}/revisions`).then((answer) => {
      setItems(answer.items);
      if (answer.items[1]) void choose(answer.items[1].id);
      else if (answer.items[0]) void choose(answer.items[0].id);
    }, setError);
  }, []);

  const choose = async (id: number) => {
    try {
      setChosen(await get<RevisionDetail>(`${props.base}/revisions/${id}`));
    } catch (caught) {
      setError(caught);
    }
  };

  const restore = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      props.onRestored(await post<SavedPost>(`${props.base}/revisions/${chosen.id}/restore`));
      toast(`Restored the version of ${formatDate(chosen.createdAt, { time: true })}.`);
      props.onClose();
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const unchanged = chosen && !chosen.diff.text.some((part) => part.added || part.removed) && !chosen.diff.title.some((part) => part.added || part.removed);
  return (
    <Dialog
      title="History"
      onClose={props.onClose}
      wide
      footer={
        <>
          <Button onClick={props.onClose}>Close</Button>
          <Button variant="primary" busy={busy} disabled={!chosen || Boolean(unchanged)} onClick={restore}>Restore this version</Button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <EmptyState title="No history yet">Each save keeps a version here.</EmptyState> : null}
      {items?.length ? (
        <div class="revisions">
          <ol class="revision-list" aria-label="Versions, newest first">
            {items.map((item, index) => (
              <li key={item.id}>
                <button type="button" aria-pressed={chosen?.id === item.id} onClick={() => choose(item.id)}>
                  <strong>{REASONS[item.reason] ?? item.reason}{index === 0 ? ' · current' : ''}</strong>
                  <small>{formatDate(item.createdAt, { time: true })} by {item.by.name}</small>
                </button>
              </li>
            ))}
          </ol>
          <div class="revision-diff" aria-live="polite">
            {chosen ? (
              <>
                <p class="diff-legend">
                  Changes from this version to the current one: <del>removed</del> <ins>added</ins>
                </p>
                <h3><Diff parts={chosen.diff.title} /></h3>
                {unchanged ? <p>This version is the same as the current one.</p> : <Diff parts={chosen.diff.text} />}
              </>
            ) : null}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
