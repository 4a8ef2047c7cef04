/**
 * The rich-text editor: TipTap (ProseMirror) with headings, bold and italic, lists, quotes,
 * links, code blocks, images and video embeds. Its HTML uses only what the server's sanitizer
 * allows, so what the writer sees is what gets saved. Markup it has no node for is kept whole
 * in HTML cards (html-card.ts), and a text the writer did not change is given back as it came.
 */
import { Editor, getSchema, Node, type Extensions } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { documentHtml, editorDocument, HtmlCard } from './html-card.ts';
import { PLAYER_ATTRIBUTES } from '../../../content/embeds.ts';

// The site shows WordPress's video embeds with the same player (core/content/embeds.ts).
export { embedUrl } from '../../../content/embeds.ts';

/** A YouTube or Vimeo video, stored as <figure class="embed"><iframe src="…"></iframe></figure>. */
const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { src: { default: null } };
  },
  parseHTML() {
    return [
      { tag: 'figure.embed', getAttrs: (element) => ({ src: (element as HTMLElement).querySelector('iframe')?.getAttribute('src') ?? null }) },
      { tag: 'iframe[src]', getAttrs: (element) => ({ src: (element as HTMLElement).getAttribute('src') }) },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'figure',
      { class: 'embed' },
      [
        'iframe',
        { src: HTMLAttributes.src, ...PLAYER_ATTRIBUTES },
      ],
    ];
  },
});

/**
 * Runs an editor command once a dialog has closed: closing gives focus back to the editor with
 * the selection it had, and a command run before that would land on a stale selection.
 */
export function afterDialog(command: () => void): void {
  setTimeout(command, 0);
}

/**
 * Inserts an image or an embed with an empty paragraph after it, so the writer goes on typing
 * below it (rather than with the new block selected, where the next insert would replace it).
 */
export function insertBlock(editor: Editor, node: { type: string; attrs: Record<string, unknown> }): void {
  editor.chain().focus().insertContent([node, { type: 'paragraph' }]).run();
}

export interface EditorOptions {
  /** Read by screen readers as the text's name ("Post text"). */
  label: string;
  /** Whether HTML cards can be edited as HTML (owners and editors). */
  editHtml: boolean;
  /** Called with the text's HTML on every change: the HTML it was loaded with while it is unchanged. */
  onChange: (html: string) => void;
}

/**
 * What the text was loaded with, how the editor writes it, and what was last reported, to tell a
 * real change from none (a click that adds the paragraph the editor keeps at the end is none).
 */
const loaded = new WeakMap<Editor, { original: string; written: string; reported: string }>();

export function createEditor(element: HTMLElement, html: string, options: EditorOptions): Editor {
  const extensions: Extensions = [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      // A link keeps the target and rel it has, rather than gaining the defaults TipTap would add.
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto', 'tel'], HTMLAttributes: { target: null, rel: null } },
      underline: false,
      strike: false,
    }),
    Image.configure({ inline: false, allowBase64: false }),
    Embed,
    HtmlCard.configure({ editable: options.editHtml }),
    Placeholder.configure({ placeholder: 'Start writing…' }),
  ];
  const editor = new Editor({
    element,
    content: editorDocument(html, getSchema(extensions)),
    extensions,
    editorProps: { attributes: { class: 'prose', 'aria-label': options.label, 'aria-multiline': 'true', role: 'textbox' } },
    onUpdate: ({ editor }) => {
      const body = bodyOf(editor);
      const start = loaded.get(editor);
      if (!start || body === start.reported) return;
      start.reported = body;
      options.onChange(body);
    },
  });
  loaded.set(editor, { original: html, written: documentHtml(editor.state.doc, editor.schema), reported: html });
  return editor;
}

/** Puts `html` in the editor (a restored revision, a save's cleaned text) as if it had just been opened. */
export function setBody(editor: Editor, html: string): void {
  editor.commands.setContent(editorDocument(html, editor.schema), { emitUpdate: false });
  loaded.set(editor, { original: html, written: documentHtml(editor.state.doc, editor.schema), reported: html });
}

/** The text's HTML: as it was loaded, byte for byte, while what the editor holds has not changed. */
function bodyOf(editor: Editor): string {
  const written = documentHtml(editor.state.doc, editor.schema);
  const start = loaded.get(editor);
  if (start && written === start.written) return start.original;
  return editor.isEmpty ? '' : written;
}
