/**
 * The SQL in a plugin's source, for `guild plugin check`: every string and template literal
 * (found by a small JavaScript lexer, so comments and regular expressions are skipped) that reads
 * as a statement, with each `${…}` standing for a name (a table from storage.table(), usually).
 */
import { tokenize } from './sql.ts';

export interface SourceSql {
  readonly sql: string;
  /** The line the literal starts on, from 1. */
  readonly line: number;
}

/** A placeholder for `${…}`: a plain name, so the statement around it still reads as SQL. */
const PLACEHOLDER = 'guild_value';
/** After these a "/" starts a regular expression, not a division. */
const BEFORE_REGEX = /[(,=:[!&|?{};+\-*%<>~^]$|(?:^|[^\w$])(?:return|typeof|case|in|of|new|delete|void|throw|yield|await|else|do)$/;
/** A statement's first word, and a word that must follow somewhere for the literal to be SQL rather than prose. */
const SQL_SHAPES: Readonly<Record<string, readonly string[]>> = {
  SELECT: ['FROM', 'AS'],
  INSERT: ['INTO'],
  REPLACE: ['INTO'],
  UPDATE: ['SET'],
  DELETE: ['FROM'],
  CREATE: ['TABLE', 'INDEX', 'VIEW', 'TRIGGER'],
  DROP: ['TABLE', 'INDEX', 'VIEW'],
  ALTER: ['TABLE'],
  WITH: ['SELECT'],
  PRAGMA: [],
};

export function sqlInSource(source: string): SourceSql[] {
  const found: SourceSql[] = [];
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  const keep = (text: string, at: number) => {
    if (looksLikeSql(text)) found.push({ sql: text, line: lineAt(at) });
  };
  /** Reads from `i` until `until` (a closing brace of a template expression) at depth 0, or the end. */
  const scan = (start: number, until?: string): number => {
    let i = start;
    let depth = 0;
    let previous = '';
    while (i < source.length) {
      const char = source[i]!;
      if (char === '/' && source[i + 1] === '/') i = endOf(source, '\n', i);
      else if (char === '/' && source[i + 1] === '*') i = endOf(source, '*/', i + 2) + 2;
      else if (char === "'" || char === '"') {
        const end = endOfString(source, i);
        keep(unescape(source.slice(i + 1, end)), i);
        i = end + 1;
        previous = 'x';
      } else if (char === '`') {
        let text = '';
        const at = i;
        i++;
        while (i < source.length && source[i] !== '`') {
          if (source[i] === '\\') {
            text += source.slice(i, i + 2);
            i += 2;
          } else if (source[i] === '$' && source[i + 1] === '{') {
            text += PLACEHOLDER;
            i = scan(i + 2, '}') + 1;
          } else text += source[i++];
        }
        keep(unescape(text), at);
        i++;
        previous = 'x';
      } else if (char === '/' && BEFORE_REGEX.test(previous.trimEnd() || '(')) {
        i = endOfRegex(source, i);
        previous = 'x';
      } else {
        if (char === '{') depth++;
        else if (char === '}') {
          if (until && depth === 0) return i;
          depth--;
        }
        if (!/\s/.test(char)) previous = (previous + char).slice(-12);
        else previous += char;
        i++;
      }
    }
    return i;
  };
  scan(0);
  return found;
}

/** A statement, not prose: its first word is a statement's, written all in capitals or all in lowercase ("Delete …?" is a sentence), and a word that must follow it does. */
function looksLikeSql(text: string): boolean {
  const tokens = tokenize(text).filter((token) => token.name && !token.quote);
  const first = tokens[0]?.text ?? '';
  const follow = SQL_SHAPES[first.toUpperCase()];
  if (!follow || !/^\s*[A-Za-z]+\s/.test(text) || (first !== first.toUpperCase() && first !== first.toLowerCase())) return false;
  const cased = first === first.toUpperCase() ? (word: string) => word : (word: string) => word.toLowerCase();
  return follow.length === 0 || tokens.some((token) => follow.map(cased).includes(token.text));
}

function endOf(source: string, marker: string, from: number): number {
  const at = source.indexOf(marker, from);
  return at === -1 ? source.length : at;
}

function endOfString(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote || source[i] === '\n') return i;
  }
  return source.length;
}

function endOfRegex(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if ((char === '/' && !inClass) || char === '\n') return i + 1;
  }
  return source.length;
}

/** The common escapes, enough to read SQL: quotes, backslashes, new lines. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_match, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char));
}
