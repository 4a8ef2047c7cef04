/** The editor's formatting toolbar: every button is labelled, shows its state and names its shortcut. */
import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../ui.tsx';

export function Toolbar(props: { editor: Editor; onLink: () => void; onImage: () => void; onVideo: () => void }) {
  const { editor } = props;
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((tick) => tick + 1);
    editor.on('transaction', update);
    return () => void editor.off('transaction', update);
  }, [editor]);

  const chain = () => editor.chain().focus();
  const block = editor.isActive('heading', { level: 2 }) ? 'h2' : editor.isActive('heading', { level: 3 }) ? 'h3' : editor.isActive('heading', { level: 4 }) ? 'h4' : 'p';
  const button = (label: string, icon: string, active: boolean, run: () => void, shortcut?: string) => (
    <button type="button" class="tool" aria-label={label} title={shortcut ? `${label} (${shortcut})` : label} aria-pressed={active} onClick={run}>
      <Icon name={icon} size={18} />
    </button>
  );

  return (
    <div class="toolbar" role="toolbar" aria-label="Formatting">
      <label class="visually-hidden" for="block-type">Text style</label>
      <select
        id="block-type"
        class="tool-select"
        value={block}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (value === 'p') chain().setParagraph().run();
          else chain().setHeading({ level: Number(value.slice(1)) as 2 | 3 | 4 }).run();
        }}
      >
        <option value="p">Paragraph</option>
        <option value="h2">Heading</option>
        <option value="h3">Subheading</option>
        <option value="h4">Small heading</option>
      </select>
      <span class="tool-sep" />
      {button('Bold', 'bold', editor.isActive('bold'), () => chain().toggleBold().run(), 'Ctrl+B')}
      {button('Italic', 'italic', editor.isActive('italic'), () => chain().toggleItalic().run(), 'Ctrl+I')}
      {button('Link', 'link', editor.isActive('link'), props.onLink, 'Ctrl+K')}
      <span class="tool-sep" />
      {button('Bulleted list', 'list', editor.isActive('bulletList'), () => chain().toggleBulletList().run())}
      {button('Numbered list', 'ordered', editor.isActive('orderedList'), () => chain().toggleOrderedList().run())}
      {button('Quote', 'quote', editor.isActive('blockquote'), () => chain().toggleBlockquote().run())}
      {button('Code block', 'code', editor.isActive('codeBlock'), () => chain().toggleCodeBlock().run())}
      {button('Divider', 'hr', false, () => chain().setHorizontalRule().run())}
      <span class="tool-sep" />
      {button('Image from the media library', 'image', false, props.onImage)}
      {button('Video from YouTube or Vimeo', 'video', false, props.onVideo)}
      <span class="tool-sep" />
      <button type="button" class="tool" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!editor.can().undo()} onClick={() => chain().undo().run()}>
        <Icon name="undo" size={18} />
      </button>
      <button type="button" class="tool" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!editor.can().redo()} onClick={() => chain().redo().run()}>
        <Icon name="redo" size={18} />
      </button>
    </div>
  );
}
