/**
 * One control for every kind of field the admin draws from data: plugin settings pages, theme
 * settings, and the forms and editor panels plugins describe. Each has its label, hint and error
 * wired for screen readers; text with a length limit counts its characters.
 */
import { useState } from 'preact/hooks';
import type { AdminSettingsField, FormField } from '../../hooks/payloads.ts';
import { MediaPicker } from './screens/media.tsx';
import { Button, Field } from './ui.tsx';

/** A settings field (`key`) or a plugin's form field (`name`), as one shape. */
export type FieldSpec = Omit<FormField, 'type'> & { readonly type: FormField['type'] | AdminSettingsField['type']; readonly placeholder?: string };

export function settingsFieldSpec(field: AdminSettingsField): FieldSpec {
  const { key, options, ...rest } = field;
  return { ...rest, name: key, ...(options ? { options } : {}) };
}

export function ImageField(props: { label: string; hint?: string | undefined; value: string | null; error?: string | undefined; onChange: (url: string | null) => void }) {
  const [picking, setPicking] = useState(false);
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <span class="label">{props.label}</span>
      <div class="image-field">
        {props.value ? <img src={props.value} alt="" /> : <span class="image-empty">None</span>}
        <Button onClick={() => setPicking(true)}>{props.value ? 'Replace' : 'Choose'}</Button>
        {props.value ? <Button variant="ghost" onClick={() => props.onChange(null)}>Remove</Button> : null}
      </div>
      {props.hint ? <p class="field-hint">{props.hint}</p> : null}
      {props.error ? <p class="field-error" role="alert">{props.error}</p> : null}
      {picking ? <MediaPicker title={props.label} onClose={() => setPicking(false)} onPick={(item) => (props.onChange(item.url), setPicking(false))} /> : null}
    </div>
  );
}

export function FieldInput(props: { field: FieldSpec; value: unknown; error?: string | undefined; onChange: (value: unknown) => void }) {
  const { field, value } = props;
  const text = value === undefined || value === null ? '' : String(value);
  if (field.type === 'image') return <ImageField label={field.label} hint={field.help} value={text || null} error={props.error} onChange={(url) => props.onChange(url ?? '')} />;
  if (field.type === 'boolean' || field.type === 'checkbox') {
    return (
      <div class={`field field-check${props.error ? ' field-invalid' : ''}`}>
        <label>
          <input type="checkbox" checked={value === true || value === 'true'} onChange={(e) => props.onChange(e.currentTarget.checked)} /> {field.label}
        </label>
        {field.help ? <p class="field-hint">{field.help}</p> : null}
        {props.error ? <p class="field-error" role="alert">{props.error}</p> : null}
      </div>
    );
  }
  if (field.type === 'file') return <FileField field={field} error={props.error} onChange={props.onChange} />;
  const counted = field.maxLength !== undefined && (field.type === 'text' || field.type === 'textarea' || field.type === 'html');
  const hint = counted ? `${field.help ? `${field.help} ` : ''}${text.length} of ${field.maxLength} characters.` : field.help;
  return (
    <Field label={field.label} hint={hint} error={props.error}>
      {(id, described) => {
        const common = { id, 'aria-describedby': described, required: field.required };
        if (field.type === 'select') {
          const options = field.options ?? [];
          return (
            <select {...common} value={text} onChange={(e) => props.onChange(e.currentTarget.value)}>
              {options.includes(text) ? null : <option value="">—</option>}
              {options.map((option) => <option key={option} value={option}>{option}</option>)}
            </select>
          );
        }
        if (field.type === 'color') {
          return (
            <div class="color-field">
              <input {...common} type="color" value={text || '#000000'} onInput={(e) => props.onChange(e.currentTarget.value)} />
              <code>{text}</code>
            </div>
          );
        }
        if (field.type === 'number') {
          return <input {...common} type="number" min={field.min} max={field.max} value={text} onInput={(e) => props.onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))} />;
        }
        if (field.type === 'textarea' || field.type === 'html') {
          return <textarea {...common} rows={field.type === 'html' ? 6 : 3} maxLength={field.maxLength} value={text} onInput={(e) => props.onChange(e.currentTarget.value)} />;
        }
        return (
          <input
            {...common}
            type={field.type === 'email' || field.type === 'url' || field.type === 'date' ? field.type : 'text'}
            maxLength={field.maxLength}
            pattern={field.pattern}
            placeholder={field.placeholder}
            value={text}
            onInput={(e) => props.onChange(e.currentTarget.value)}
          />
        );
      }}
    </Field>
  );
}

/** A text file (a CSV, say) chosen on this computer: its text becomes the field's value. */
function FileField(props: { field: FieldSpec; error?: string | undefined; onChange: (value: unknown) => void }) {
  const [reading, setReading] = useState<string | null>(null);
  return (
    <Field label={props.field.label} hint={reading ?? props.field.help} error={props.error}>
      {(id, described) => (
        <input
          id={id}
          type="file"
          accept={props.field.accept}
          required={props.field.required}
          aria-describedby={described}
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return props.onChange(undefined);
            setReading(`Reading ${file.name}…`);
            props.onChange(await file.text());
            setReading(`${file.name}, ${Math.max(1, Math.round(file.size / 1024))} KB`);
          }}
        />
      )}
    </Field>
  );
}
