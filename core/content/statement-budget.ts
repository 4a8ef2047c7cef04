/**
 * A time limit on single SQL statements of a SQLite connection: the host runs plugins' SQL under
 * one, so a statement that runs away is stopped instead of holding the thread that serves every
 * site. The limit is kept by a small SQLite extension of ours (statement-budget.c; npm builds it
 * after installing, with scripts/build-native.mjs), loaded into a connection the first time it
 * runs a limited statement.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.ts';

// Two folders up from this module is the install, from core/content/ and from .guild/cli/ (the bundle) alike.
const LIBRARY = fileURLToPath(new URL('../../.guild/native/statement-budget.so', import.meta.url));

/** Runs `work` (one statement) with at most `ms` of time; past it SQLite stops the statement with SQLITE_INTERRUPT. */
export type WithinBudget = <T>(ms: number, work: () => T) => T;

const budgets = new WeakMap<SqliteDatabase, WithinBudget>();
let problem: { readonly text: string | undefined } | undefined;

/** Why statements cannot be limited on this install, or undefined when they can (looked at once per process). */
export function statementBudgetProblem(): string | undefined {
  problem ??= {
    text: existsSync(LIBRARY)
      ? undefined
      : `${LIBRARY} is missing, so plugins' SQL runs without a time limit: install a C compiler (Debian: apt-get install build-essential) and run \`node scripts/build-native.mjs\``,
  };
  return problem.text;
}

/** The time limit for statements on this connection; undefined when the extension is not built (see statementBudgetProblem). */
export function statementBudget(db: SqliteDatabase): WithinBudget | undefined {
  let within = budgets.get(db);
  if (!within && !statementBudgetProblem()) {
    try {
      db.loadExtension(LIBRARY);
    } catch (error) {
      throw new Error(`${LIBRARY} could not be loaded (${(error as Error).message}): build it again with \`node scripts/build-native.mjs\``);
    }
    const arm = db.prepare<[number]>('SELECT guild_statement_budget(?)');
    within = (ms, work) => {
      arm.get(ms);
      try {
        return work();
      } finally {
        disarm(arm);
      }
    };
    budgets.set(db, within);
  }
  return within;
}

function disarm(arm: Statement<[number]>): void {
  try {
    arm.get(0);
  } catch (error) {
    // The watchdog's interrupt came just as the statement ended and stopped this one instead; it
    // disarmed the budget as it did.
    if ((error as { code?: string }).code !== 'SQLITE_INTERRUPT') throw error;
  }
}

/** Whether an error is SQLite stopping a statement that ran past its budget. */
export function isPastBudget(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_INTERRUPT';
}
