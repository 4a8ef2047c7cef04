/**
 * Just enough of SQLite's lexer to read a statement safely: words and quoted names outside
 * strings and comments, and where one statement ends and the next begins.
 */

export interface SqlToken {
  readonly text: string;
  /** A word or a quoted name ("x", `x`, [x]), with quotes removed; false for strings, numbers and punctuation. */
  readonly name: boolean;
  /** Where the token starts and ends in the statement, quotes included. */
  readonly at: number;
  readonly end: number;
  /** The quote a quoted name was written with: '"', '`' or '['. */
  readonly quote?: string;
}

export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  for (let i = 0; i < sql.length; ) {
    const char = sql[i]!;
    if (/\s/.test(char)) i++;
    else if (char === '-' && sql[i + 1] === '-') i = endOf(sql, '\n', i + 2);
    else if (char === '/' && sql[i + 1] === '*') i = endOf(sql, '*/', i + 2);
    else if (char === "'") {
      const end = endOfQuoted(sql, "'", i);
      tokens.push({ text: sql.slice(i, end), name: false, at: i, end });
      i = end;
    } else if (char === '"' || char === '`' || char === '[') {
      const close = char === '[' ? ']' : char;
      const end = endOfQuoted(sql, close, i);
      tokens.push({ text: sql.slice(i + 1, end - 1).replaceAll(close + close, close), name: true, at: i, end, quote: char });
      i = end;
    } else if (/[A-Za-z_]/.test(char)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))![0];
      tokens.push({ text: word, name: true, at: i, end: i + word.length });
      i += word.length;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const number = /^(?:0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)/i.exec(sql.slice(i))![0];
      tokens.push({ text: number, name: false, at: i, end: i + number.length });
      i += number.length;
    } else {
      tokens.push({ text: char, name: false, at: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** The statements of a script, each without its trailing semicolon; empty ones are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  for (let i = 0; i < sql.length; ) {
    const char = sql[i]!;
    if (char === '-' && sql[i + 1] === '-') i = endOf(sql, '\n', i + 2);
    else if (char === '/' && sql[i + 1] === '*') i = endOf(sql, '*/', i + 2);
    else if (char === "'" || char === '"' || char === '`' || char === '[') i = endOfQuoted(sql, char === '[' ? ']' : char, i);
    else if (char === ';') {
      statements.push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(sql.slice(start));
  return statements.filter((statement) => tokenize(statement).length > 0);
}

function endOf(sql: string, marker: string, from: number): number {
  const at = sql.indexOf(marker, from);
  return at === -1 ? sql.length : at + marker.length;
}

function endOfQuoted(sql: string, close: string, start: number): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === close) {
      if (close !== ']' && sql[i + 1] === close) i++;
      else return i + 1;
    }
  }
  return sql.length;
}
