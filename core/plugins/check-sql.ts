/**
 * `guild plugin check`'s look at a plugin's SQL: every statement in its source (source-sql.ts)
 * that only one of the engines a site may live on accepts, or that they answer differently, by
 * file and line, naming the construct and what to write instead (portable-sql.ts). The same
 * statements are refused when they run (storage.ts); the check finds them before any site does.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestProblem } from '../manifest/index.ts';
import { describeUnportable, unportableSql } from './portable-sql.ts';
import { sqlInSource } from './source-sql.ts';
import { splitStatements } from './sql.ts';

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const SKIPPED = new Set(['node_modules', 'dist']);

export async function unportableSqlProblems(dir: string): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = [];
  for (const file of await sourceFiles(dir)) {
    for (const found of sqlInSource(await readFile(file, 'utf8'))) {
      for (const statement of splitStatements(found.sql)) {
        for (const problem of unportableSql(statement)) {
          problems.push({ file, path: `line ${found.line}`, message: `GUILD_ERR_PLUGIN_SQL_UNPORTABLE: SQL only one database engine accepts: ${describeUnportable(problem)}` });
        }
      }
    }
  }
  return problems;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files.sort();
}
