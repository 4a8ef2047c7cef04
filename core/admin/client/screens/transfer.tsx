/**
 * Import & export: bring a WordPress site's content in (owners and editors) and follow the import
 * to its report; download the whole site or a WordPress export of it (owners).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, upload } from '../api.ts';
import { can, session } from '../state.ts';
import { Button, ErrorNotice, Field, formatDate, Icon, Loading, PageHeader, relativeTime } from '../ui.tsx';
import { AttachmentsCard } from './attachments.tsx';
import { Progress } from './progress.tsx';
import './transfer.css';

type Phase = 'queued' | 'reading' | 'importing' | 'done' | 'failed';
type Kind = 'authors' | 'tags' | 'posts' | 'pages' | 'attachments' | 'comments' | 'menus';

interface Report {
  source: string;
  counts: Record<Kind, { created: number; updated: number; unchanged: number }>;
  skipped: Array<{ what: string; reason: string; count: number; examples: string[] }>;
  shortcodesKept: Record<string, number>;
  notes: string[];
  linksRewritten: number;
  removed: Array<{ post: string; count: number; parts: Array<{ source: string; reason: string }> }>;
}

interface ImportJob {
  id: string;
  file: string;
  size: number;
  startedBy: { id: number; name: string };
  startedAt: string;
  phase: Phase;
  progress: { done: number; total: number | null };
  finishedAt: string | null;
  report: Report | null;
  changedNothing: boolean;
  error: { code: string; status: number; message: string } | null;
}

const KIND_LABELS: Record<Kind, string> = { authors: 'Authors', tags: 'Tags', posts: 'Posts', pages: 'Pages', attachments: 'Attachments', comments: 'Comments', menus: 'Menus' };
const POLL_MS = 600;

const finished = (job: ImportJob) => job.phase === 'done' || job.phase === 'failed';

export function TransferScreen() {
  // Each finished import may leave files to fetch: the attachments card looks again.
  const [imports, setImports] = useState(0);
  return (
    <section class="narrow transfer">
      <PageHeader title="Import & export" />
      {can('content:import') ? (
        <>
          <ImportCard onFinished={() => setImports((count) => count + 1)} />
          <AttachmentsCard key={imports} />
        </>
      ) : null}
      {can('site:export') ? <ExportCard /> : <p class="lead">Only the site's owners can download the site.</p>}
    </section>
  );
}

/** Where an import stands, as the page shows it: sending the file, then the server's job. */
type Stage = { step: 'idle' } | { step: 'uploading'; sent: number; total: number } | { step: 'job'; job: ImportJob } | { step: 'refused'; error: ApiError };

function ImportCard(props: { onFinished: () => void }) {
  const [history, setHistory] = useState<ImportJob[] | null>(null);
  const [maxBytes, setMaxBytes] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [file, setFile] = useState<File | null>(null);
  const [menu, setMenu] = useState('');
  const [timezone, setTimezone] = useState(session.get()?.site.timezone ?? 'UTC');
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);
  const live = useRef(true);
  const status = useRef<HTMLDivElement>(null);

  const load = () =>
    get<{ items: ImportJob[]; maxBytes: number }>('/imports').then((answer) => {
      setHistory(answer.items);
      setMaxBytes(answer.maxBytes);
      return answer.items;
    }, setLoadError);

  /** Polls a job until it has finished, showing each step. */
  const follow = async (job: ImportJob) => {
    let current = job;
    setStage({ step: 'job', job: current });
    while (live.current && !finished(current)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      try {
        current = await get<ImportJob>(`/imports/${job.id}`);
      } catch (error) {
        if (error instanceof ApiError) setStage({ step: 'refused', error });
        return;
      }
      if (live.current) setStage({ step: 'job', job: current });
    }
    void load();
    props.onFinished();
  };

  useEffect(() => {
    // An import started before this page was opened (or before a reload) is followed again.
    void load().then((items) => {
      const running = items?.find((job) => !finished(job));
      if (running) void follow(running);
    });
    return () => void (live.current = false);
  }, []);

  const start = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    if (menu.trim()) form.append('menu', menu.trim());
    form.append('timezone', timezone);
    setStage({ step: 'uploading', sent: 0, total: file.size });
    // Once the file is up the server reads it whole before answering: show that reading from its job list.
    let answered = false;
    const reading = async () => {
      while (live.current && !answered) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const items = await get<{ items: ImportJob[] }>('/imports').then((answer) => answer.items, () => []);
        const job = items.find((candidate) => candidate.file === file.name && !finished(candidate));
        if (job && !answered && live.current) setStage({ step: 'job', job });
      }
    };
    try {
      const job = await upload<ImportJob>('/imports', form, (sent, total) => {
        setStage({ step: 'uploading', sent, total });
        if (sent === total) void reading();
      });
      answered = true;
      setFile(null);
      await follow(job);
    } catch (error) {
      answered = true;
      setStage({ step: 'refused', error: error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', String(error)) });
      void load();
    }
    status.current?.focus();
  };

  const busy = stage.step === 'uploading' || (stage.step === 'job' && !finished(stage.job));
  const tooLarge = file && maxBytes && file.size > maxBytes ? `This file is ${megabytes(file.size)}; the import limit is ${megabytes(maxBytes)}. Import it on the server with “guild import wxr”, or ask the host’s operator to raise the limit.` : undefined;
  const pick = (files: FileList | null | undefined) => {
    const chosen = files?.[0];
    if (!chosen) return;
    setFile(chosen);
    setStage({ step: 'idle' });
  };

  if (loadError) return <ErrorNotice error={loadError} retry={load} />;
  if (!history) return <Loading />;
  // The import this page shows above is not repeated below.
  const shown = stage.step === 'job' ? stage.job.id : stage.step === 'refused' ? stage.error.details.job : undefined;
  const earlier = history.filter((job) => job.id !== shown);

  return (
    <>
      <form class="card" onSubmit={start} aria-labelledby="import-title">
        <h2 id="import-title">Import from WordPress</h2>
        <p class="lead">
          In WordPress, open <strong>Tools → Export</strong>, choose <strong>All content</strong> and download the file. Upload it here: authors, categories and
          tags, posts and pages, comments, menus and featured images come across. Importing the same file again changes nothing.
        </p>
        <label
          class={`dropzone${dragging ? ' is-dragging' : ''}${file ? ' has-file' : ''}`}
          onDragOver={(event) => (event.preventDefault(), setDragging(true))}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            pick(event.dataTransfer?.files);
          }}
        >
          <input type="file" class="visually-hidden" accept=".xml,text/xml,application/xml" disabled={busy} aria-describedby="import-file-hint" onChange={(event) => pick(event.currentTarget.files)} />
          <Icon name="upload" size={28} />
          {file ? (
            <span>
              <strong>{file.name}</strong>
              <small>{megabytes(file.size)} · choose another</small>
            </span>
          ) : (
            <span>
              <strong>Choose the WordPress export</strong>
              <small>or drop the .xml file here</small>
            </span>
          )}
        </label>
        <p class="field-hint" id="import-file-hint">
          An .xml file{maxBytes ? ` of up to ${megabytes(maxBytes)}` : ''}.
        </p>
        {tooLarge ? <p class="notice notice-error" role="alert">{tooLarge}</p> : null}
        <details class="options">
          <summary>Options</summary>
          <div class="two-columns">
            <Field label="Main menu" hint="The WordPress menu to use as the site's navigation, by its slug. Left empty, the one named like a main menu.">
              {(id, described) => <input id={id} value={menu} maxLength={200} placeholder="primary" aria-describedby={described} onInput={(event) => setMenu(event.currentTarget.value)} />}
            </Field>
            <Field label="WordPress site's time zone" hint="For drafts, whose dates WordPress exports in local time only.">
              {(id, described) => (
                <select id={id} value={timezone} aria-describedby={described} onChange={(event) => setTimezone(event.currentTarget.value)}>
                  {Intl.supportedValuesOf('timeZone').map((zone) => <option key={zone} value={zone}>{zone}</option>)}
                </select>
              )}
            </Field>
          </div>
        </details>
        <div class="row">
          <Button type="submit" variant="primary" busy={busy} disabled={!file || Boolean(tooLarge)}>
            Import
          </Button>
        </div>
        <div class="import-status" ref={status} tabIndex={-1}>
          <ImportStatus stage={stage} />
        </div>
      </form>
      {earlier.length ? (
        <section aria-labelledby="earlier-imports" class="earlier">
          <h2 class="section-title" id="earlier-imports">Earlier imports</h2>
          <ul class="import-history">
            {earlier.map((job) => (
              <li key={job.id}>
                <details>
                  <summary>
                    <span class={`badge badge-${job.phase === 'done' ? 'published' : job.phase === 'failed' ? 'failed' : 'scheduled'}`}>{PHASE_LABELS[job.phase]}</span>
                    <strong>{job.file}</strong>
                    <small>{job.startedBy.name} · {relativeTime(job.startedAt)}</small>
                  </summary>
                  {job.error ? <p class="notice notice-error">{job.error.message}</p> : job.report ? <ImportReport job={job} /> : <p>Still running.</p>}
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

const PHASE_LABELS: Record<Phase, string> = { queued: 'Waiting', reading: 'Reading', importing: 'Importing', done: 'Imported', failed: 'Refused' };

function ImportStatus(props: { stage: Stage }) {
  const { stage } = props;
  if (stage.step === 'idle') return null;
  if (stage.step === 'refused') {
    return (
      <div class="notice notice-error" role="alert">
        <p><strong>{stage.error.status === 413 ? 'The file is too large.' : stage.error.status === 415 ? 'That is not a WordPress export.' : 'The file was not imported.'}</strong></p>
        <p>{stage.error.message}</p>
      </div>
    );
  }
  if (stage.step === 'uploading') return <Progress step="Uploading…" detail={`${megabytes(stage.sent)} of ${megabytes(stage.total)}`} done={stage.sent} total={stage.total} />;
  const { job } = stage;
  if (job.phase === 'queued') return <Progress step="Waiting for another import on this host to finish…" done={0} total={null} />;
  if (job.phase === 'reading') return <Progress step="Reading the export…" detail={`${megabytes(job.progress.done)} of ${megabytes(job.size)}`} done={job.progress.done} total={job.size} />;
  if (job.phase === 'importing') {
    const { done, total } = job.progress;
    return <Progress step="Importing…" {...(total ? { detail: `${done} of ${total} items` } : {})} done={done} total={total} />;
  }
  if (job.phase === 'failed') {
    return (
      <div class="notice notice-error" role="alert">
        <p><strong>The import stopped.</strong></p>
        <p>{job.error?.message}</p>
      </div>
    );
  }
  return <ImportReport job={job} headline />;
}

function ImportReport(props: { job: ImportJob; headline?: boolean }) {
  const report = props.job.report!;
  const counts = (Object.keys(KIND_LABELS) as Kind[]).filter((kind) => {
    const count = report.counts[kind];
    return count.created + count.updated + count.unchanged > 0;
  });
  const shortcodes = Object.entries(report.shortcodesKept);
  return (
    <div class="import-report">
      {props.headline ? (
        <p class={`notice ${props.job.changedNothing ? 'notice-info' : 'notice-success'}`} role="status">
          <strong>{props.job.changedNothing ? 'Nothing changed: this export was imported before.' : `Imported ${props.job.file}.`}</strong> From {report.source.replace(/^wordpress:/, '')}, finished {formatDate(props.job.finishedAt, { time: true })}.
        </p>
      ) : null}
      {counts.length ? (
        <table class="counts">
          <caption class="visually-hidden">What was imported, per kind</caption>
          <thead>
            <tr><th scope="col">Kind</th><th scope="col">New</th><th scope="col">Updated</th><th scope="col">Unchanged</th></tr>
          </thead>
          <tbody>
            {counts.map((kind) => (
              <tr key={kind}>
                <th scope="row">{KIND_LABELS[kind]}</th>
                <td>{report.counts[kind].created}</td>
                <td>{report.counts[kind].updated}</td>
                <td>{report.counts[kind].unchanged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : <p>The export held nothing to import.</p>}
      {report.linksRewritten ? <p class="report-line">{report.linksRewritten} links to the old site's own pages now point at their new addresses.</p> : null}
      {report.skipped.length ? (
        <>
          <h3>Left out</h3>
          <ul class="report-list">
            {report.skipped.map((skipped) => (
              <li key={`${skipped.what}:${skipped.reason}`}>
                <strong>{skipped.count} × {skipped.what}</strong>: {skipped.reason}
                {skipped.examples.length ? <small> (e.g. {skipped.examples.map((example) => `“${example}”`).join(', ')})</small> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.removed?.length ? (
        <>
          <h3>Removed from the HTML</h3>
          <p class="report-line">Scripts, event handlers, styles and embeds from other sites cannot run on a Guild site, so they were taken out of these posts.</p>
          <ul class="report-list">
            {report.removed.map((entry) => (
              <li key={entry.post}>
                <strong>{entry.post}</strong>: {entry.count} removed
                <ul>{entry.parts.map((part, index) => <li key={index}><code>{part.source}</code> {part.reason}</li>)}</ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {shortcodes.length ? (
        <>
          <h3>Shortcodes kept as text</h3>
          <p class="report-line">Guild cannot run these WordPress shortcodes, so they show as written in the posts. Edit or remove them there.</p>
          <ul class="shortcodes">
            {shortcodes.map(([name, times]) => <li key={name}><code>[{name}]</code> × {times}</li>)}
          </ul>
        </>
      ) : null}
      {report.notes.length ? (
        <>
          <h3>Worth knowing</h3>
          <ul class="report-list">{report.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </>
      ) : null}
      {props.headline ? (
        <div class="row">
          <a class="button" href="/admin/posts">See the posts</a>
          <a class="button" href="/admin/pages">See the pages</a>
          <a class="button button-ghost" href={`${session.get()?.site.url ?? ''}/`} target="_blank" rel="noopener">View the site <Icon name="external" size={14} /></a>
        </div>
      ) : null}
    </div>
  );
}

function ExportCard() {
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div class="export-option">
        <div>
          <h3>The whole site</h3>
          <p>Settings, posts and pages, uploads and everything plugins keep, as one <code>.tar.gz</code> archive with a checksum for every file. Restore it on any Guild host with <code>guild site restore</code>. It is a snapshot taken while the site keeps running.</p>
        </div>
        <a class="button button-primary" href="/admin/api/export/archive" download>
          <Icon name="download" /> Download archive
        </a>
      </div>
      <div class="export-option">
        <div>
          <h3>For WordPress</h3>
          <p>Posts, pages, authors, tags, comments and menus as a WordPress export (WXR). Import it in WordPress with <strong>Tools → Import → WordPress</strong>.</p>
        </div>
        <a class="button" href="/admin/api/export/wxr" download>
          <Icon name="download" /> Download WordPress export
        </a>
      </div>
    </section>
  );
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}
