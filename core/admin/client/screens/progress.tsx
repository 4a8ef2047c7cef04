/**
 * The admin's progress bar for long work (an import, fetching files): screen readers hear each
 * new step (`step`), not every number that moves.
 */
export function Progress(props: { step: string; detail?: string; done: number; total: number | null }) {
  const percent = props.total ? Math.min(100, Math.round((props.done / props.total) * 100)) : undefined;
  return (
    <div class="progress">
      <span class="visually-hidden" role="status">{props.step}</span>
      <div class="progress-label" aria-hidden="true">
        <span>{props.step}{props.detail ? ` ${props.detail}` : ''}</span>
        {percent !== undefined ? <span>{percent}%</span> : <span class="spinner" />}
      </div>
      <progress max={100} value={percent} aria-label={props.step} />
    </div>
  );
}
