/** The admin's small set of building blocks: buttons, fields, dialogs, empty states, toasts. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, type RejectedPart } from './api.ts';
import { toast, toasts } from './state.ts';

export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost'; busy?: boolean }) {
  const { variant = 'secondary', busy, class: className, children, disabled, ...rest } = props;
  return (
    <button type="button" {...rest} class={`button button-${variant} ${className ?? ''}`} disabled={Boolean(disabled) || busy} aria-busy={busy ? 'true' : undefined}>
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/**
 * Runs a form's request: `busy` while it runs, `error` (with the server's field problems) when it
 * fails, a toast for success or, if asked, for the failure.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async <T,>(work: () => Promise<T>, options: { success?: string; toastErrors?: boolean } = {}): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      if (options.success) toast(options.success);
      return result;
    } catch (caught) {
      const failure = caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', caught instanceof Error ? caught.message : String(caught));
      setError(failure);
      if (options.toastErrors) toast(failure.problems.length ? 'Some fields need a fix; see the marked fields.' : failure.message, 'error');
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * What GET `path` answers (null until it has), asked again when the path changes or on `reload`;
 * `error` when it failed. A null path asks nothing (a form for something new).
 */
export function useLoaded<T>(path: string | null): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => {
    if (path !== null) {
      get<T>(path).then((next) => {
        setData(next);
        setError(null);
      }, setError);
    }
  };
  useEffect(() => {
    setData(null);
    reload();
  }, [path]);
  return { data, error, reload };
}

/** The error of a form as a whole, when the server did not pin it on a field. */
export function FormError(props: { error: ApiError | null }) {
  return props.error && !props.error.problems.length ? <p class="notice notice-error" role="alert">{props.error.message}</p> : null;
}

let fieldIds = 0;

/** A labelled control with its hint and error; the control gets the id, hint and error wiring. */
export function Field(props: { label: string; hint?: ComponentChildren; error?: string; children: (id: string, describedBy: string | undefined) => ComponentChildren }) {
  const id = useRef(`field-${++fieldIds}`).current;
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, described)}
      {props.hint ? <p class="field-hint" id={`${id}-hint`}>{props.hint}</p> : null}
      {props.error ? <p class="field-error" id={`${id}-error`} role="alert">{props.error}</p> : null}
    </div>
  );
}

/** A modal dialog (native <dialog>: focus is trapped, Escape closes it). */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean; footer?: ComponentChildren; returnFocus?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const close = () => props.onClose();
    dialog.addEventListener('close', close);
    return () => {
      dialog.removeEventListener('close', close);
      // Closing (rather than just removing) it gives focus back to where it was. The editor's own
      // dialogs do not want that: the browser would put back the editor's old selection after the
      // editor has moved on, so those focus the editor themselves.
      if (dialog.open && props.returnFocus !== false) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} class={`dialog${props.wide ? ' dialog-wide' : ''}`} aria-labelledby="dialog-title">
      <header class="dialog-header">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" class="icon-button" aria-label="Close" onClick={() => ref.current?.close()}>
          <Icon name="close" />
        </button>
      </header>
      <div class="dialog-body">{props.children}</div>
      {props.footer ? <footer class="dialog-footer">{props.footer}</footer> : null}
    </dialog>
  );
}

/** Asks the browser to confirm leaving the page (closing the tab, reloading) while `unsaved()` says there are changes not saved. */
export function useLeaveWarning(unsaved: () => boolean): void {
  const check = useRef(unsaved);
  check.current = unsaved;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (check.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}

/** What the server's allow-list removed from what was typed, so nothing is lost without a word. */
/**
 * What the sanitizer did not keep, in words: the server's one-sentence summary where there is one,
 * otherwise each reason once (by field, for a content type's entry). Never the markup itself.
 */
export function RejectedNotice(props: { parts: ReadonlyArray<RejectedPart & { field?: string }>; summary?: string; what: string; onDismiss: () => void }) {
  if (!props.parts.length) return null;
  const reasons = [...new Set(props.parts.map((part) => `${part.field ? `${part.field}: ` : ''}${part.reason}`))];
  return (
    <div class="notice notice-warning" role="alert">
      <p><strong>Some parts were not kept</strong>, so that the {props.what} stays safe for visitors and looks as the theme intends.</p>
      {props.summary ? (
        <p class="rejected-summary">{props.summary}</p>
      ) : (
        <ul>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <Button variant="ghost" onClick={props.onDismiss}>Dismiss</Button>
    </div>
  );
}

/** Previous and next under a list that has more than one page. */
export function Pager(props: { page: number; pages: number; onPage: (page: number) => void }) {
  if (props.pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages of the list">
      <Button disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>Previous</Button>
      <span>Page {props.page} of {props.pages}</span>
      <Button disabled={props.page >= props.pages} onClick={() => props.onPage(props.page + 1)}>Next</Button>
    </nav>
  );
}

export function EmptyState(props: { title: string; children?: ComponentChildren; action?: ComponentChildren }) {
  return (
    <div class="empty">
      <div class="empty-art" aria-hidden="true" />
      <h2>{props.title}</h2>
      {props.children ? <p>{props.children}</p> : null}
      {props.action}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label ?? 'Loading…'}
    </div>
  );
}

export function ErrorNotice(props: { error: unknown; retry?: () => void }) {
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <div class="notice notice-error" role="alert">
      <p>{message}</p>
      {props.retry ? <Button onClick={props.retry}>Try again</Button> : null}
    </div>
  );
}

/** A search field with its icon; `label` names it for screen readers. */
export function SearchBox(props: { label: string; placeholder: string; value: string; onInput: (value: string) => void }) {
  return (
    <label class="search-box">
      <Icon name="search" />
      <span class="visually-hidden">{props.label}</span>
      <input type="search" placeholder={props.placeholder} value={props.value} onInput={(event) => props.onInput(event.currentTarget.value)} />
    </label>
  );
}

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>{props.title}</h1>
      <div class="page-actions">{props.children}</div>
    </header>
  );
}

export function Toasts() {
  const items = toasts.use();
  return (
    <div class="toasts" aria-live="polite">
      {items.map((item) => (
        <div key={item.id} class={`toast toast-${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'}>
          {item.text}
        </div>
      ))}
    </div>
  );
}

const ICONS: Record<string, string> = {
  close: 'M6 6l12 12M18 6L6 18',
  posts: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  pages: 'M7 3h7l5 5v13H7zM14 3v5h5',
  media: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9.5a1.5 1.5 0 1 0 0-.01',
  nav: 'M4 6h16M4 12h16M4 18h10',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .3-1.4-1.4L17 5l-3-1-1 2h-2l-1-2-3 1 .4 1.9L6 8.3 4 8 3 11l2 1v0l-2 1 1 3 2-.3 1.4 1.4L7 19l3 1 1-2h2l1 2 3-1-.4-1.9 1.4-1.4 2 .3 1-3z',
  users: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21a7 7 0 0 1 14 0M17 11a3 3 0 1 0 0-6M19 21a6 6 0 0 0-3-5',
  plugin: 'M9 4h4v2.5a1.5 1.5 0 0 0 3 0V4h4v5h-2.5a1.5 1.5 0 0 0 0 3H20v8h-5v-2.5a1.5 1.5 0 0 0-3 0V20H4v-5h2.5a1.5 1.5 0 0 0 0-3H4V4z',
  grid: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  collection: 'M4 4h7v7H4zM13 5h7M13 9h5M4 13h7v7H4zM13 14h7M13 18h5',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  plus: 'M12 5v14M5 12h14',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  menu: 'M4 6h16M4 12h16M4 18h16',
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M10 5h8M6 19h8M14 5l-4 14',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  list: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  ordered: 'M10 6h10M10 12h10M10 18h10M4 5l1.5-1V9M4 14h3l-3 4h3',
  quote: 'M7 7h4v4c0 3-2 5-4 6M15 7h4v4c0 3-2 5-4 6',
  code: 'M9 8l-4 4 4 4M15 8l4 4-4 4',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4',
  video: 'M4 6h12v12H4zM16 10l5-3v10l-5-3',
  undo: 'M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
  history: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  sidebar: 'M4 4h16v16H4zM15 4v16',
  back: 'M15 18l-6-6 6-6',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  hr: 'M4 12h16',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v4h16v-4',
  transfer: 'M7 4v13M3 13l4 4 4-4M17 20V7M13 11l4-4 4 4',
  package: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM4 7.5l8 4.5 8-4.5M12 12v9',
};

export function Icon(props: { name: keyof typeof ICONS | string; size?: number }) {
  const size = props.size ?? 20;
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={ICONS[props.name] ?? ''} />
    </svg>
  );
}

export function formatDate(iso: string | null, options: { time?: boolean } = {}): string {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', ...(options.time ? { hour: '2-digit', minute: '2-digit' } : {}) });
}

export function relativeTime(iso: string | null): string {
  if (!iso) return 'never';
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const steps: Array<[number, Intl.RelativeTimeFormatUnit]> = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return format.format(value, unit);
    value = Math.round(value / size);
  }
  return format.format(value, 'year');
}
