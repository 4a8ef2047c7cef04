/**
 * Counts the SQL statements this process runs, by wrapping better-sqlite3's statement methods:
 * the real queries of a real store, with nothing of the store changed for the test.
 */
import Database from 'better-sqlite3';

const METHODS = ['all', 'get', 'run', 'iterate'] as const;

export function countQueries(): { count: () => number; reset: () => void; restore: () => void } {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  let count = 0;
  const originals = METHODS.map((name) => [name, prototype[name]!] as const);
  for (const [name, original] of originals) {
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return {
    count: () => count,
    reset: () => {
      count = 0;
    },
    restore: () => {
      for (const [name, original] of originals) prototype[name] = original;
    },
  };
}
