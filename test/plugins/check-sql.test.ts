// `guild plugin check`'s reading of a plugin's SQL: the statements in its source, found past
// comments, regular expressions and template expressions, and every bundled plugin portable.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unportableSqlProblems } from '../../core/plugins/check-sql.ts';
import { sqlInSource } from '../../core/plugins/source-sql.ts';

describe('SQL in a plugin source', () => {
  it('finds statements in strings and templates, with a name for each ${…}, and skips prose, comments and regular expressions', () => {
    const source = [
      '// SELECT * FROM commented_out',
      "const help = 'Select from the list';",
      'const re = /DELETE FROM "x"/g;',
      'const n = total / 2; const m = n / 3;',
      'db.all(`SELECT id FROM ${db.table(`a${"b"}`)} WHERE x = ?`, `prose`);',
      "db.run('insert into t (a) values (1)');",
    ].join('\n');
    expect(sqlInSource(source)).toEqual([
      { sql: 'SELECT id FROM guild_value WHERE x = ?', line: 5 },
      { sql: 'insert into t (a) values (1)', line: 6 },
    ]);
  });

  it('passes every plugin Guild ships', async () => {
    const root = path.resolve('plugins');
    for (const name of readdirSync(root)) expect(await unportableSqlProblems(path.join(root, name)), name).toEqual([]);
  });
});
