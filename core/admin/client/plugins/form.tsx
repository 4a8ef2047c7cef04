/**
 * A form a plugin describes (AdminForm): the admin's own fields, sent as JSON to the plugin's
 * admin route. Fields the route refuses are marked; a `message` in its answer is shown under
 * the form (or, for a form in a dialog, which closes, by whoever opened it).
 */
import { useState } from 'preact/hooks';
import type { AdminForm } from '../../../sdk/admin.ts';
import { api } from '../api.ts';
import { FieldInput } from '../fields.tsx';
import { Button, FormError, useAction } from '../ui.tsx';
import { actionPath } from './list.ts';

type Values = Record<string, unknown>;

/** The values a form starts with: its own, or the row it changes (for each of its fields). */
function initialValues(form: AdminForm, row?: Readonly<Record<string, unknown>>): Values {
  const from = row ?? form.values ?? {};
  return Object.fromEntries(form.fields.map((field) => [field.name, from[field.name] ?? form.values?.[field.name]]));
}

export function PluginForm(props: {
  plugin: string;
  form: AdminForm;
  /** The table row a row action's form changes: its values fill the form and ":key" in the path. */
  row?: Readonly<Record<string, unknown>>;
  /** Where the form sits: a card of the page (with its title) or a dialog (which has the title). */
  inDialog?: boolean;
  onDone: (message: string | undefined) => void;
  footer?: preact.ComponentChildren;
}) {
  const { form } = props;
  const [values, setValues] = useState<Values>(() => initialValues(form, props.row));
  // A new key after each send starts the fields afresh (a file input cannot be emptied otherwise).
  const [round, setRound] = useState(0);
  const { busy, error, run } = useAction();
  // What the route said the last time the form was sent (an import's report, say), until the next send.
  const [result, setResult] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    // Wrapped, so that an empty answer (204) still tells success from failure (undefined).
    setResult(null);
    const sent = await run(async () => ({ answer: await api<{ message?: unknown } | undefined>(form.action.method, actionPath(props.plugin, form.action.path, props.row), body) }), { toastErrors: true });
    if (!sent) return;
    if (!props.row) {
      setValues(initialValues(form));
      setRound(round + 1);
    }
    const message = typeof sent.answer?.message === 'string' ? sent.answer.message : undefined;
    if (!props.inDialog) setResult(message ?? 'Saved.');
    props.onDone(message);
  };
  const titleId = `form-${form.action.path.replace(/\W+/g, '-')}-title`;
  return (
    <form class={props.inDialog ? 'plugin-form' : 'plugin-form card'} onSubmit={submit} aria-labelledby={form.title && !props.inDialog ? titleId : undefined}>
      {form.title && !props.inDialog ? <h2 id={titleId}>{form.title}</h2> : null}
      <div key={round}>
        {form.fields.map((field) => (
          <FieldInput key={field.name} field={field} value={values[field.name]} error={error?.field(field.name)} onChange={(value) => setValues({ ...values, [field.name]: value })} />
        ))}
      </div>
      <FormError error={error} />
      <div class="row">
        <Button type="submit" variant="primary" busy={busy}>{form.submit ?? 'Save'}</Button>
        {props.footer}
      </div>
      {result ? <p class="notice notice-info" role="status">{result}</p> : null}
    </form>
  );
}
