/**
 * Files from the old site: an import keeps pointing at the WordPress site's images until they are
 * fetched (the host may have been offline). This card says how many still wait, fetches them on
 * request while showing progress, and lists the ones that could not be fetched and why.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.ts';
import { Button, ErrorNotice, formatDate, useAction } from '../ui.tsx';
import { Progress } from './progress.tsx';

interface Failure {
  url: string;
  reason: string;
}

interface FetchJob {
  id: string;
  startedBy: { id: number; name: string };
  phase: 'fetching' | 'done' | 'failed';
  progress: { done: number; total: number; fetched: number; failed: number };
  report: { total: number; fetched: number; failed: Failure[]; postsUpdated: number } | null;
  error: { message: string } | null;
  finishedAt: string | null;
}

interface Waiting {
  waiting: number;
  failed: Failure[];
  job: FetchJob | null;
}

const POLL_MS = 600;

export function AttachmentsCard() {
  const [state, setState] = useState<Waiting | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { busy, run } = useAction();
  const live = useRef(true);

  const load = async (): Promise<Waiting | undefined> => {
    try {
      const answer = await get<Waiting>('/imports/attachments');
      if (live.current) setState(answer);
      return answer;
    } catch (error) {
      if (live.current) setLoadError(error);
      return undefined;
    }
  };

  /** Polls while a fetch runs, the page showing each file as it is done. */
  const follow = async () => {
    for (let current = await load(); live.current && current?.job?.phase === 'fetching'; current = await load()) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  useEffect(() => {
    void follow();
    return () => void (live.current = false);
  }, []);

  const start = async () => {
    if (await run(() => post<FetchJob>('/imports/attachments', {}), { toastErrors: true })) await follow();
  };

  if (loadError) return <ErrorNotice error={loadError} retry={() => (setLoadError(null), void follow())} />;
  const job = state?.job;
  if (!state || (state.waiting === 0 && !job)) return null;
  const fetching = job?.phase === 'fetching';
  return (
    <section class="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">Files from the old site</h2>
      {state.waiting ? (
        <p class="lead">
          {state.waiting === 1 ? 'One imported file is' : `${state.waiting} imported files are`} still shown from the old WordPress site. Fetch them while that
          site is online: they are added to the media library and every post and page showing them is pointed at the copy here.
        </p>
      ) : (
        <p class="lead">Every imported file is in the media library now.</p>
      )}
      {fetching ? (
        <Progress step="Fetching files…" detail={`${job.progress.done} of ${job.progress.total}: ${job.progress.fetched} fetched, ${job.progress.failed} failed`} done={job.progress.done} total={job.progress.total} />
      ) : state.waiting ? (
        <div class="row">
          <Button variant="primary" busy={busy} onClick={start}>Fetch {state.waiting === 1 ? 'it' : 'them'} now</Button>
        </div>
      ) : null}
      {job && !fetching ? <FetchOutcome job={job} /> : null}
      {!fetching && state.failed.length ? (
        <>
          <h3 class="report-title">Not fetched yet</h3>
          <ul class="report-list">
            {state.failed.map((failure) => (
              <li key={failure.url}>
                <span class="file-url">{failure.url}</span> <small>{failure.reason}</small>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function FetchOutcome(props: { job: FetchJob }) {
  const { job } = props;
  if (job.phase === 'failed') return <p class="notice notice-error" role="alert">{job.error?.message}</p>;
  const report = job.report!;
  return (
    <p class={`notice ${report.failed.length ? 'notice-warning' : 'notice-success'}`} role="status">
      <strong>Fetched {report.fetched} of {report.total} files.</strong> {report.postsUpdated === 1 ? 'One post or page now shows' : `${report.postsUpdated} posts and pages now show`} them from
      this site. Finished {formatDate(job.finishedAt, { time: true })}.
    </p>
  );
}
