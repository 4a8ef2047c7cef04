/** Comment moderation: held comments first, approve, reply, mark spam, delete; and the site's switch for comments. */
import { useState } from 'preact/hooks';
import { del, post, put } from '../api.ts';
import { Button, EmptyState, ErrorNotice, Loading, PageHeader, formatDate, useAction, useLoaded } from '../ui.tsx';

type Status = 'pending' | 'approved' | 'spam' | 'trash';

interface ModeratedComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string | null;
  html: string;
  status: Status;
  createdAt: string;
  post: { id: number; title: string; slug: string } | null;
}

const TABS: ReadonlyArray<readonly [Status, string]> = [['pending', 'Waiting'], ['approved', 'Approved'], ['spam', 'Spam']];

export function CommentsScreen() {
  const [status, setStatus] = useState<Status>('pending');
  const list = useLoaded<{ items: ModeratedComment[] }>(`/comments?status=${status}`);
  const settings = useLoaded<{ enabled: boolean }>('/comments/settings');
  const [replying, setReplying] = useState<number | null>(null);
  const [reply, setReply] = useState('');
  const action = useAction();

  const act = (work: () => Promise<unknown>, success: string) =>
    action.run(work, { success, toastErrors: true }).then(() => {
      list.reload();
      settings.reload();
    });

  return (
    <section class="narrow">
      <PageHeader title="Comments">
        {settings.data ? (
          <label class="checkbox">
            <input type="checkbox" checked={settings.data.enabled} onChange={(e) => act(() => put('/comments/settings', { enabled: e.currentTarget.checked }), e.currentTarget.checked ? 'Comments are on.' : 'Comments are off: posts show none and take none.')} /> Visitors may comment
          </label>
        ) : null}
      </PageHeader>
      <div class="row" role="tablist">
        {TABS.map(([value, label]) => (
          <Button key={value} role="tab" aria-selected={status === value} variant={status === value ? 'primary' : 'ghost'} onClick={() => setStatus(value)}>{label}</Button>
        ))}
      </div>
      {list.error ? <ErrorNotice error={list.error} retry={list.reload} /> : !list.data ? <Loading /> : list.data.items.length === 0 ? <EmptyState title="No comments here" /> : (
        <ol class="comment-queue">
          {list.data.items.map((comment) => (
            <li key={comment.id} class="card comment-item">
              <p>
                <strong>{comment.authorName}</strong> {comment.authorEmail ? `(${comment.authorEmail}) ` : ''}on {comment.post ? <a href={`/admin/posts/${comment.post.id}`}>{comment.post.title}</a> : 'a deleted post'} · {formatDate(comment.createdAt, { time: true })}
              </p>
              <div class="comment-text" dangerouslySetInnerHTML={{ __html: comment.html }} />
              <div class="row">
                {comment.status !== 'approved' ? <Button variant="primary" onClick={() => act(() => put(`/comments/${comment.id}`, { status: 'approved' }), 'Approved: it shows under the post now.')}>Approve</Button> : null}
                <Button onClick={() => { setReplying(comment.id); setReply(''); }}>Reply</Button>
                {comment.status !== 'spam' ? <Button variant="ghost" onClick={() => act(() => put(`/comments/${comment.id}`, { status: 'spam' }), 'Marked as spam.')}>Spam</Button> : null}
                <Button variant="danger" onClick={() => confirm('Delete this comment for good?') && act(() => del(`/comments/${comment.id}`), 'Comment deleted.')}>Delete</Button>
              </div>
              {replying === comment.id ? (
                <form class="comment-reply" onSubmit={(e) => { e.preventDefault(); void act(() => post(`/comments/${comment.id}/replies`, { text: reply }), 'Reply posted.').then(() => setReplying(null)); }}>
                  <label>Your reply <textarea rows={3} value={reply} required maxLength={5000} onInput={(e) => setReply(e.currentTarget.value)} /></label>
                  <Button variant="primary" type="submit" busy={action.busy}>Post reply</Button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
