/**
 * The inline styles a post may carry: what WordPress's core blocks write (cover images, colours,
 * gradients, alignment, sizes, column widths), property by property, each value checked against
 * a pattern. Everything else (position, z-index, anything with a script or a foreign address in
 * it) is removed by the sanitizer and reported one rule at a time.
 */

/**
 * No value may hold what could run or reach outside a plain value: CSS escapes (which hide
 * `javascript:` from a pattern), comments, old Internet Explorer's `expression()` and bindings,
 * `@import`, or an `image-set()`/`attr()` that fetches or reads what the patterns never saw.
 */
const HOSTILE = String.raw`(?![\s\S]*(?:\\|\/\*|expression|behavior|binding|javascript|vbscript|@import|image-set|attr\(|[<>{};]))`;

const NUMBER = String.raw`\d*\.?\d+`;
const LENGTH = String.raw`(?:0|${NUMBER}(?:px|em|rem|%|vw|vh|vmin|vmax|ch|ex|pt))`;
/** A CSS custom property from WordPress's theme.json presets, as blocks write them. */
const PRESET = String.raw`var\(--wp--[a-z0-9-]+\)`;
const COLOUR = String.raw`(?:#[0-9a-f]{3,8}|(?:rgb|rgba|hsl|hsla)\([\d\s.,%/deg]+\)|[a-z]{3,20}|${PRESET})`;
const STOP = String.raw`${COLOUR}(?:\s+${LENGTH}){0,2}`;
const ANGLE = String.raw`(?:${NUMBER}(?:deg|turn|rad)|to(?:\s+(?:top|bottom|left|right)){1,2}|(?:circle|ellipse|closest-side|closest-corner|farthest-side|farthest-corner)(?:\s+at\s+[\w\s%.]+)?|at\s+[\w\s%.]+)`;
const GRADIENT = String.raw`(?:repeating-)?(?:linear|radial|conic)-gradient\((?:${ANGLE}\s*,\s*)?${STOP}(?:\s*,\s*${STOP})+\)`;
/** Pictures from the web or from this site, never `javascript:`, `data:` or another scheme. */
const URL = String.raw`url\((?:(["']?)(?:https?:\/\/[^\s"'()]+|\/(?!\/)[^\s"'()]*)\1)\)`;
const POSITION = String.raw`(?:(?:${LENGTH}|left|right|top|bottom|center)(?:\s+(?:${LENGTH}|left|right|top|bottom|center)){0,3})`;
const SIZE = String.raw`(?:${LENGTH}|auto|none|fit-content|min-content|max-content|${PRESET})`;
const SPACING = String.raw`(?:${LENGTH}|auto|${PRESET})(?:\s+(?:${LENGTH}|auto|${PRESET})){0,3}`;

const rule = (pattern: string) => new RegExp(`^${HOSTILE}(?:${pattern})$`, 'i');

/** Property → the patterns one of which its value must match (sanitize-html's `allowedStyles`). */
export const STYLE_RULES: Readonly<Record<string, RegExp[]>> = {
  // Colours and backgrounds: colour classes' custom values, cover images, gradients.
  color: [rule(COLOUR)],
  'background-color': [rule(COLOUR)],
  'background-image': [rule(URL), rule(GRADIENT)],
  background: [rule(COLOUR), rule(GRADIENT), rule(`${URL}(?:\\s+[\\w\\s%./-]+)?`)],
  'background-position': [rule(POSITION)],
  'background-size': [rule(`cover|contain|auto|${LENGTH}(?:\\s+(?:${LENGTH}|auto))?`)],
  'background-repeat': [rule('(?:no-)?repeat(?:-[xy])?|space|round')],
  'background-attachment': [rule('scroll|fixed|local')],
  'border-color': [rule(`${COLOUR}(?:\\s+${COLOUR}){0,3}`)],
  'border-width': [rule(SPACING)],
  'border-style': [rule('(?:none|solid|dashed|dotted|double)(?:\\s+(?:none|solid|dashed|dotted|double)){0,3}')],
  'border-radius': [rule(SPACING)],
  // Text: alignment and the typography settings blocks offer.
  'text-align': [rule('left|right|center|justify|start|end')],
  'text-decoration': [rule('none|underline|line-through|overline')],
  'text-transform': [rule('none|uppercase|lowercase|capitalize')],
  'font-size': [rule(`${LENGTH}|${PRESET}|small|medium|large|x-large|xx-large`)],
  'font-style': [rule('normal|italic')],
  'font-weight': [rule('normal|bold|[1-9]00')],
  'line-height': [rule(`${NUMBER}|${LENGTH}|normal`)],
  'letter-spacing': [rule(`${LENGTH}|normal|-?${NUMBER}(?:px|em|rem)`)],
  // Sizes: image widths, cover heights, columns' widths; margins and paddings never negative.
  width: [rule(SIZE)],
  height: [rule(SIZE)],
  'min-width': [rule(SIZE)],
  'min-height': [rule(SIZE)],
  'max-width': [rule(SIZE)],
  'max-height': [rule(SIZE)],
  'aspect-ratio': [rule(`auto|unset|${NUMBER}(?:\\s*\\/\\s*${NUMBER})?`)],
  'flex-basis': [rule(SIZE)],
  'object-fit': [rule('cover|contain|fill|none|scale-down')],
  'object-position': [rule(POSITION)],
  'vertical-align': [rule('top|middle|bottom|baseline')],
  padding: [rule(SPACING)],
  'padding-top': [rule(SIZE)],
  'padding-right': [rule(SIZE)],
  'padding-bottom': [rule(SIZE)],
  'padding-left': [rule(SIZE)],
  margin: [rule(SPACING)],
  'margin-top': [rule(SIZE)],
  'margin-right': [rule(SIZE)],
  'margin-bottom': [rule(SIZE)],
  'margin-left': [rule(SIZE)],
};

/**
 * The declarations of a style attribute as written (`position: fixed`), split on the semicolons
 * that end them (not those inside quotes or parentheses), for reporting what was not kept.
 */
export function declarations(style: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i <= style.length; i++) {
    const char = style[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if ((char === ';' && depth === 0) || char === undefined) {
      const declaration = style.slice(start, i).trim();
      if (declaration) found.push(declaration);
      start = i + 1;
    }
  }
  return found;
}

/** A declaration in the form the sanitizer writes it (`position:fixed`), to compare what was sent with what was kept. */
export function normalDeclaration(declaration: string): string {
  const colon = declaration.indexOf(':');
  if (colon < 0) return declaration.trim();
  return `${declaration.slice(0, colon).trim()}:${declaration.slice(colon + 1).trim().replace(/\s*!\s*important$/i, ' !important')}`;
}
