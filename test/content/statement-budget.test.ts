// The time limit on single statements (core/content/statement-budget.c through statement-budget.ts):
// npm builds the extension after installing, so an install that runs these tests has it.
import { afterEach, describe, expect, it } from 'vitest';
import { isPastBudget, openDatabase, statementBudget, statementBudgetProblem, type SqliteDatabase } from '../../core/content/index.ts';

// Bounded, so that a limit that failed shows as a failed test (after about half a minute), not a hung run.
const RUNAWAY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c';

describe('a time limit on single statements', () => {
  const opened: SqliteDatabase[] = [];
  const open = () => {
    const db = openDatabase(':memory:');
    opened.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });

  it('is built on this install', () => {
    expect(statementBudgetProblem()).toBeUndefined();
  });

  it('stops a statement that runs past it, and the connection goes on', () => {
    const db = open();
    const within = statementBudget(db)!;
    let stopped: unknown;
    try {
      within(50, () => db.prepare(RUNAWAY).pluck().get());
    } catch (error) {
      stopped = error;
    }
    expect(isPastBudget(stopped)).toBe(true);
    expect(db.prepare('SELECT 1 + 1').pluck().get()).toBe(2);
    expect(within(1000, () => db.prepare('SELECT count(*) FROM (SELECT 1 UNION ALL SELECT 2)').pluck().get())).toBe(2);
  });

  it('rolls back the write it stops, and leaves statements without a limit alone', () => {
    const db = open();
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'kept\')');
    const within = statementBudget(db)!;
    expect(() => within(50, () => db.prepare(`INSERT INTO notes (text) SELECT 'spill' FROM (${RUNAWAY.replace('count(*)', 'x')})`).run())).toThrow('interrupted');
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['kept']);
    // Armed only for the statement it ran: the next one, much longer than 50 ms, runs to its end.
    expect(db.prepare('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c').pluck().get()).toBe(1_000_000);
  });

  it('keeps each connection’s limit to itself', () => {
    const [limited, other] = [open(), open()];
    const within = statementBudget(limited)!;
    expect(() => within(30, () => limited.prepare(RUNAWAY).pluck().get())).toThrow('interrupted');
    expect(statementBudget(other)!(5000, () => other.prepare('SELECT 7').pluck().get())).toBe(7);
    limited.close();
    opened.splice(opened.indexOf(limited), 1);
    // The watchdog forgot the closed connection; the other still has its limit.
    expect(() => statementBudget(other)!(30, () => other.prepare(RUNAWAY).pluck().get())).toThrow('interrupted');
  });
});
