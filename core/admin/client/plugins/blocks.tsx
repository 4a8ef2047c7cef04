/**
 * The parts of a plugin's admin view, drawn with the admin's own look: figures, a table that
 * turns into cards on a phone (with the plugin's actions on each row), a bar chart that reads out
 * as a table, a download link. Every value is text: nothing a plugin sends becomes markup.
 */
import { useState } from 'preact/hooks';
import type { AdminBlock, AdminRowAction } from '../../../sdk/admin.ts';
import { api } from '../api.ts';
import { toast } from '../state.ts';
import { Button, Dialog, formatDate, Icon } from '../ui.tsx';
import { PluginForm } from './form.tsx';
import { actionPath, fillText } from './list.ts';

type Row = Readonly<Record<string, unknown>>;
type TableBlock = Extract<AdminBlock, { type: 'table' }>;
type ChartBlock = Extract<AdminBlock, { type: 'chart' }>;

/** What a cell shows: dates as dates, nothing for null, the rest as text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDate(value, { time: true });
  if (typeof value === 'boolean') return value ? 'yes' : '';
  return String(value);
}

export function Stats(props: { items: Extract<AdminBlock, { type: 'stats' }>['items'] }) {
  return (
    <dl class="stats">
      {props.items.map((item) => (
        <div key={item.label} class="stat">
          <dt>{item.label}</dt>
          <dd>{typeof item.value === 'number' ? item.value.toLocaleString() : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Table(props: { plugin: string; block: TableBlock; onChanged: (message?: string) => void }) {
  const { block } = props;
  const rows = block.rows as Row[];
  if (rows.length === 0) return <p class="plugin-empty">{block.empty ?? 'Nothing yet.'}</p>;
  const actions = block.actions ?? [];
  // Buttons repeat on every row, so each names its row for screen readers by the first column.
  // A table of more than three columns becomes one card per row on a phone.
  const rowName = (row: Row) => cellText(row[block.columns[0]?.key ?? '']);
  return (
    <div class="plugin-table-wrap">
      <table class={`plugin-table${block.columns.length + (actions.length ? 1 : 0) > 3 ? ' plugin-table-cards' : ''}`}>
        <thead>
          <tr>
            {block.columns.map((column) => <th key={column.key} scope="col">{column.label}</th>)}
            {actions.length ? <th scope="col"><span class="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={String(row.id ?? index)}>
              {block.columns.map((column) => (
                <td key={column.key} data-label={column.label}>{cellText(row[column.key])}</td>
              ))}
              {actions.length ? (
                <td class="row-actions">
                  {actions.map((action) => <RowAction key={action.label} plugin={props.plugin} action={action} row={row} name={rowName(row)} onDone={props.onChanged} />)}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowAction(props: { plugin: string; action: AdminRowAction; row: Row; name: string; onDone: (message?: string) => void }) {
  const { action, row } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = `${action.label} ${props.name}`.trim();
  const danger = 'method' in action && action.method === 'DELETE';
  const send = async () => {
    if (!('method' in action)) return;
    setBusy(true);
    try {
      const answer = await api<{ message?: unknown } | undefined>(action.method, actionPath(props.plugin, action.path, row));
      setOpen(false);
      props.onDone(typeof answer?.message === 'string' ? answer.message : `${action.label}: done.`);
    } catch (caught) {
      toast((caught as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const start = () => ('form' in action || action.confirm ? setOpen(true) : void send());
  return (
    <>
      <Button variant={danger ? 'danger' : 'secondary'} class="button-small" aria-label={label} busy={busy && !open} onClick={start}>
        {action.label}
      </Button>
      {open && 'form' in action ? (
        <Dialog title={action.form.title ?? action.label} onClose={() => setOpen(false)}>
          <PluginForm plugin={props.plugin} form={action.form} row={row} inDialog onDone={(message) => (setOpen(false), props.onDone(message ?? 'Saved.'))} footer={<Button onClick={() => setOpen(false)}>Cancel</Button>} />
        </Dialog>
      ) : null}
      {open && 'method' in action ? (
        <Dialog
          title={`${action.label}?`}
          onClose={() => setOpen(false)}
          footer={
            <>
              <Button onClick={() => setOpen(false)}>{danger ? 'Keep it' : 'Cancel'}</Button>
              <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={send}>{action.label}</Button>
            </>
          }
        >
          <p>{fillText(action.confirm ?? '', row)}</p>
        </Dialog>
      ) : null}
    </>
  );
}

/**
 * Bars in HTML, so they stay readable at any width: labels below every few bars (counted back
 * from the last, so today is always labelled; half as many on a phone), the value of each on
 * hover and for screen readers, and the same numbers as a list on request.
 */
export function Chart(props: { block: ChartBlock }) {
  const { title, series } = props.block;
  const max = Math.max(1, ...series.map((point) => point.value));
  const every = Math.max(1, Math.ceil(series.length / 8));
  const total = series.reduce((sum, point) => sum + point.value, 0);
  return (
    <figure class="chart card">
      <figcaption>
        <strong>{title}</strong>
        <span>{`highest ${max.toLocaleString()}, total ${total.toLocaleString()}`}</span>
      </figcaption>
      <ol class="chart-bars" aria-label={title}>
        {series.map((point, index) => (
          <li key={point.label} title={`${point.label}: ${point.value}`}>
            <span class="chart-bar" style={{ height: `${(point.value / max) * 100}%` }} aria-hidden="true" />
            <span class="visually-hidden">{`${point.label}: ${point.value}`}</span>
            {(series.length - 1 - index) % every === 0 ? <span class={`chart-label${((series.length - 1 - index) / every) % 2 ? ' chart-label-minor' : ''}`} aria-hidden="true">{point.label}</span> : null}
          </li>
        ))}
      </ol>
      <details class="chart-numbers">
        <summary>Show the numbers</summary>
        <dl class="chart-values">
          {series.map((point) => (
            <div key={point.label}>
              <dt>{point.label}</dt>
              <dd>{point.value.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      </details>
    </figure>
  );
}

export function DownloadLink(props: { plugin: string; block: Extract<AdminBlock, { type: 'link' }> }) {
  const href = `/admin/api${actionPath(props.plugin, props.block.path)}`;
  return (
    <p class="plugin-link">
      <a class="button" href={href} download={props.block.download ? '' : undefined}>
        {props.block.download ? <Icon name="download" /> : null} {props.block.label}
      </a>
    </p>
  );
}
