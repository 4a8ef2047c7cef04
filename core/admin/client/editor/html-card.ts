/**
 * HTML cards: markup the editor has no node for (a WordPress cover block, a table, a paragraph
 * with a class or an inline style) is kept as it is in a card, as Ghost's editor and Gutenberg's
 * Classic block do, instead of being reduced to what the editor's schema knows. A card shows a
 * rendered, inert preview; owners and editors can change its HTML; it is saved unchanged.
 *
 * Which top-level blocks become cards is decided by a round trip: a block the editor would read
 * and write back differently (ignoring only what never shows, such as whitespace at a block's
 * edges) is a card. So nothing the editor does not understand is ever lost to it.
 */
import { Node, type Editor } from '@tiptap/core';
import { DOMParser as PmParser, DOMSerializer, type Schema, type Node as PmNode } from '@tiptap/pm/model';

export const HTML_CARD = 'htmlCard';

export interface HtmlCardOptions {
  /** Whether the person may change a card's HTML (owners and editors; not authors). */
  editable: boolean;
}

export const HtmlCard = Node.create<HtmlCardOptions>({
  name: HTML_CARD,
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addOptions: () => ({ editable: false }),
  addAttributes: () => ({ html: { default: '' } }),
  // Cards are made when a text is loaded, never from pasted HTML: what a card shows has been
  // through the server's sanitizer, or was typed into it by an owner or editor.
  parseHTML: () => [],
  renderHTML: ({ node }) => ['div', { 'data-html-card': '' }, node.attrs.html as string],
  addNodeView() {
    return ({ node, getPos, editor }) => cardView(node, editor, () => (typeof getPos === 'function' ? getPos() : undefined), this.options.editable);
  },
});

function cardView(initial: PmNode, editor: Editor, position: () => number | undefined, editable: boolean) {
  let html = initial.attrs.html as string;
  const dom = document.createElement('div');
  dom.className = 'html-card';
  dom.contentEditable = 'false';
  const bar = document.createElement('div');
  bar.className = 'html-card-bar';
  const label = document.createElement('span');
  label.className = 'html-card-label';
  const preview = document.createElement('div');
  preview.className = 'html-card-preview prose';
  preview.inert = true;
  dom.append(bar, preview);
  bar.append(label);

  const show = () => {
    label.textContent = `HTML · ${describe(html)}`;
    preview.replaceChildren(inertCopy(html));
  };
  show();

  if (editable) {
    const edit = button('Edit HTML', () => {
      const area = document.createElement('textarea');
      area.className = 'html-card-source';
      area.value = html;
      area.rows = Math.min(24, Math.max(4, html.split('\n').length + 1));
      area.setAttribute('aria-label', 'HTML of this block');
      area.spellcheck = false;
      const done = button('Done', () => {
        const at = position();
        if (at !== undefined && area.value !== html) {
          editor.view.dispatch(editor.state.tr.setNodeMarkup(at, undefined, { html: area.value }));
        }
        close();
      });
      const cancel = button('Cancel', () => close());
      const actions = document.createElement('div');
      actions.className = 'html-card-actions';
      actions.append(done, cancel);
      const close = () => {
        area.remove();
        actions.remove();
        preview.hidden = false;
        edit.hidden = false;
        edit.focus();
      };
      preview.hidden = true;
      edit.hidden = true;
      dom.append(area, actions);
      area.focus();
    });
    bar.append(edit);
  }

  return {
    dom,
    update(next: PmNode) {
      if (next.type.name !== HTML_CARD) return false;
      if (next.attrs.html !== html) {
        html = next.attrs.html as string;
        show();
      }
      return true;
    },
    // The card's own buttons and text area are not the editor's to handle.
    stopEvent: (event: Event) => (event.target as HTMLElement).closest?.('button, textarea') !== null,
    ignoreMutation: () => true,
  };
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = 'button button-secondary';
  element.textContent = text;
  element.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return element;
}

/** "cover", "gallery", "table": what a card holds, from WordPress's block class or the tag. */
function describe(html: string): string {
  const block = /\bwp-block-([a-z]+(?:-[a-z]+)*)/.exec(html)?.[1];
  if (block) return block.replace(/-/g, ' ');
  const tag = /^\s*<([a-z][a-z0-9]*)/i.exec(html)?.[1]?.toLowerCase();
  return tag ? `<${tag}>` : 'text';
}

/**
 * The card's markup as nodes that do nothing: parsed in a template (where nothing loads or runs),
 * with media that would play on its own or fetch eagerly held still, and no ids that could clash
 * with the admin's. The preview is `inert` too, so nothing in it takes a click or focus.
 */
function inertCopy(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const media of template.content.querySelectorAll('video, audio')) {
    media.removeAttribute('autoplay');
    media.setAttribute('preload', 'none');
  }
  for (const element of template.content.querySelectorAll('[id]')) element.removeAttribute('id');
  return template.content;
}

/** Phrasing elements: a run of them (with text) at the top level is one piece, as WordPress's Classic block would hold it. */
const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'big', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);

/** Where whitespace does not show, and the editor drops it: at the edges of a block and after a line break. */
const BLOCK_EDGE = /\s*(<\/?(?:address|blockquote|br|dd|div|dl|dt|figcaption|figure|h[1-6]|hr|li|ol|p|pre|table|tbody|td|tfoot|th|thead|tr|ul)(?: [^>]*)?>)\s*/g;

/**
 * The editor's document for `html`: each top-level block the editor reads and writes back the
 * same stays editable; every other one becomes an HTML card holding its markup.
 */
export function editorDocument(html: string, schema: Schema): { type: 'doc'; content: object[] } {
  const template = document.createElement('template');
  template.innerHTML = html;
  const content: object[] = [];
  for (const piece of topLevelPieces(template.content)) {
    const nodes = roundTrip(piece, schema);
    if (nodes) content.push(...nodes.map((node) => node.toJSON() as object));
    else content.push({ type: HTML_CARD, attrs: { html: piece.map(markupOf).join('') } });
  }
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

/** The top level's blocks, each alone, and runs of text and inline elements together; whitespace between blocks dropped. */
function topLevelPieces(root: DocumentFragment): globalThis.Node[][] {
  const pieces: globalThis.Node[][] = [];
  let run: globalThis.Node[] = [];
  const endRun = () => {
    while (run.length && isBlank(run.at(-1)!)) run.pop();
    if (run.length) pieces.push(run);
    run = [];
  };
  for (const child of [...root.childNodes]) {
    if (child.nodeType === 8) continue;
    const inline = child.nodeType === 3 || INLINE.has((child as Element).localName);
    if (inline) {
      if (run.length || !isBlank(child)) run.push(child);
      continue;
    }
    endRun();
    pieces.push([child]);
  }
  endRun();
  return pieces;
}

const isBlank = (node: globalThis.Node) => node.nodeType === 3 && !/\S/.test(node.textContent ?? '');
const markupOf = (node: globalThis.Node) => (node.nodeType === 1 ? (node as Element).outerHTML : node.nodeType === 3 ? escapeText(node.textContent ?? '') : '');
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');

/** The editor's nodes for a piece, when writing them back gives the same markup; otherwise null. */
function roundTrip(piece: globalThis.Node[], schema: Schema): PmNode[] | null {
  const holder = document.createElement('div');
  for (const node of piece) holder.append(node.cloneNode(true));
  const doc = PmParser.fromSchema(schema).parse(holder);
  const written = DOMSerializer.fromSchema(schema).serializeFragment(doc.content, { document });
  if (canonical([...holder.childNodes]) !== canonical([...written.childNodes])) return null;
  const nodes: PmNode[] = [];
  doc.content.forEach((node) => void nodes.push(node));
  return nodes;
}

/**
 * Markup as a browser shows it, to compare: attributes in order, `<b>` as `<strong>` and `<i>`
 * as `<em>` (the editor writes the latter), runs of whitespace as one space outside `<pre>`, no
 * whitespace at a block's edges, and a list item's first paragraph as the item's own text.
 */
function canonical(nodes: globalThis.Node[]): string {
  let out = '';
  const walk = (node: globalThis.Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const text = escapeText(node.textContent ?? '');
      out += pre ? text : text.replace(/[ \t\r\n\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.localName === 'b' ? 'strong' : element.localName === 'i' ? 'em' : element.localName;
    const attributes = [...element.attributes].map((attribute) => ` ${attribute.name}="${attribute.value.replace(/"/g, '&quot;')}"`).sort().join('');
    out += `<${tag}${attributes}>`;
    const children = [...element.childNodes];
    const first = children.find((child) => !isBlank(child));
    for (const child of children) {
      if (tag === 'li' && child === first && child.nodeType === 1 && (child as Element).localName === 'p' && !(child as Element).attributes.length) {
        for (const inner of [...child.childNodes]) walk(inner, pre);
      } else walk(child, pre || tag === 'pre');
    }
    out += `</${tag}>`;
  };
  for (const node of nodes) walk(node, false);
  return out.replace(BLOCK_EDGE, '$1').trim();
}

/**
 * The text's HTML: each card's markup as it was, the editor's blocks as it writes them, and no
 * empty paragraphs at either end (the editor keeps one there to type into beyond a card).
 */
export function documentHtml(doc: PmNode, schema: Schema): string {
  const serializer = DOMSerializer.fromSchema(schema);
  const parts: string[] = [];
  doc.forEach((node) => {
    if (node.type.name === HTML_CARD) return void parts.push(node.attrs.html as string);
    const holder = document.createElement('div');
    holder.append(serializer.serializeNode(node, { document }));
    parts.push(holder.innerHTML);
  });
  while (parts.length && parts.at(-1) === '<p></p>') parts.pop();
  while (parts.length && parts[0] === '<p></p>') parts.shift();
  return parts.join('');
}
