/** Fields of the post settings panel that need more than an input: tags as chips, and the author. */
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { Field } from '../ui.tsx';

export function TagField(props: { tags: string[]; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState('');
  const [known, setKnown] = useState<string[]>([]);
  useEffect(() => {
    get<{ items: Array<{ name: string }> }>('/tags').then((answer) => setKnown(answer.items.map((tag) => tag.name)), () => setKnown([]));
  }, []);
  const add = (value: string) => {
    const name = value.trim().replace(/,$/, '').trim();
    if (name && !props.tags.some((tag) => tag.toLowerCase() === name.toLowerCase())) props.onChange([...props.tags, name]);
    setText('');
  };
  return (
    <Field label="Tags" hint="Press Enter or a comma after each. The first tag is the main one.">
      {(id, described) => (
        <div class="tag-input">
          <ul class="chips" aria-label="Tags">
            {props.tags.map((tag) => (
              <li key={tag} class="chip">
                {tag}
                <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => props.onChange(props.tags.filter((item) => item !== tag))}>×</button>
              </li>
            ))}
          </ul>
          <input
            id={id}
            list="known-tags"
            value={text}
            aria-describedby={described}
            onInput={(e) => (e.currentTarget.value.endsWith(',') ? add(e.currentTarget.value) : setText(e.currentTarget.value))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add(text);
              } else if (e.key === 'Backspace' && !text && props.tags.length) props.onChange(props.tags.slice(0, -1));
            }}
            onBlur={() => text && add(text)}
          />
          <datalist id="known-tags">{known.map((name) => <option key={name} value={name} />)}</datalist>
        </div>
      )}
    </Field>
  );
}

export function AuthorField(props: { value: string; onChange: (author: string) => void }) {
  const [authors, setAuthors] = useState<Array<{ slug: string; name: string }>>([]);
  useEffect(() => {
    get<{ items: Array<{ slug: string; name: string }> }>('/authors').then((answer) => setAuthors(answer.items), () => setAuthors([]));
  }, []);
  return (
    <Field label="Author">
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
          {authors.map((author) => <option key={author.slug} value={author.slug}>{author.name}</option>)}
        </select>
      )}
    </Field>
  );
}
