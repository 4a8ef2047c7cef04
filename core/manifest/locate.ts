/**
 * Finds the line a JSON pointer points at in a manifest's text, so that a problem can say
 * `sites/acme/site.json:7 /theme/settings/accent` rather than make the reader count. A small
 * scanner over valid JSON (the text has parsed already): it walks values, following the
 * pointer's segments, and stops at the value (or, for a missing property, the object) reached.
 */

/** The 1-based line of the value at `pointer` (or of the deepest parent that exists). */
export function lineOf(text: string, pointer: string): number {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const scanner = new Scanner(text);
  scanner.skipSpace();
  for (const segment of segments) {
    if (!scanner.enter(segment)) break;
  }
  return lineAt(text, scanner.position);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

class Scanner {
  position = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  skipSpace(): void {
    while (/\s/.test(this.#text[this.position] ?? '')) this.position++;
  }

  /** Moves from the start of an object or array to the start of its member `segment`; false when absent. */
  enter(segment: string): boolean {
    const open = this.#text[this.position];
    if (open !== '{' && open !== '[') return false;
    const start = this.position;
    this.position++;
    let index = 0;
    for (;;) {
      this.skipSpace();
      if (this.#text[this.position] === '}' || this.#text[this.position] === ']') break;
      let key = String(index++);
      if (open === '{') {
        key = this.#string();
        this.skipSpace();
        this.position++; // the colon
        this.skipSpace();
      }
      if (key === segment) return true;
      this.#skipValue();
      this.skipSpace();
      if (this.#text[this.position] === ',') this.position++;
    }
    this.position = start;
    return false;
  }

  #string(): string {
    const start = this.position;
    this.position++;
    while (this.position < this.#text.length && this.#text[this.position] !== '"') this.position += this.#text[this.position] === '\\' ? 2 : 1;
    this.position++;
    return JSON.parse(this.#text.slice(start, this.position)) as string;
  }

  #skipValue(): void {
    const char = this.#text[this.position];
    if (char === '"') return void this.#string();
    if (char === '{' || char === '[') {
      let depth = 0;
      do {
        const current = this.#text[this.position];
        if (current === '"') {
          this.#string();
          continue;
        }
        if (current === '{' || current === '[') depth++;
        if (current === '}' || current === ']') depth--;
        this.position++;
      } while (depth > 0 && this.position < this.#text.length);
      return;
    }
    while (this.position < this.#text.length && !/[,\]}\s]/.test(this.#text[this.position]!)) this.position++;
  }
}
