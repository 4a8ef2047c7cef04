/**
 * What the sanitizer removed, in one sentence a client understands: "Removed a script and 2 style
 * rules the site does not allow (position:fixed)." rather than the markup it came from.
 */
import type { RejectedPart } from './sanitize.ts';

/** Names of removed elements a writer may recognise; others are named by their tag. */
const ELEMENTS: Readonly<Record<string, [one: string, many: string]>> = {
  script: ['a script', 'scripts'],
  style: ['a style sheet', 'style sheets'],
  iframe: ['an embed from a site other than YouTube or Vimeo', 'embeds from sites other than YouTube or Vimeo'],
  form: ['a form', 'forms'],
  input: ['a form field', 'form fields'],
  button: ['a button', 'buttons'],
  object: ['a plugin object', 'plugin objects'],
  embed: ['a plugin object', 'plugin objects'],
  svg: ['a drawing (SVG)', 'drawings (SVG)'],
};

/** How many examples a group names in brackets. */
const EXAMPLES = 3;

export function summarizeRejected(parts: readonly RejectedPart[]): string {
  if (!parts.length) return '';
  const groups = new Map<string, { one: string; many: string; examples: Set<string>; count: number }>();
  const add = (key: string, one: string, many: string, example?: string) => {
    const group = groups.get(key) ?? { one, many, examples: new Set<string>(), count: 0 };
    group.count++;
    if (example) group.examples.add(example);
    groups.set(key, group);
  };
  for (const part of parts) {
    // An embed whose address is refused goes with it.
    const embed = part.element === 'iframe' && part.attribute === 'src';
    if (part.kind === 'element' || embed) {
      const known = ELEMENTS[part.element];
      if (known) add(`element ${part.element}`, known[0], known[1]);
      else add('element', 'an element the text may not contain', 'elements the text may not contain', part.element);
    } else if (part.kind === 'style') add('style', 'a style rule the site does not allow', 'style rules the site does not allow', part.value);
    else if (part.kind === 'class') add('class', "a class that is not WordPress's or the theme's", "classes that are not WordPress's or the theme's", part.value);
    else if (/^on/i.test(part.attribute ?? '')) add('handler', 'an event handler', 'event handlers', part.attribute);
    else if (part.reason.startsWith('the link')) add('link', 'a link that is not a web, mail or phone address', 'links that are not web, mail or phone addresses');
    else add('attribute', 'an attribute the site does not keep', 'attributes the site does not keep', part.attribute);
  }
  // Whole elements first, then what was taken off the ones kept.
  const order = (key: string) => ['element', 'handler', 'link', 'attribute', 'style', 'class'].indexOf(key.split(' ')[0]!);
  const phrases = [...groups].sort(([a], [b]) => order(a) - order(b)).map(([, group]) => {
    const examples = [...group.examples];
    const named = examples.length ? ` (${examples.slice(0, EXAMPLES).join(', ')}${examples.length > EXAMPLES ? ', …' : ''})` : '';
    return `${group.count === 1 ? group.one : `${group.count} ${group.many}`}${named}`;
  });
  return `Removed ${listOf(phrases)}.`;
}

function listOf(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1)}`;
}
