/**
 * The rich-text editor: TipTap (ProseMirror) with headings, bold and italic, lists, quotes,
 * links, code blocks, images and video embeds. Its HTML uses only what the server's sanitizer
 * allows, so what the writer sees is what gets saved.
 */
import { Editor, Node } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
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

export function createEditor(element: HTMLElement, html: string, onChange: (html: string) => void, label: string): Editor {
  return new Editor({
    element,
    content: html,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['mailto', 'tel'] },
        underline: false,
        strike: false,
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Embed,
      Placeholder.configure({ placeholder: 'Start writing…' }),
    ],
    editorProps: { attributes: { class: 'prose', 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' } },
    onUpdate: ({ editor }) => onChange(editor.isEmpty ? '' : editor.getHTML()),
  });
}
